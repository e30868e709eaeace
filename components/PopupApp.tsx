// The toolbar popup: the context for one tab, kept current while the popup is open.
import type { Send, Subscribe } from './client';
import type { Replies, Result } from '../utils/messaging/protocol';
import { useState } from 'preact/hooks';
import { ContextPanel } from './ContextPanel';
import { useTabContext } from './use-tab-context';

export interface PopupAppProps {
  send: Send;
  subscribe: Subscribe;
  tabId: number | null;
  onOpenOptions?: () => void;
  retryMs?: number;
  /** The first getTabContext answer, asked for before the first render. */
  initial?: Promise<Result<Replies['getTabContext']>>;
  /** The tab's site when the person turned Undercurrent off on it; the popup says so instead of showing context. */
  offSite?: string | null;
  /** Turns Undercurrent back on for `offSite`. */
  onTurnOn?: () => Promise<void>;
}

export function PopupApp({ send, subscribe, tabId, onOpenOptions, retryMs, initial, offSite = null, onTurnOn }: PopupAppProps) {
  const { state, partial, refresh } = useTabContext({ send, subscribe, tabId, retryMs, initial });
  const [off, setOff] = useState(offSite !== null);
  if (off && offSite !== null) {
    return (
      <main class="uc-root uc-popup" data-state="off">
        <span class="uc-brand">Undercurrent</span>
        <p class="uc-site-off" data-testid="site-off">
          <span title={`Undercurrent is turned off on ${offSite}`}>Off on this site</span>
          <span aria-hidden="true">·</span>
          <button
            type="button"
            class="uc-link-btn"
            data-testid="site-turn-on"
            aria-label={`Turn on for ${offSite}`}
            onClick={() => void (onTurnOn ?? (() => Promise.resolve()))().then(() => setOff(false))}
          >
            Turn on
          </button>
        </p>
      </main>
    );
  }
  return (
    <main class="uc-root uc-popup" data-state={state.kind}>
      <ContextPanel state={state} partial={partial} onRefresh={refresh} onOpenOptions={onOpenOptions} />
    </main>
  );
}
