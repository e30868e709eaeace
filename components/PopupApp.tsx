// The toolbar popup: the context for one tab, kept current while the popup is open.
import type { Send, Subscribe } from './client';
import type { Replies, Result } from '../utils/messaging/protocol';
import { useState } from 'preact/hooks';
import { ContextPanel } from './ContextPanel';
import type { NameLookup } from './ContextView';
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
  const [lookups, setLookups] = useState<Record<string, NameLookup>>({});
  // A new name leaves the machine only from here, one name per click.
  const lookUp = (id: string) => {
    if (tabId === null) return;
    setLookups((l) => ({ ...l, [id]: { kind: 'loading' } }));
    void send('lookUpName', { tabId, id }).then((r) =>
      setLookups((l) => ({
        ...l,
        [id]: r.ok ? { kind: 'done', volume24h: r.value.volume24h, moodScore: r.value.mood?.score ?? null } : { kind: 'error', message: r.error.message },
      })),
    );
  };
  return (
    <main class="uc-root uc-popup" data-state={state.kind}>
      <ContextPanel state={state} partial={partial} onRefresh={refresh} onOpenOptions={onOpenOptions} onLookUp={lookUp} lookups={lookups} />
    </main>
  );
}
