// Related stories on the beat: headline link and a "category · beat · importance · time" line.
import type { StorySummary } from '../utils/schema';
import { beatById } from '../utils/schema/beats';
import { relativeTime } from './format';

export interface StoriesListProps {
  stories: StorySummary[];
  limit?: number;
  now?: number;
  /** Show each story's dek under its headline (beat stories have one). */
  showDek?: boolean;
  /** Open links in a new tab (default); a story page's own index opens them in place. */
  newTab?: boolean;
  /** Most important first (default), or newest first. */
  order?: 'importance' | 'newest';
  /** Names the list for screen readers. */
  label?: string;
}

/** Most important first, then newest (or newest first). */
export function StoriesList({ stories, limit = 5, now, showDek, newTab = true, order = 'importance', label }: StoriesListProps) {
  if (stories.length === 0) return null;
  const byTime = (a: StorySummary, b: StorySummary) => b.publishedAt.localeCompare(a.publishedAt);
  const rows = [...stories].sort(order === 'newest' ? byTime : (a, b) => b.importance - a.importance || byTime(a, b)).slice(0, limit);
  return (
    <ul class="uc-stories" {...(label ? { 'aria-label': label } : {})}>
      {rows.map((s) => (
        <li key={s.id} data-testid="story-item">
          <a href={s.url} {...(newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})} class="uc-story-link">
            {s.title}
          </a>
          {showDek && s.dek ? <span class="uc-story-dek">{s.dek}</span> : null}
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
