// Where the conversation happens: one bar per source, with each source's own mood.
import type { SourceStat } from '../utils/schema';
import { MoodBar } from './MoodBar';
import { compact, sourceName } from './format';

export interface SourcesChartProps {
  bySource: SourceStat[];
}

/** Sources by count, largest first; the mood column is empty where a source has no mood. */
export function SourcesChart({ bySource }: SourcesChartProps) {
  const rows = [...bySource].sort((a, b) => b.count - a.count);
  if (rows.length === 0) return <p class="uc-muted">No sources answered</p>;
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul class="uc-sources" aria-label="Posts by source">
      {rows.map((r) => (
        <li key={r.source}>
          <span>{sourceName(r.source)}</span>
          <span class="uc-bar" style={{ width: `${Math.max(2, (r.count / max) * 100)}%` }} aria-hidden="true" />
          <span class="uc-num">
            {compact(r.count)}
            <span class="uc-sr"> posts</span>
          </span>
          {r.mood ? <MoodBar mood={r.mood} small label={sourceName(r.source)} /> : <span class="uc-muted">–</span>}
        </li>
      ))}
    </ul>
  );
}
