// The sample pack is the first thing a new user sees: it must cover every beat, agree
// with itself (every figure in the text is a figure in the data) and look like real data.
import { describe, expect, it } from 'vitest';
import { BEATS } from '../../../utils/schema/beats';
import { DiscourseContext } from '../../../utils/schema';
import { SAMPLE_DATE, samplePack, sampleSources, shiftLabel } from '../../../utils/sample/pack';
import { percent, volumeChange } from '../../../components/format';

const pack = samplePack();
const byBeat = new Map(pack.map((c) => [c.topic.beat, c]));
const sources = new Map(sampleSources().map((s) => [s.beat, s]));

/** The hand-written words of a beat (headline, dek, paragraphs without the quoted posts). */
function ownWords(beat: string): string[] {
  const s = sources.get(beat as never)!;
  return [s.headline, s.dek, ...s.paragraphs.map((p) => p.replace(/"\{\d+\}"/g, ''))];
}

describe('the sample pack', () => {
  it('has one valid context for each of the 15 beats', () => {
    expect(pack).toHaveLength(BEATS.length);
    for (const b of BEATS) expect(byBeat.get(b.id), b.id).toBeDefined();
    for (const c of pack) expect(() => DiscourseContext.parse(c)).not.toThrow();
  });

  it.each(BEATS.map((b) => b.id))('%s: every figure in its own words is a figure in its data', (beat) => {
    const c = byBeat.get(beat)!;
    const { snapshot } = c;
    const change = volumeChange(snapshot.volume24h, snapshot.volumePrev24h).match(/(\d+)%/)![1]!;
    const shares = [snapshot.mood.positive, snapshot.mood.neutral, snapshot.mood.negative].map((s) => percent(s).replace('%', ''));
    const counts = [snapshot.volume24h, snapshot.volumePrev24h, ...snapshot.bySource.map((s) => s.count)].map(String);
    for (const text of ownWords(beat)) {
      // Vague fractions are how the old sample said "a third" next to a figure of +40 %.
      expect(text, text).not.toMatch(/\b(a third|a quarter|half again|doubled|tripled|two thirds)\b/i);
      for (const m of text.matchAll(/(\d[\d,.]*)\s*(%|percent)?/g)) {
        const n = m[1]!.replace(/,/g, '');
        if (m[2]) expect([change, ...shares], `${m[0]} in "${text}"`).toContain(n);
        else expect(counts, `${m[0]} in "${text}"`).toContain(n);
      }
    }
    const dek = sources.get(beat)!.dek;
    // The direction words agree with the data.
    const up = snapshot.volume24h > snapshot.volumePrev24h;
    if (/\b(up|rose|edged up|climb)/i.test(dek)) expect(up, dek).toBe(true);
    if (/\b(down|fell|dropped)\b/i.test(dek)) expect(up, dek).toBe(false);
    const label = shiftLabel(snapshot.mood.shift ?? 0);
    expect(snapshot.mood.shiftLabel).toBe(label);
    if (label === 'steady') expect(dek).toMatch(/steady/);
    else expect(dek).toContain(label.replace(/^sharply /, '').replace(/^slightly /, ''));
  });

  it.each(BEATS.map((b) => b.id))('%s: the counts add up and cite real posts', (beat) => {
    const c = byBeat.get(beat)!;
    const { snapshot, narrative, posts } = c;
    expect(snapshot.bySource.reduce((a, s) => a + s.count, 0)).toBe(snapshot.volume24h);
    expect(snapshot.mood.positive + snapshot.mood.neutral + snapshot.mood.negative).toBeCloseTo(1, 6);
    const tl = snapshot.timeline;
    expect(tl).toHaveLength(168);
    // The total is the window's, and the window is the week the timeline charts.
    expect(snapshot.windowHours).toBe(168);
    expect(snapshot.totalRecords).toBe(tl.reduce((a, p) => a + p.count, 0));
    expect(tl.slice(-24).reduce((a, p) => a + p.count, 0)).toBe(snapshot.volume24h);
    expect(tl.slice(-48, -24).reduce((a, p) => a + p.count, 0)).toBe(snapshot.volumePrev24h);
    const ids = new Set(posts.map((p) => p.id));
    for (const p of narrative!.paragraphs) for (const id of p.citations) expect(ids.has(id)).toBe(true);
    for (const v of snapshot.keyVoices) expect(ids.has(v.postId)).toBe(true);
    expect(c.freshness.sampleDate).toBe(SAMPLE_DATE);
  });

  it('lists related stories as headlines, not truncated posts', () => {
    for (const c of pack) {
      expect(c.stories.length, c.topic.beat).toBeGreaterThan(0);
      const texts = new Set(c.posts.map((p) => p.text));
      for (const s of c.stories) {
        expect(s.title).not.toMatch(/…$|\.\.\.$/);
        expect(s.title.length).toBeLessThanOrEqual(110);
        expect(s.title).not.toMatch(/\.$/); // a headline, not a sentence from a post
        expect(texts.has(s.title)).toBe(false);
      }
    }
  });

  it('agrees with the demo article (a 671B model)', () => {
    const all = JSON.stringify(pack);
    expect(all).not.toMatch(/400-billion/);
    expect(JSON.stringify(byBeat.get('open-source-ai'))).toMatch(/671/);
  });

  it('has timelines that look like hourly data, not a sine wave', () => {
    for (const c of pack) {
      const counts = c.snapshot.timeline.map((p) => p.count);
      // A pure periodic curve repeats: day-to-day differences at the same hour would be ~0.
      const sameHour = counts.slice(24).map((n, i) => Math.abs(n - counts[i]!));
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      expect(sameHour.reduce((a, b) => a + b, 0) / sameHour.length, c.topic.beat).toBeGreaterThan(mean * 0.08);
      // Still a daily rhythm: the busiest hours of the last day are in the European/US day.
      const last = c.snapshot.timeline.slice(-24);
      const peak = last.reduce((a, b) => (b.count > a.count ? b : a));
      const hour = new Date(peak.hour).getUTCHours();
      expect(hour >= 8 && hour <= 22, `${c.topic.beat} peaks at ${hour}h`).toBe(true);
      // Deterministic: the same pack on every install.
      expect(samplePack().find((x) => x.topic.beat === c.topic.beat)!.snapshot.timeline).toEqual(c.snapshot.timeline);
    }
  });
});
