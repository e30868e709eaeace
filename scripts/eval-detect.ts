// `npm run eval:detect [-- --verbose] [-- --json out.json]`: the detector measured on the
// real pages of tests/fixtures/real (hand-labelled in labels.jsonl, names in names.jsonl),
// through the same path as the extension and the `detect` command, each page at an
// unknown file: address. Prints the false-positive rate on pages not about AI, recall
// on AI pages, exact-beat accuracy, precision, name precision and pages per second, for
// the tuning part, the held-out part (see isHeldOut) and all pages. `--verbose` lists the
// tuning part's wrong pages only (`--show-held-out` adds the held-out ones: do not tune on them).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { analysePage } from '../utils/detect/analyse';
import { bundledDetectorData } from '../utils/detect/data';
import { extractPage } from '../utils/extract';

const DIR = resolve(import.meta.dirname, '../tests/fixtures/real');

/** One labelled page. */
export interface PageLabel {
  file: string;
  lang: string;
  ai: boolean;
  /** The beat a reader would file the page under (AI pages). */
  beat?: string;
  /** Other beats a reader could defend. */
  alt?: string[];
  reason: string;
}

/** One labelled name the detector reported on a page. */
export interface NameLabel {
  file: string;
  id: string;
  name: string;
  known: boolean;
  correct: boolean;
  reason: string;
}

export interface PageResult {
  file: string;
  label: PageLabel;
  stage: string;
  beat: string | null;
  entities: { id: string; name: string; known: boolean }[];
}

/** Share of the pages held out from tuning. */
const HELD_OUT_SHARE = 0.4;

/**
 * Whether a page belongs to the held-out part: a fixed hash of its file name, so the split
 * never moves. The language prefix is dropped first ("hfcourse/de-chapter3-2" and
 * "hfcourse/en-chapter3-2" are one text translated), so every translation of a page falls
 * on the same side and the tuning part cannot leak into the held-out one.
 */
export function isHeldOut(file: string): boolean {
  const key = file.replace(/\/(?:de|en|fr|es)-/, '/');
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32 < HELD_OUT_SHARE;
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

/** Runs every labelled page; returns the results and the time spent in the shared path. */
export async function runEval(): Promise<{ results: PageResult[]; analyseMs: number; parseMs: number }> {
  const labels = readJsonl<PageLabel>(join(DIR, 'labels.jsonl'));
  const results: PageResult[] = [];
  let analyseMs = 0;
  let parseMs = 0;
  for (const label of labels) {
    const path = join(DIR, label.file);
    const t0 = performance.now();
    const html = gunzipSync(readFileSync(path)).toString('utf8');
    const { document } = parseHTML(html);
    const t1 = performance.now();
    const r = await analysePage(document as unknown as Document, pathToFileURL(path.replace(/\.gz$/, '')).href, { extract: extractPage, data: () => bundledDetectorData });
    const t2 = performance.now();
    parseMs += t1 - t0;
    analyseMs += t2 - t1;
    const beat = r.topic?.beat?.id ?? null;
    results.push({ file: label.file, label, stage: r.stage, beat, entities: beat ? r.topic!.entities.map(({ id, name, known }) => ({ id, name, known })) : [] });
  }
  return { results, analyseMs, parseMs };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');

/** The figures, as printed and as JSON. */
export function summarise(results: PageResult[], names: NameLabel[]) {
  const non = results.filter((r) => !r.label.ai);
  const ai = results.filter((r) => r.label.ai);
  const fp = non.filter((r) => r.beat);
  const found = ai.filter((r) => r.beat);
  const exact = found.filter((r) => r.beat === r.label.beat);
  const acceptable = found.filter((r) => r.beat === r.label.beat || r.label.alt?.includes(r.beat!));
  const byKey = new Map(names.map((n) => [`${n.file}#${n.id}`, n]));
  let labelled = 0, right = 0, newLabelled = 0, newRight = 0, reported = 0, newReported = 0;
  for (const r of results) {
    for (const e of r.entities) {
      reported++;
      if (!e.known) newReported++;
      const n = byKey.get(`${r.file}#${e.id}`);
      if (!n) continue;
      labelled++;
      if (n.correct) right++;
      if (!e.known) {
        newLabelled++;
        if (n.correct) newRight++;
      }
    }
  }
  const perLang: Record<string, { non: number; fp: number; ai: number; found: number; exact: number }> = {};
  for (const r of results) {
    const l = (perLang[r.label.lang] ??= { non: 0, fp: 0, ai: 0, found: 0, exact: 0 });
    if (r.label.ai) {
      l.ai++;
      if (r.beat) l.found++;
      if (r.beat && r.beat === r.label.beat) l.exact++;
    } else {
      l.non++;
      if (r.beat) l.fp++;
    }
  }
  return {
    pages: results.length,
    nonAi: non.length,
    aiPages: ai.length,
    falsePositives: fp.length,
    fpRate: non.length ? fp.length / non.length : 0,
    recall: ai.length ? found.length / ai.length : 0,
    exactBeat: found.length ? exact.length / found.length : 0,
    acceptableBeat: found.length ? acceptable.length / found.length : 0,
    precision: found.length + fp.length ? found.length / (found.length + fp.length) : 0,
    names: { reported, labelled, correct: right, precision: labelled ? right / labelled : 0 },
    newNames: { reported: newReported, labelled: newLabelled, correct: newRight, precision: newLabelled ? newRight / newLabelled : 0 },
    perLang,
  };
}

function printSummary(title: string, s: ReturnType<typeof summarise>): void {
  const line = (k: string, v: string) => process.stdout.write(`${k.padEnd(34)} ${v}\n`);
  process.stdout.write(`\n${title}\n`);
  line('pages (not AI / AI)', `${s.pages} (${s.nonAi} / ${s.aiPages})`);
  line('false-positive rate (not AI)', `${s.nonAi ? ((100 * s.falsePositives) / s.nonAi).toFixed(2) : 'n/a'} %  (${s.falsePositives} pages given a beat)`);
  line('recall (AI pages given a beat)', pct(Math.round(s.recall * s.aiPages), s.aiPages));
  line('exact beat (of AI pages found)', `${(s.exactBeat * 100).toFixed(1)} %  (a defensible beat: ${(s.acceptableBeat * 100).toFixed(1)} %)`);
  line('precision (beats on AI pages)', `${(s.precision * 100).toFixed(1)} %`);
  line('names correct (labelled sample)', `${pct(s.names.correct, s.names.labelled)}  (${s.names.labelled} of ${s.names.reported} reported names labelled)`);
  line('new names correct (labelled)', `${pct(s.newNames.correct, s.newNames.labelled)}  (${s.newNames.labelled} of ${s.newNames.reported} labelled)`);
  for (const [lang, l] of Object.entries(s.perLang).sort()) {
    line(`  ${lang}`, `not AI ${l.non}: FP ${pct(l.fp, l.non)} · AI ${l.ai}: recall ${pct(l.found, l.ai)}, exact beat ${pct(l.exact, l.found)}`);
  }
}

async function main(args: string[]): Promise<void> {
  const { results, analyseMs, parseMs } = await runEval();
  const names = readJsonl<NameLabel>(join(DIR, 'names.jsonl'));
  const tuning = results.filter((r) => !isHeldOut(r.file));
  const heldOut = results.filter((r) => isHeldOut(r.file));
  const all = summarise(results, names);
  const parts = { tuning: summarise(tuning, names), heldOut: summarise(heldOut, names), all };
  printSummary('TUNING PART (the lexicon is tuned looking at these pages)', parts.tuning);
  printSummary(`HELD-OUT PART (~${HELD_OUT_SHARE * 100} % by a fixed hash of the file name; never looked at while tuning)`, parts.heldOut);
  printSummary('ALL PAGES', all);
  process.stdout.write(`\n${'pages per second (shared path)'.padEnd(34)} ${((1000 * all.pages) / analyseMs).toFixed(0)}  (parsing HTML with linkedom: ${((1000 * all.pages) / parseMs).toFixed(0)} pages/s)\n`);
  if (args.includes('--verbose')) {
    // Only the tuning part's wrong pages: listing the held-out ones would make them tuning pages.
    const shown = args.includes('--show-held-out') ? results : tuning;
    for (const r of shown) {
      const wrong = r.label.ai ? !r.beat || r.beat !== r.label.beat : !!r.beat;
      if (wrong) process.stdout.write(`${r.label.ai ? (r.beat ? 'BEAT' : 'MISS') : 'FP  '} ${r.file} [${r.stage}] got ${r.beat ?? '-'} want ${r.label.ai ? r.label.beat : '-'} ${r.entities.map((e) => e.name).slice(0, 6).join(', ')}\n`);
    }
  }
  const json = args.indexOf('--json');
  if (json >= 0 && args[json + 1]) writeFileSync(args[json + 1]!, JSON.stringify({ summary: parts, results: results.map((r) => ({ ...r, heldOut: isHeldOut(r.file) })) }, null, 1));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`eval:detect: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  });
}
