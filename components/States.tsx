// The states around a context: loading skeleton, "nothing to show here", and an error
// that says what failed and what to do next.
import type { ErrorCode } from '../utils/schema';
import { describeSourceError, fixedInOptions } from './format';

/** Grey blocks in the shape of the context view, announced as loading. */
export function Skeleton() {
  const block = (w: string, h: number) => <span class="uc-skel" style={{ width: w, height: `${h}px` }} />;
  return (
    <div class="uc-state" aria-busy="true" data-testid="skeleton">
      <p role="status" class="uc-sr">
        Loading the discourse context…
      </p>
      {block('40%', 10)}
      {block('75%', 22)}
      {block('100%', 10)}
      {block('100%', 36)}
      {block('90%', 12)}
      {block('95%', 12)}
      {block('60%', 12)}
    </div>
  );
}

export interface EmptyStateProps {
  /** False when the page has not been read at all (browser pages, a page still loading). */
  analysed: boolean;
  headingLevel?: 1 | 2;
}

/** A page that is not about AI (or could not be read). */
export function EmptyState({ analysed, headingLevel = 1 }: EmptyStateProps) {
  const H = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div class="uc-state" data-testid="empty">
      <span class="uc-brand">Undercurrent</span>
      {analysed ? (
        <>
          <H>This page isn’t about AI</H>
          <p>Undercurrent adds discourse context to news articles and posts about AI. Open one and click the icon again.</p>
        </>
      ) : (
        <>
          <H>Undercurrent hasn’t read this page</H>
          <p>Browser pages and the new-tab page can’t be read. If this is a web page, wait for it to finish loading or reload it.</p>
        </>
      )}
    </div>
  );
}

export interface PanelError {
  /** What failed ("hosted", "bluesky", "background"…); omitted when unknown. */
  source?: string;
  code: ErrorCode;
  message: string;
}

export interface ErrorStateProps {
  error: PanelError;
  onRetry?: () => void;
  onOpenOptions?: () => void;
  headingLevel?: 1 | 2;
}

/** Names what failed, shows the detail and offers the next step. */
export function ErrorState({ error, onRetry, onOpenOptions, headingLevel = 1 }: ErrorStateProps) {
  const H = headingLevel === 1 ? 'h1' : 'h2';
  const what = error.source ? describeSourceError({ source: error.source, code: error.code, message: error.message }) : error.message;
  const needsOptions = fixedInOptions({ source: error.source ?? '', code: error.code });
  return (
    <div class="uc-state" role="alert" data-testid="error">
      <span class="uc-brand">Undercurrent</span>
      <H>Couldn’t load the discourse context</H>
      <p class="uc-notice uc-error">{what}</p>
      {error.source && what !== error.message ? <p class="uc-muted">{error.message}</p> : null}
      <div class="uc-actions">
        {onRetry ? (
          <button type="button" class="uc-btn uc-btn-primary" onClick={onRetry}>
            Try again
          </button>
        ) : null}
        {onOpenOptions && (needsOptions || error.source === 'hosted') ? (
          <button type="button" class="uc-btn" onClick={onOpenOptions}>
            Open options
          </button>
        ) : null}
      </div>
    </div>
  );
}
