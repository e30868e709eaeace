// The labelled corpus: top-1 beat accuracy ≥ 90 %, and no beat at all on pages that
// only use AI-looking words. Prints the accuracy and the confusion table.
import { describe, expect, it } from 'vitest';
import { bundledDetectorData } from '../../../utils/detect/data';
import { BEAT_IDS } from '../../../utils/schema/beats';
import { evaluate, formatConfusion, loadCorpus } from './corpus-helpers';

const corpus = loadCorpus();

describe('labelled corpus', () => {
  it('has at least 150 items, every beat, and at least 30 non-AI items', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    for (const beat of BEAT_IDS) expect(corpus.filter((c) => c.beat === beat).length, beat).toBeGreaterThanOrEqual(5);
    expect(corpus.filter((c) => c.beat === null).length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
  });

  it('classifies ≥ 90 % top-1 and gives no beat to non-AI items', () => {
    const e = evaluate(corpus, bundledDetectorData);
    console.log(
      `corpus top-1: ${e.correct}/${e.total} = ${(e.accuracy * 100).toFixed(1)} %\n${formatConfusion(e)}\nmisses:\n${e.misses
        .map((m) => `  ${m.item.id} → ${m.got ?? 'none'}`)
        .join('\n')}`,
    );
    expect(e.falseAi.map((i) => i.id)).toEqual([]);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
