// Loads the labelled corpus and scores the detector on it (shared by the corpus test and the bench).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detect, type DetectorData, type ExtractedPage } from '../../../utils/detect';

export interface CorpusItem {
  id: string;
  beat: string | null;
  kind: 'article' | 'post';
  title: string;
  text: string;
}

export const CORPUS_DIR = join(import.meta.dirname, '../../fixtures/corpus');

/** Every item of every `*.jsonl` file in the corpus folder. */
export function loadCorpus(dir = CORPUS_DIR): CorpusItem[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as CorpusItem),
    );
}

export function toPage(item: CorpusItem): ExtractedPage {
  return { url: `https://corpus.test/${item.id}`, site: 'corpus.test', kind: item.kind, title: item.title, lead: '', body: item.text };
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  /** Non-AI items that got a beat. */
  falseAi: CorpusItem[];
  misses: { item: CorpusItem; got: string | null }[];
  /** confusion[expected][got] = count ('none' for null). */
  confusion: Record<string, Record<string, number>>;
}

export function evaluate(items: CorpusItem[], data: DetectorData): Evaluation {
  const confusion: Record<string, Record<string, number>> = {};
  const misses: Evaluation['misses'] = [];
  const falseAi: CorpusItem[] = [];
  let correct = 0;
  for (const item of items) {
    const got = detect(toPage(item), data).beat?.id ?? null;
    const row = (confusion[item.beat ?? 'none'] ??= {});
    row[got ?? 'none'] = (row[got ?? 'none'] ?? 0) + 1;
    if (got === item.beat) correct++;
    else misses.push({ item, got });
    if (item.beat === null && got !== null) falseAi.push(item);
  }
  return { total: items.length, correct, accuracy: correct / items.length, falseAi, misses, confusion };
}

/** The confusion table as text: one row per expected beat, only the non-zero cells. */
export function formatConfusion(e: Evaluation): string {
  return Object.entries(e.confusion)
    .map(([expected, row]) => {
      const cells = Object.entries(row)
        .sort((a, b) => b[1] - a[1])
        .map(([got, n]) => (got === expected ? `✓${n}` : `${got}:${n}`));
      return `${expected.padEnd(18)} ${cells.join('  ')}`;
    })
    .join('\n');
}
