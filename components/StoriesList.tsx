// Related stories on the beat: headline link and a "category · beat · importance · time" line.
import type { StorySummary } from '../utils/schema';
import { beatById } from '../utils/schema/beats';
import { relativeTime } from './format';

export interface StoriesListProps {
  stories: StorySummary[];
  limit?: number;
  now?: number;
}

/** Most important first, then newest. */
export function StoriesList({ stories, limit = 5, now }: StoriesListProps) {
  if (stories.length === 0) return null;
  const rows = [...stories].sort((a, b) => b.importance - a.importance || b.publishedAt.localeCompare(a.publishedAt)).slice(0, limit);
  return (
    <ul class="uc-stories">
      {rows.map((s) => (
        <li key={s.id}>
          <a href={s.url} target="_blank" rel="noopener noreferrer">
            {s.title}
          </a>
          <span class="uc-muted">
            {s.category} · {beatById(s.beat)?.name ?? s.beat} ·{' '}
            <span class="uc-importance" aria-hidden="true">
              {'●'.repeat(s.importance)}
              {'○'.repeat(5 - s.importance)}
            </span>
            <span class="uc-sr">importance {s.importance} of 5</span> · {s.outlet ? `${s.outlet}, ` : ''}
            {relativeTime(s.publishedAt, now)}
          </span>
        </li>
      ))}
    </ul>
  );
}
