// Spike detector on a beat's hourly rollups: fires when the volume of the latest hours
// jumps far above the beat's own recent hours, or when its mood swings away from the
// day before. Pure: plain hourly buckets in, a verdict out (the scheduler writes a story
// for a beat whose verdict fires).

/** One hour of a beat, summed over its sources (as the rollups table keeps it). */
export interface HourBucket {
  /** Epoch ms of the hour's start. */
  hour: number;
  count: number;
  /** Posts with a sentiment score, and the sum of their scores. */
  scored: number;
  sentimentSum: number;
}

export interface SpikeOptions {
  /** Hours that make up "now" (default 2: the hour under way and the one before). */
  recentHours: number;
  /** Hours before those that make up the baseline (default 48). */
  baselineHours: number;
  /** Volume: the recent hourly rate must be at least this multiple of the baseline median… */
  minRatio: number;
  /** …this many robust standard deviations (1.4826 × MAD) above it… */
  minZ: number;
  /** …and at least this many posts an hour. */
  minCount: number;
  /** Mood: the recent mean score must move this far from the baseline mean… */
  minMoodShift: number;
  /** …over at least this many scored posts in the recent hours. */
  minScored: number;
}

export const SPIKE_DEFAULTS: SpikeOptions = { recentHours: 2, baselineHours: 48, minRatio: 2.5, minZ: 4, minCount: 8, minMoodShift: 0.3, minScored: 10 };

export interface SpikeVerdict {
  volume: boolean;
  mood: boolean;
  /** Recent posts per hour, and the baseline's median posts per hour. */
  rate: number;
  baseline: number;
  /** Recent mean score minus the baseline's (null without enough scored posts). */
  moodShift: number | null;
  /** Plain words for logs and the story's trigger. */
  reason: string;
}

const HOUR_MS = 3_600_000;

function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Judges the hours up to `now` (the hour containing `now` is the last one). Missing
 * hours count as zero posts, so a quiet beat has a low baseline, not a missing one.
 */
export function detectSpike(buckets: readonly HourBucket[], now: number, opts: Partial<SpikeOptions> = {}): SpikeVerdict {
  const o = { ...SPIKE_DEFAULTS, ...opts };
  const last = Math.floor(now / HOUR_MS) * HOUR_MS;
  const byHour = new Map<number, HourBucket>();
  for (const b of buckets) {
    const h = Math.floor(b.hour / HOUR_MS) * HOUR_MS;
    const prev = byHour.get(h);
    byHour.set(h, prev ? { hour: h, count: prev.count + b.count, scored: prev.scored + b.scored, sentimentSum: prev.sentimentSum + b.sentimentSum } : { ...b, hour: h });
  }
  const at = (h: number) => byHour.get(h) ?? { hour: h, count: 0, scored: 0, sentimentSum: 0 };
  const recent = Array.from({ length: o.recentHours }, (_, i) => at(last - i * HOUR_MS));
  const base = Array.from({ length: o.baselineHours }, (_, i) => at(last - (o.recentHours + i) * HOUR_MS));

  const rate = recent.reduce((s, b) => s + b.count, 0) / o.recentHours;
  const baseCounts = base.map((b) => b.count);
  const baseline = median(baseCounts);
  // A robust spread: noise moves a few hours far from the median without moving the MAD.
  const mad = median(baseCounts.map((c) => Math.abs(c - baseline)));
  // Poisson floor: a beat with a flat baseline still has √n of counting noise.
  const sigma = Math.max(1.4826 * mad, Math.sqrt(Math.max(baseline, 1)));
  const z = (rate - baseline) / sigma;
  const volume = rate >= o.minCount && rate >= o.minRatio * Math.max(baseline, 1) && z >= o.minZ;

  const rScored = recent.reduce((s, b) => s + b.scored, 0);
  const bScored = base.reduce((s, b) => s + b.scored, 0);
  const moodShift = rScored >= o.minScored && bScored >= o.minScored ? recent.reduce((s, b) => s + b.sentimentSum, 0) / rScored - base.reduce((s, b) => s + b.sentimentSum, 0) / bScored : null;
  const mood = moodShift !== null && Math.abs(moodShift) >= o.minMoodShift;

  const parts: string[] = [];
  if (volume) parts.push(`volume spike: ${rate.toFixed(1)} posts an hour against a median of ${baseline.toFixed(1)} (z ${z.toFixed(1)})`);
  if (mood) parts.push(`mood swing: ${moodShift! > 0 ? '+' : ''}${moodShift!.toFixed(2)} against the ${o.baselineHours} hours before`);
  return { volume, mood, rate, baseline, moodShift, reason: parts.length ? parts.join('; ') : 'no spike' };
}
