// The repository explains itself: every relative link in a Markdown file names a file
// that is in the repository.
// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const files = execFileSync('git', ['ls-files', '*.md'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

/** Relative link targets of a Markdown text: `[x](target)` and `<img src="target">`, without anchors. */
export function relativeLinks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)|<img[^>]*\ssrc="([^"]+)"/g)) {
    const target = (m[1] ?? m[2])!.split('#')[0]!;
    if (!target || /^[a-z][a-z+.-]*:/i.test(target)) continue;
    out.push(target);
  }
  return out;
}

describe('Markdown links', () => {
  it('finds relative links and skips absolute ones', () => {
    expect(relativeLinks('[a](docs/x.md#part) [b](https://example.com) <img src="s.png" width="3"> [c](#top)')).toEqual(['docs/x.md', 's.png']);
  });

  it.each(files)('%s links only files in the repository', (file) => {
    const dead = relativeLinks(readFileSync(join(ROOT, file), 'utf8')).filter((t) => !existsSync(join(ROOT, dirname(file), decodeURIComponent(t))));
    expect(dead).toEqual([]);
  });
});
