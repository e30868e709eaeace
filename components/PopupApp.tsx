// The toolbar popup: the context for one tab, kept current while the popup is open.
import type { Send, Subscribe } from './client';
import type { Replies, Result } from '../utils/messaging/protocol';
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
}

export function PopupApp({ send, subscribe, tabId, onOpenOptions, retryMs, initial }: PopupAppProps) {
  const { state, partial, refresh } = useTabContext({ send, subscribe, tabId, retryMs, initial });
  return (
    <main class="uc-root uc-popup" data-state={state.kind}>
      <ContextPanel state={state} partial={partial} onRefresh={refresh} onOpenOptions={onOpenOptions} />
    </main>
  );
}
