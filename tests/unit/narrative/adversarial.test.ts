// The grounding check against its corpus: every adversarial draft rejected, every honest
// draft passed, the shares printed — and the sentence-support limits swept, to show why
// the defaults are what they are.
import { describe, expect, it } from 'vitest';
import { checkGrounding } from '../../../utils/narrative/grounding';
import { MAX_UNSUPPORTED_WORDS, SUPPORT_THRESHOLD } from '../../../utils/narrative/support';
import { extractiveNarrative } from '../../../utils/narrative/extractive';
import { ADVERSARIAL, CORPUS_CONTEXT, HONEST, type Category } from './adversarial';
import { narrativeFrom } from './fixtures';

const check = (draft: (typeof HONEST)[number]['draft'], limits?: { threshold: number; maxUnsupported: number }) =>
  checkGrounding(narrativeFrom(draft), CORPUS_CONTEXT.posts, CORPUS_CONTEXT.snapshot, limits);

describe('the adversarial corpus', () => {
  it('holds at least 40 hostile drafts covering every kind of attack', () => {
    expect(ADVERSARIAL.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(ADVERSARIAL.map((a) => a.category));
    expect([...kinds].sort()).toEqual<Category[]>(['figure-words', 'headline-dek', 'injection', 'link', 'money', 'multiplier', 'quote', 'unsupported']);
  });

  it.each(ADVERSARIAL.map((a) => [`${a.category}: ${a.name}`, a.draft] as const))('rejects %s', (_name, draft) => {
    expect(check(draft).length).toBeGreaterThan(0);
  });

  it.each(HONEST.map((h) => [h.name, h.draft] as const))('passes the honest draft: %s', (_name, draft) => {
    expect(check(draft)).toEqual([]);
  });

  it('passes the extractive narrative of the corpus context (it never cites the injected post)', () => {
    const n = extractiveNarrative(CORPUS_CONTEXT);
    expect(checkGrounding(n, CORPUS_CONTEXT.posts, CORPUS_CONTEXT.snapshot)).toEqual([]);
  });

  it('reports the share rejected: all adversarial, no honest', () => {
    const rejected = ADVERSARIAL.filter((a) => check(a.draft).length > 0).length;
    const passed = HONEST.filter((h) => check(h.draft).length === 0).length;
    const byCategory = new Map<string, [number, number]>();
    for (const a of ADVERSARIAL) {
      const [r, n] = byCategory.get(a.category) ?? [0, 0];
      byCategory.set(a.category, [r + (check(a.draft).length > 0 ? 1 : 0), n + 1]);
    }
    console.log(
      `[grounding corpus] adversarial rejected: ${rejected}/${ADVERSARIAL.length} (${((100 * rejected) / ADVERSARIAL.length).toFixed(1)}%); ` +
        `honest passed: ${passed}/${HONEST.length} (${((100 * passed) / HONEST.length).toFixed(1)}%)\n` +
        [...byCategory].map(([c, [r, n]]) => `  ${c}: ${r}/${n} rejected`).join('\n'),
    );
    expect(rejected).toBe(ADVERSARIAL.length);
    expect(passed).toBe(HONEST.length);
  });

  it('uses sentence-support limits that separate the corpus, and says how the neighbours do', () => {
    const sweep: string[] = [];
    const separating: string[] = [];
    for (const threshold of [0.5, 0.6, 0.67, 0.75, 0.8, 0.9, 1]) {
      for (const maxUnsupported of [0, 1, 2, 3, 99]) {
        const limits = { threshold, maxUnsupported };
        const rejected = ADVERSARIAL.filter((a) => check(a.draft, limits).length > 0).length;
        const passed = HONEST.filter((h) => check(h.draft, limits).length === 0).length;
        sweep.push(`  share ≥ ${threshold}, ≤ ${maxUnsupported === 99 ? 'any' : maxUnsupported} new words: ${rejected}/${ADVERSARIAL.length} hostile rejected, ${passed}/${HONEST.length} honest passed`);
        if (rejected === ADVERSARIAL.length && passed === HONEST.length) separating.push(`${threshold}/${maxUnsupported}`);
      }
    }
    console.log(`[grounding corpus] sentence-support sweep (default ${SUPPORT_THRESHOLD}, ≤ ${MAX_UNSUPPORTED_WORDS}):\n${sweep.join('\n')}`);
    expect(separating).toContain(`${SUPPORT_THRESHOLD}/${MAX_UNSUPPORTED_WORDS}`);
  });
});
