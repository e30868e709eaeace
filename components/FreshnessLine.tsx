// How fresh the context is and where it came from — sample data says so plainly — with
// the per-source errors and a refresh button.
import type { Freshness } from '../utils/schema';
import { describeSourceError, relativeTime } from './format';

export interface FreshnessLineProps {
  freshness: Pick<Freshness, 'fetchedAt' | 'stale' | 'origin' | 'upstream' | 'sampleDate'> & Partial<Pick<Freshness, 'server'>>;
  revalidating?: boolean;
  onRefresh?: () => void;
  now?: number;
}

const UPSTREAM: Record<Freshness['upstream'], string> = {
  hosted: 'the hosted API',
  live: 'live sources',
  sample: 'the bundled sample',
};

/** One sentence: when, from where, stale or not. */
export function freshnessText(f: FreshnessLineProps['freshness'], now?: number): string {
  if (f.upstream === 'sample') return `Sample data (written ${f.sampleDate ?? 'with this version'})${f.stale ? ' · stale' : ''}`;
  // The Undercurrent server names itself, and says when it is replaying a recorded capture.
  const from = f.upstream === 'hosted' && f.server ? `${f.server.name}${f.server.replay ? ' (replay of a recorded capture)' : ''}` : UPSTREAM[f.upstream];
  const when = `Updated ${relativeTime(f.fetchedAt, now)} from ${from}`;
  if (f.stale) return `Stale: ${when.charAt(0).toLowerCase()}${when.slice(1)}${f.origin === 'cache' ? ' (cached copy)' : ''}`;
  return f.origin === 'cache' ? `${when} (cached)` : when;
}

export function FreshnessLine({ freshness, revalidating, onRefresh, now }: FreshnessLineProps) {
  const text = freshnessText(freshness, now);
  const cls = freshness.upstream === 'sample' ? 'uc-sample' : freshness.stale ? 'uc-stale' : '';
  return (
    <footer class="uc-footer">
      <span data-testid="freshness">
        <span class={cls}>{text}</span>
        {revalidating ? <span role="status"> · refreshing…</span> : null}
      </span>
      {onRefresh ? (
        <button type="button" class="uc-btn" onClick={onRefresh} disabled={revalidating} aria-label="Refresh the discourse context">
          ↻ Refresh
        </button>
      ) : null}
    </footer>
  );
}

export interface SourceErrorsProps {
  errors: { source: string; code: Freshness['errors'][number]['code']; message: string }[];
}

/** "Bluesky: log in on the options page" — one line per source that failed. */
export function SourceErrors({ errors }: SourceErrorsProps) {
  if (errors.length === 0) return null;
  return (
    <div class="uc-notice" data-testid="source-errors">
      <strong>Some sources did not answer:</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.source}-${i}`} title={e.message}>
            {describeSourceError(e)}
          </li>
        ))}
      </ul>
    </div>
  );
}
