// Hourly volume as a small line: the shape of the last 7 days at a glance.
import type { TimelinePoint } from '../utils/schema';

export interface SparklineProps {
  timeline: TimelinePoint[];
  width?: number;
  height?: number;
}

/** An SVG polyline over the hourly counts; a flat line when there is only one point. */
export function Sparkline({ timeline, width = 300, height = 36 }: SparklineProps) {
  const counts = timeline.map((p) => p.count);
  if (counts.length === 0) return <p class="uc-muted">No timeline yet</p>;
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? width / (counts.length - 1) : 0;
  const y = (c: number) => (height - 2 - (c / max) * (height - 4)).toFixed(1);
  const points = counts.length > 1 ? counts.map((c, i) => `${(i * step).toFixed(1)},${y(c)}`).join(' ') : `0,${y(counts[0]!)} ${width},${y(counts[0]!)}`;
  const days = Math.max(1, Math.round(counts.length / 24));
  const label = `Posts per hour over the last ${days === 1 ? 'day' : `${days} days`}, peaking at ${max} an hour`;
  return (
    <svg class="uc-spark" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <title>{label}</title>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" stroke-linejoin="round" />
    </svg>
  );
}
