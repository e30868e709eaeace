// @vitest-environment node
// The `detect` command, spawned as a person would run it, on saved pages.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const PAGES = 'tests/fixtures/pages/detect';

function run(...files: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/detect.ts', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown> & { file: string });
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('detect:'));
  return { status: r.status, lines, errors };
}

describe('npm run detect', () => {
  const all = run(
    ...['news-article.html', 'x-status.html', 'bsky-post.html', 'hn-item.html', 'hn-front.html', 'reddit-post.html', 'mastodon-status.html', 'youtube-watch.html', 'blog-main.html', 'nonai-recipe.html', 'search-results.html'].map((f) => `${PAGES}/${f}`),
  );

  it.each([
    ['news-article.html', 'article', 'open-source-ai', ['deepseek-v3.2', 'hugging-face', 'llama-3.1']],
    ['x-status.html', 'post', 'agents-automation', ['claude-code']],
    ['bsky-post.html', 'post', 'security-privacy', []],
    ['hn-item.html', 'post', 'open-source-ai', ['mistral-small', 'llama-cpp']],
    ['hn-front.html', 'post', 'hardware-compute', ['b300', 'h100', 'mi355x']],
    ['reddit-post.html', 'post', 'education', ['chatgpt']],
    ['mastodon-status.html', 'post', 'bias-fairness', []],
    ['youtube-watch.html', 'post', 'consciousness', ['claude']],
    ['blog-main.html', 'article', 'open-source-ai', ['llama-3.3', 'ollama', 'vllm']],
    ['nonai-recipe.html', 'article', null, []],
    ['search-results.html', null, null, []],
  ])('%s → %s, %s', (file, kind, beat, entities) => {
    const line = all.lines.find((l) => l.file === `${PAGES}/${file}`);
    expect(line).toBeDefined();
    expect(line!.kind).toBe(kind);
    expect((line!.beat as { id: string } | null)?.id ?? null).toBe(beat);
    const ids = (line!.entities as { id: string }[]).map((e) => e.id);
    for (const id of entities) expect(ids).toContain(id);
    if (beat) expect(Object.keys(line!)).toEqual(expect.arrayContaining(['file', 'url', 'kind', 'title', 'beat', 'runnersUp', 'entities']));
  });

  // Saved with `curl -o`: no canonical link, no "saved from" mark. These came out
  // "skipped: not an article or post" when a file: address counted as no web page.
  it.each([
    ['tests/fixtures/pages/news/open-weights-release.html', 'open-source-ai', ['deepseek-v3', 'hugging-face']],
    ['tests/fixtures/pages/ui/article.html', 'open-source-ai', ['hugging-face']],
    // Two paragraphs in a plain <div> under a JSON-LD NewsArticle: the extension read no body.
    ['tests/fixtures/pages/news/short-declared.html', 'open-source-ai', ['mistral-small', 'hugging-face']],
    ['tests/fixtures/pages/plain/sourdough.html', null, []],
  ])('a page saved without its address is read: %s → %s', (file, beat, entities) => {
    const r = run(file);
    expect(r.errors).toEqual([]);
    const line = r.lines[0]!;
    expect(line.url).toMatch(/^file:\/\//);
    expect(line.skipped).toBeUndefined();
    expect((line.beat as { id: string } | null)?.id ?? null).toBe(beat);
    const ids = (line.entities as { id: string }[]).map((e) => e.id);
    for (const id of entities) expect(ids).toContain(id);
  });

  it('exits 0 when every file was read', () => {
    expect(all.errors).toEqual([]);
    expect(all.status).toBe(0);
  });

  it('reports unreadable and non-HTML files on stderr, exits non-zero, and still prints the others', () => {
    const r = run(`${PAGES}/missing-file.html`, `${PAGES}/x-status.html`, `${PAGES}/notes.txt`, `${PAGES}/image.html`, `${PAGES}/hn-item.html`);
    expect(r.status).not.toBe(0);
    expect(r.lines.map((l) => l.file)).toEqual([`${PAGES}/x-status.html`, `${PAGES}/hn-item.html`]);
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toMatch(/missing-file\.html: cannot read/);
    expect(r.errors[1]).toMatch(/notes\.txt: not HTML/);
    expect(r.errors[2]).toMatch(/image\.html: not HTML/);
  });
});
