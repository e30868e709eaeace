// Picks what to show for a panel state: skeleton, empty, error or the context itself.
import { ContextView, type NameLookup } from './ContextView';
import type { PartialNarrative } from './NarrativeView';
import { EmptyState, ErrorState, HeldState, Skeleton } from './States';
import type { PanelState } from './use-tab-context';
import type { BeatStories } from '../utils/context/stories';

export interface ContextPanelProps {
  state: PanelState;
  stories?: BeatStories | null;
  partial?: PartialNarrative | null;
  onRefresh?: () => void;
  onOpenOptions?: () => void;
  headingLevel?: 1 | 2;
  now?: number;
  onLookUp?: (id: string) => void;
  lookups?: Record<string, NameLookup>;
}

export function ContextPanel({ state, stories, partial, onRefresh, onOpenOptions, headingLevel = 1, now, onLookUp, lookups }: ContextPanelProps) {
  switch (state.kind) {
    case 'loading':
      return <Skeleton />;
    case 'empty':
      return <EmptyState analysed={state.analysed} headingLevel={headingLevel} />;
    case 'held':
      return <HeldState message={state.message} headingLevel={headingLevel} />;
    case 'error':
      return <ErrorState error={state.error} onRetry={onRefresh} onOpenOptions={onOpenOptions} headingLevel={headingLevel} />;
    case 'ready':
      return (
        <>
          {state.notice ? (
            <p class="uc-notice uc-error" role="alert">
              {state.notice}
            </p>
          ) : null}
          {state.held ? (
            <p class="uc-notice" role="status" data-testid="held-reason">
              {state.held}
            </p>
          ) : null}
          <ContextView context={state.context} stories={stories} topic={state.topic} revalidating={state.revalidating} partial={partial} onRefresh={onRefresh} headingLevel={headingLevel} now={now} narrativeHeld={state.narrativeHeld} onLookUp={onLookUp} lookups={lookups} />
        </>
      );
  }
}
