// How fresh the context is and where it came from (the sample's label is at the top of each
// surface; its foot names the source), with the per-source errors and a refresh button.
import type { Freshness } from '../utils/schema';
import { describeSourceError, relativeTime, sourceName } from './format';

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

/** "20 November 2026" for a sample date (written as an ISO date, read as a calendar day). */
export function sampleDateText(date: string | undefined): string {
  if (!date) return 'this version';
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? date : new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The label a sample carries at the top of every surface. */
export function sampleLabel(date: string | undefined): string {
  return `Sample data from ${sampleDateText(date)} — not about this page`;
}

/** One sentence: when, from where, stale or not. */
export function freshnessText(f: FreshnessLineProps['freshness'], now?: number): string {
  // The top of the surface already says "Sample data from <date> — not about this page":
  // the foot says where it comes from instead of repeating it.
  if (f.upstream === 'sample') return 'Source: the sample bundled with Undercurrent';
  // The Undercurrent server names itself, and says when it is replaying a recorded capture.
  const from = f.upstream === 'hosted' && f.server ? `${f.server.name}${f.server.replay ? ' (replay of a recorded capture)' : ''}` : UPSTREAM[f.upstream];
  const when = `Updated ${relativeTime(f.fetchedAt, now)} from ${from}`;
  if (f.stale) return `Stale: ${when.charAt(0).toLowerCase()}${when.slice(1)}${f.origin === 'cache' ? ' (cached copy)' : ''}`;
  return f.origin === 'cache' ? `${when} (cached)` : when;
}

export function FreshnessLine({ freshness, revalidating, onRefresh, now }: FreshnessLineProps) {
  const text = freshnessText(freshness, now);
  const cls = freshness.upstream !== 'sample' && freshness.stale ? 'uc-stale' : '';
  return (
    <footer class="uc-footer">
      <span class="uc-footer-text" data-testid="freshness">
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
  /** The context shown is the bundled sample: it is shown only when no source answered. */
  sample?: boolean;
}

/** What happened, in one line: none answered (the sample is shown), or which ones did not. */
export function sourceErrorsHeading(errors: SourceErrorsProps['errors'], sample = false): string {
  if (sample) return 'No source could be reached — showing sample data';
  const names = [...new Set(errors.map((e) => sourceName(e.source)))];
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} did not answer:`;
}

/** "Bluesky: log in on the options page" — one line per source that failed, under a heading that says what happened. */
export function SourceErrors({ errors, sample = false }: SourceErrorsProps) {
  if (errors.length === 0) return null;
  return (
    <div class="uc-notice" data-testid="source-errors">
      <strong data-testid="source-errors-heading">{sourceErrorsHeading(errors, sample)}</strong>
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
