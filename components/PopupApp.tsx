// The toolbar popup: the context for one tab, kept current while the popup is open; or,
// while the browser withholds access to websites, why nothing can be shown and a way to allow it.
import { useEffect, useState } from 'preact/hooks';
import type { Send, Subscribe } from './client';
import type { Replies, Result } from '../utils/messaging/protocol';
import { ContextPanel } from './ContextPanel';
import type { NameLookup } from './ContextView';
import { HostAccessNotice } from './HostAccessNotice';
import { FeedPosts } from './FeedPosts';
import { useTabContext } from './use-tab-context';

/** The browser's grant of access to websites, as the popup sees it. */
export interface HostAccess {
  /** Whether access was granted when the popup opened. */
  granted: boolean;
  /** Asks for it (from a click); resolves to whether it was given. */
  request: () => Promise<boolean>;
  /** Calls back with the new state when it changes elsewhere (the add-ons manager); returns the unsubscribe. */
  watch?: (onChange: (granted: boolean) => void) => () => void;
}

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
  /** Omitted: access is taken as granted. */
  hostAccess?: HostAccess;
}

export function PopupApp({ hostAccess, initial, ...rest }: PopupAppProps) {
  const [granted, setGranted] = useState(hostAccess?.granted ?? true);
  // Once access arrives the panel mounts afresh: the answer asked for before it is stale.
  const [grantedLater, setGrantedLater] = useState(false);
  useEffect(() => hostAccess?.watch?.((g) => {
    setGranted(g);
    if (g) setGrantedLater(true);
  }), [hostAccess]);

  if (!granted) {
    const request = () =>
      hostAccess!.request().then((g) => {
        if (g) {
          setGrantedLater(true);
          setGranted(true);
        }
        return g;
      });
    return (
      <main class="uc-root uc-popup" data-state="no-host-access">
        <HostAccessNotice onRequest={request} />
      </main>
    );
  }
  return <PopupContext {...rest} initial={grantedLater ? undefined : initial} />;
}

function PopupContext({ send, subscribe, tabId, onOpenOptions, retryMs, initial, offSite = null, onTurnOn }: Omit<PopupAppProps, 'hostAccess'>) {
  const { state, partial, refresh, stories } = useTabContext({ send, subscribe, tabId, retryMs, initial });
  const [lookups, setLookups] = useState<Record<string, NameLookup>>({});
  // A new name leaves the machine only from here, one name per click.
  const lookUp = (id: string) => {
    if (tabId === null) return;
    setLookups((l) => ({ ...l, [id]: { kind: 'loading' } }));
    void send('lookUpName', { tabId, id }).then((r) =>
      setLookups((l) => ({
        ...l,
        [id]: !r.ok
          ? { kind: 'error', message: r.error.message }
          : r.value.scope !== 'entity'
            ? { kind: 'error', message: 'no figures could be had for this name' }
            : { kind: 'done', volume24h: r.value.volume24h, moodScore: r.value.mood?.score ?? null },
      })),
    );
  };
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
      {state.kind === 'ready' && state.feed ? <FeedPosts post={state.feed.post} others={state.feed.others} /> : null}
      <ContextPanel state={state} stories={stories} partial={partial} onRefresh={refresh} onOpenOptions={onOpenOptions} onLookUp={lookUp} lookups={lookups} />
    </main>
  );
}
