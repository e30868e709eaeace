// The spike detector and the importance score on synthetic data: a spike fires, a slow
// rise and noise do not; a mood swing fires on its own; importance follows the beat's
// own baseline, the mood shift and the breadth of sources and voices.
import { describe, expect, it } from 'vitest';
import { detectSpike, type HourBucket } from '../../server/stories/spikes';
import { adjustImportance, importanceOf } from '../../server/stories/importance';
import { baselineDaily } from '../../server/stories/evidence';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12, 30);
const LAST = Math.floor(NOW / HOUR) * HOUR;

// mulberry32: seeded, so the noise is the same on every run.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draws (Knuth), for counting noise around a mean. */
function poisson(mean: number, rand: () => number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/** 72 hours ending with the hour of NOW; `count(i)` for hours ago i, mood `score(i)`. */
function series(count: (hoursAgo: number) => number, score: (hoursAgo: number) => number = () => 0.1): HourBucket[] {
  return Array.from({ length: 72 }, (_, i) => {
    const c = Math.max(0, Math.round(count(i)));
    return { hour: LAST - i * HOUR, count: c, scored: c, sentimentSum: c * score(i) };
  }).reverse();
}

describe('spike detector', () => {
  const rand = rng(11);
  const noise = (mean: number) => () => poisson(mean, rand);

  it.each([
    ['a spike: five times the usual rate for two hours', series((i) => (i < 2 ? 100 : 20)), true],
    ['a spike in a quiet beat: 3 an hour, then 30', series((i) => (i < 2 ? 30 : 3)), true],
    ['a slow rise: +2 % an hour over three days', series((i) => 20 * 1.02 ** (72 - i)), false],
    ['a steady linear climb from 5 to 40 an hour', series((i) => 5 + (35 * (72 - i)) / 72), false],
    ['noise: Poisson around 20 an hour', series(noise(20)), false],
    ['noise: Poisson around 2 an hour (sparse beat)', series(noise(2)), false],
    ['one busy hour long ago, nothing now', series((i) => (i === 30 ? 200 : 10)), false],
    ['an empty beat', [], false],
  ] as const)('%s → volume spike %s', (_label, buckets, fires) => {
    const v = detectSpike(buckets, NOW);
    expect(v.volume).toBe(fires);
    expect(v.reason).toMatch(fires ? /volume spike/ : /no spike|mood/);
  });

  it('does not fire on noise over many seeds (false-alarm rate)', () => {
    let alarms = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      if (detectSpike(series(() => poisson(15, r)), NOW).volume) alarms++;
    }
    expect(alarms).toBe(0);
  });

  it('fires a mood swing without a volume change, and not on a mood that holds', () => {
    const swing = detectSpike(series(() => 20, (i) => (i < 2 ? -0.5 : 0.2)), NOW);
    expect(swing).toMatchObject({ volume: false, mood: true });
    expect(swing.moodShift).toBeCloseTo(-0.7, 5);
    expect(swing.reason).toMatch(/mood swing: -0\.70/);
    expect(detectSpike(series(() => 20, (i) => 0.2 + 0.05 * Math.sin(i)), NOW).mood).toBe(false);
    // Too few scored posts to call a swing.
    expect(detectSpike(series((i) => (i < 2 ? 2 : 20), (i) => (i < 2 ? -0.9 : 0.5)), NOW).mood).toBe(false);
  });

  it('sums a beat\'s per-source rows of one hour and counts missing hours as zero', () => {
    const rows: HourBucket[] = [];
    for (let i = 2; i < 50; i += 3) rows.push({ hour: LAST - i * HOUR, count: 4, scored: 0, sentimentSum: 0 });
    for (const source of [0, 1, 2, 3]) rows.push({ hour: LAST + source * 1000, count: 10, scored: 0, sentimentSum: 0 });
    const v = detectSpike(rows, NOW);
    expect(v.rate).toBe(20); // 40 this hour, 0 the hour before
    expect(v.baseline).toBe(0);
    expect(v.volume).toBe(true);
  });
});

describe('importance', () => {
  it('follows the volume against the beat\'s own baseline', () => {
    const at = (volume24h: number, baselineDaily: number | null) => importanceOf({ volume24h, baselineDaily, moodShift: 0, sources: 3, voices: 10 }).importance;
    expect(at(40, 40)).toBe(2);
    expect(at(70, 40)).toBe(3);
    expect(at(200, 40)).toBe(4);
    expect(at(10, 40)).toBe(1);
    expect(at(40, null)).toBe(2);
  });

  it('rises with a mood shift and broad sources and voices, falls with one source or few voices', () => {
    expect(importanceOf({ volume24h: 200, baselineDaily: 40, moodShift: -0.5, sources: 6, voices: 40 })).toEqual({
      importance: 5,
      reason: "200 posts in 24 h, 5.0× the beat's usual 40 a day; mood down 0.50; 6 sources, 40 voices",
    });
    expect(importanceOf({ volume24h: 40, baselineDaily: 40, moodShift: null, sources: 1, voices: 2 }).importance).toBe(1);
  });

  it('lets the model move it by one step at most, within 1–5, with its reason', () => {
    const base = { importance: 3, reason: 'data' };
    expect(adjustImportance(base, 1, 'every lab answered')).toEqual({ importance: 4, reason: 'data; moved up one step by the writer: every lab answered' });
    expect(adjustImportance(base, 5, 'x').importance).toBe(4);
    expect(adjustImportance(base, -3, 'x').importance).toBe(2);
    expect(adjustImportance(base, 0, 'x')).toBe(base);
    expect(adjustImportance({ importance: 5, reason: 'r' }, 1, 'x')).toEqual({ importance: 5, reason: 'r' });
  });

  it('takes the baseline as the median day of the week before, from the beat\'s first post on', () => {
    const hours: HourBucket[] = [];
    const dayStart = LAST - 23 * HOUR;
    // Three earlier days with 30, 50 and 40 posts; the last 24 h do not count.
    for (const [k, n] of [[0, 30], [1, 50], [2, 40]] as const) hours.push({ hour: dayStart - (k * 24 + 5) * HOUR, count: n, scored: 0, sentimentSum: 0 });
    hours.push({ hour: LAST, count: 500, scored: 0, sentimentSum: 0 });
    expect(baselineDaily(hours, NOW)).toBe(40);
    expect(baselineDaily([{ hour: LAST, count: 5, scored: 0, sentimentSum: 0 }], NOW)).toBeNull();
  });
});
