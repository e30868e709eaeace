// `npm run eval:stories [-- --print BEAT] [-- --json out.json]`: the extractive briefing
// measured on the replay capture (tests/fixtures/capture/replay.jsonl.gz). The capture's
// posts go through the server's classifier (the extension's detector and sentiment), each
// beat's posts are aggregated at the capture's end as the local pipeline does (snapshot,
// key voices, a sample of up to 200 posts), and its extractive story is written. Per beat
// it prints the story's length (words, paragraphs), the share of its sentences that cite a
// post, the distinct voices quoted, the grounding problems found and the time it took.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { detect } from '../utils/detect';
import { bundledDetectorData } from '../utils/detect/data';
import { aggregate } from '../utils/discourse/aggregate';
import { samplePosts } from '../utils/discourse/pipeline';
import { extractiveNarrative } from '../utils/narrative/extractive';
import { checkGrounding, extractQuotes, quoteIn, stripQuotes } from '../utils/narrative/grounding';
import { sentences } from '../utils/narrative/support';
import { BEAT_IDS, type BeatId, type DiscourseContext, type DiscoursePost, type Narrative } from '../utils/schema';
import { classify } from '../server/ingest/classify';
import { capturePosts, readCapture } from '../server/ingest/replay';

/** The recorded stream `npm run capture` writes. */
export const CAPTURE_FILE = resolve(import.meta.dirname, '../tests/fixtures/capture/replay.jsonl.gz');

/** Every beat's context at the capture's end, built as the local pipeline builds one. */
export function captureContexts(file = CAPTURE_FILE): DiscourseContext[] {
  const { posts, end } = capturePosts(readCapture(file));
  const now = end ?? Math.max(...posts.map((p) => Date.parse(p.post.createdAt)));
  const byBeat = new Map<BeatId, DiscoursePost[]>();
  const seen = new Set<string>();
  for (const { post } of posts) {
    if (seen.has(post.id)) continue;
    seen.add(post.id);
    const c = classify(post, bundledDetectorData, now);
    if (!c) continue;
    (byBeat.get(c.beat) ?? byBeat.set(c.beat, []).get(c.beat)!).push(c.post);
  }
  const out: DiscourseContext[] = [];
  for (const beat of BEAT_IDS) {
    const all = byBeat.get(beat);
    if (!all?.length) continue;
    const snapshot = aggregate(all, { topicKey: beat, beat, query: '', now });
    const at = new Date(now).toISOString();
    out.push({
      topic: { key: beat, beat, entities: [], q: '' },
      snapshot,
      posts: samplePosts(all, snapshot.keyVoices.map((v) => v.postId), now, 200),
      narrative: null,
      stories: [],
      freshness: { fetchedAt: at, stale: false, origin: 'live', upstream: 'live', errors: [] },
    });
  }
  return out;
}

/** What the evaluation reports for one story. */
export interface StoryFigures {
  beat: BeatId;
  posts: number;
  words: number;
  paragraphs: number;
  sentences: number;
  /** Sentences in a paragraph that cites at least one post, over all sentences (headline and dek count as uncited). */
  citedShare: number;
  voices: number;
  quotes: number;
  problems: number;
  /** Wall time to write it, median of 7 (Node). */
  ms: number;
  /** CPU time to write it, median of 7. */
  cpuMs?: number;
}

/** Length, citation share and voices of one narrative. */
export function storyFigures(n: Narrative, context: DiscourseContext, ms: number): StoryFigures {
  const byId = new Map(context.posts.map((p) => [p.id, p]));
  let total = 2; // headline and dek: figures from the snapshot, citing nothing
  let cited = 0;
  const voices = new Set<string>();
  let quotes = 0;
  for (const para of n.paragraphs) {
    const count = sentences(stripQuotes(para.text).replace(/\s+/g, ' ')).length;
    total += count;
    if (para.citations.length) cited += count;
    const q = extractQuotes(para.text);
    quotes += q.length;
    // Each quote belongs to the first post it cites that holds it verbatim: that post's author is a voice.
    for (const x of q) {
      const post = para.citations.map((id) => byId.get(id)).find((p) => p && quoteIn(x, p));
      if (post) voices.add(`${post.source}:${post.author.handle ?? post.author.name}`);
    }
  }
  const text = [n.headline, n.dek, ...n.paragraphs.map((p) => p.text)].join(' ');
  return {
    beat: n.beat,
    posts: context.posts.length,
    words: text.split(/\s+/).filter(Boolean).length,
    paragraphs: n.paragraphs.length,
    sentences: total,
    citedShare: total ? cited / total : 0,
    voices: voices.size,
    quotes,
    problems: checkGrounding(n, context.posts, context.snapshot).length,
    ms,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(argv: string[]): Promise<void> {
  const printBeat = argv.includes('--print') ? argv[argv.indexOf('--print') + 1] : undefined;
  const jsonOut = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : undefined;
  const contexts = captureContexts();
  const rows: StoryFigures[] = [];
  for (const ctx of contexts) {
    extractiveNarrative(ctx); // warm: the detector compiles once, stems are cached
    // Wall time and the process's CPU time: on a shared machine the second says more.
    const wall: number[] = [];
    const cpu: number[] = [];
    let n!: Narrative;
    for (let i = 0; i < 7; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      n = extractiveNarrative(ctx);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    rows.push({ ...storyFigures(n, ctx, median(wall)), cpuMs: median(cpu) });
    if (printBeat === ctx.snapshot.beat || printBeat === 'all') {
      console.log(`\n# ${n.headline}\n${n.dek}\n`);
      for (const p of n.paragraphs) console.log(`${p.text} [${p.citations.length} cited]\n`);
      console.log(`— ${n.disclosure}\n`);
    }
  }
  const pad = (s: string | number, w: number) => String(s).padStart(w);
  console.log(`${'beat'.padEnd(20)}${pad('posts', 6)}${pad('words', 7)}${pad('paras', 6)}${pad('sent.', 6)}${pad('cited', 7)}${pad('voices', 7)}${pad('fails', 6)}${pad('ms', 7)}${pad('cpu ms', 8)}`);
  for (const r of rows) {
    console.log(
      `${r.beat.padEnd(20)}${pad(r.posts, 6)}${pad(r.words, 7)}${pad(r.paragraphs, 6)}${pad(r.sentences, 6)}${pad(`${Math.round(r.citedShare * 100)}%`, 7)}${pad(r.voices, 7)}${pad(r.problems, 6)}${pad(r.ms.toFixed(2), 7)}${pad((r.cpuMs ?? 0).toFixed(2), 8)}`,
    );
  }
  console.log(
    `\n${rows.length} beats · median ${median(rows.map((r) => r.words))} words, ${median(rows.map((r) => r.paragraphs))} paragraphs, ` +
      `${Math.round(median(rows.map((r) => r.citedShare)) * 100)}% of sentences cite a post, ${median(rows.map((r) => r.voices))} voices quoted · ` +
      `grounding problems: ${rows.reduce((a, r) => a + r.problems, 0)} · time per story (median of 7 runs, Node): wall ${Math.min(...rows.map((r) => r.ms)).toFixed(1)}–${Math.max(...rows.map((r) => r.ms)).toFixed(1)} ms, CPU ${Math.min(...rows.map((r) => r.cpuMs ?? 0)).toFixed(1)}–${Math.max(...rows.map((r) => r.cpuMs ?? 0)).toFixed(1)} ms`,
  );
  // A yardstick in the same process: on a shared machine every figure moves together, so
  // the briefing's time is also given as a multiple of detecting a 10,000-word article.
  // Imported here: the bench module brings esbuild and playwright-core, which the tests importing this file do not need.
  const { article } = await import('../bench/detect.bench');
  const page = article();
  detect(page, bundledDetectorData);
  const ref: number[] = [];
  for (let i = 0; i < 15; i++) {
    const c0 = process.cpuUsage();
    detect(page, bundledDetectorData);
    const c = process.cpuUsage(c0);
    ref.push((c.user + c.system) / 1000);
  }
  const yard = median(ref);
  console.log(
    `yardstick: detect() on a 10,000-word article, CPU ${yard.toFixed(2)} ms in this run (BENCHMARKS.md: 1.7–2.7 ms wall on a quiet machine); ` +
      `the briefing takes ${(Math.min(...rows.map((r) => r.cpuMs ?? 0)) / yard).toFixed(1)}–${(Math.max(...rows.map((r) => r.cpuMs ?? 0)) / yard).toFixed(1)}× that`,
  );
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
