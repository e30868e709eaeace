// `npm run detect -- FILE.html [FILE.html …]`: runs the extension's own path (leave-alone
// rules, first look, extraction, prefilter, detection: utils/detect/analyse.ts) on saved
// pages in Node and prints one JSON object per line. A page saved without its address
// (no canonical link, no "saved from" mark) is a web page at an unknown file: address. Errors (a file
// that cannot be read, a file that is not HTML) go to stderr; the other files still run,
// and the exit code is 1 when any file failed.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { beatName } from '../utils/detect';
import { analysePage, type AnalysisStage } from '../utils/detect/analyse';
import { bundledDetectorData } from '../utils/detect/data';
import { extractPage } from '../utils/extract';

/** One output line. */
export interface DetectLine {
  file: string;
  url: string;
  kind: 'article' | 'post' | null;
  title: string;
  extractor: string | null;
  /** Why the page was left alone (search results, inbox…) or could not be read, when it was. */
  skipped?: string;
  /** How far the shared path went: left-alone, first-look, not-article, prefilter or detected. */
  stage: AnalysisStage;
  beat: { id: string; name: string; score: number } | null;
  runnersUp: { id: string; name: string; score: number }[];
  entities: { id: string; name: string; kind: string; count: number; known: boolean }[];
}

class InputError extends Error {}

/** Rejects binary files and text that has no HTML markup. */
function assertHtml(file: string, bytes: Buffer): string {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new InputError(`${file}: not HTML (binary content)`);
  const text = bytes.toString('utf8');
  if (!/<(?:!doctype\s+html|html|head|body|article|main|div|p)[\s>]/i.test(text.slice(0, 65_536))) {
    throw new InputError(`${file}: not HTML (no HTML markup found)`);
  }
  return text;
}

/** The page's address: the browser's "saved from" mark, the canonical link, og:url, or the file itself. */
function pageUrl(html: string, doc: Document, file: string): string {
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096));
  const candidates = [
    saved?.[1],
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const u = new URL(c);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    } catch {
      // not an absolute URL: try the next source
    }
  }
  return pathToFileURL(resolve(file)).href;
}

/** Detects one saved page. Throws InputError for unreadable or non-HTML files. */
export async function detectFile(file: string): Promise<DetectLine> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const html = assertHtml(file, bytes);
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const url = pageUrl(html, doc, file);
  const result = await analysePage(doc, url, { extract: extractPage, data: () => bundledDetectorData });
  const { page, topic, extractor, stage } = result;
  const named = (b: { id: string; score: number }) => ({ id: b.id, name: beatName(b.id), score: b.score });
  const line: DetectLine = {
    file,
    url,
    kind: page?.kind ?? null,
    title: page?.title ?? doc.title?.trim() ?? '',
    extractor,
    stage,
    beat: topic?.beat ? named(topic.beat) : null,
    runnersUp: topic?.beat ? topic.runnersUp.map(named) : [],
    entities: topic?.beat ? topic.entities.map(({ id, name, kind, count, known }) => ({ id, name, kind, count, known })) : [],
  };
  if (stage === 'left-alone') line.skipped = result.reason ?? 'left alone';
  else if (stage === 'not-article') line.skipped = 'not an article or post';
  return line;
}

async function main(files: string[]): Promise<number> {
  if (!files.length) {
    process.stderr.write('usage: npm run detect -- FILE.html [FILE.html …]\n');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      process.stdout.write(`${JSON.stringify(await detectFile(file))}\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`detect: ${err instanceof InputError ? err.message : `${file}: ${(err as Error).stack ?? err}`}\n`);
    }
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
