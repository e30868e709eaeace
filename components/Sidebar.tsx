// The inline sidebar on articles: a small tab at the right edge opens an overlaying panel
// with the context. Lives in a shadow root; never moves the article.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { ContextPanel } from './ContextPanel';
import type { PartialNarrative } from './NarrativeView';
import type { PanelState } from './use-tab-context';
import type { BeatStories } from '../utils/context/stories';

export interface SidebarProps {
  state: PanelState;
  /** The server's stories for the beat (null: none, or no server). */
  stories?: BeatStories | null;
  partial?: PartialNarrative | null;
  open: boolean;
  /** The host name the per-site switch applies to. */
  site: string;
  onOpenChange: (open: boolean) => void;
  onRefresh?: () => void;
  /** Turns Undercurrent off on this site (the page UI then offers an undo). */
  onDisableSite: () => void;
  now?: number;
  /** Whether an event comes from the person (default: `isTrusted`); only they open the panel or turn the site off. */
  trusted?: (e: Event) => boolean;
}

const PANEL_ID = 'uc-sidebar-panel';

export function Sidebar({ state, stories, partial, open, site, onOpenChange, onRefresh, onDisableSite, now, trusted = (e) => e.isTrusted }: SidebarProps) {
  const panel = useRef<HTMLElement>(null);
  const tab = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);

  // Move focus with the panel so keyboard users land where the content is, and come back.
  // A layout effect: focus moves in the same task as the DOM change, never left on the
  // hidden panel for a frame (a plain effect runs after paint).
  useLayoutEffect(() => {
    if (open && !wasOpen.current) panel.current?.focus();
    if (!open && wasOpen.current) tab.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const dot = state.kind === 'ready' ? (state.context.snapshot.mood.score > 0.1 ? 'uc-pos' : state.context.snapshot.mood.score < -0.1 ? 'uc-neg' : 'uc-neu') : 'uc-neu';

  return (
    <div class="uc-root" style={{ background: 'transparent' }}>
      {!open ? (
        <button
          ref={tab}
          type="button"
          class="uc-sidebar-tab"
          aria-expanded="false"
          aria-controls={PANEL_ID}
          data-testid="sidebar-tab"
          data-state={state.kind}
          onClick={(e) => trusted(e) && onOpenChange(true)}
          title="Open Undercurrent: discourse context for this article"
        >
          <span class={`uc-dot ${dot}`} aria-hidden="true" />
          Undercurrent
        </button>
      ) : null}
      <aside
        id={PANEL_ID}
        ref={panel}
        class="uc-root uc-sidebar"
        hidden={!open}
        tabIndex={-1}
        aria-label="Undercurrent: discourse context"
        data-testid="sidebar"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onOpenChange(false);
          }
        }}
      >
        <div class="uc-sidebar-bar">
          <button type="button" class="uc-icon-btn" aria-label="Close the Undercurrent panel" onClick={() => onOpenChange(false)} data-testid="sidebar-close">
            ×
          </button>
        </div>
        {open ? <ContextPanel state={state} stories={stories} partial={partial} onRefresh={onRefresh} headingLevel={2} now={now} /> : null}
        {open ? (
          // A secondary action at the foot, with an undo (the page UI shows it): never the first thing in the panel.
          <div class="uc-sidebar-foot">
            <button type="button" class="uc-quiet-btn" onClick={(e) => trusted(e) && onDisableSite()} data-testid="disable-site">
              Turn off on {site}
            </button>
          </div>
        ) : null}
      </aside>
    </div>
  );
}
