// Loads the context for a tab and keeps it current: retries while the page is still being
// read, follows background events (updates, a narrative being written), refreshes on demand.
// Shared by the popup and the sidebar.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { DiscourseContext, PageTopic } from '../utils/schema';
import type { Send, Subscribe } from './client';
import type { Replies, Result } from '../utils/messaging/protocol';
import type { PartialNarrative } from './NarrativeView';
import type { PanelError } from './States';
import type { BeatStories } from '../utils/context/stories';

export type PanelState =
  | { kind: 'loading' }
  | { kind: 'empty'; analysed: boolean }
  | { kind: 'error'; error: PanelError }
  /** Nothing was fetched for this tab, for the reason in `message` (a limit, a background tab, a private host). */
  | { kind: 'held'; reason: string; message: string }
  | {
      kind: 'ready';
      context: DiscourseContext;
      topic: PageTopic | null;
      revalidating: boolean;
      notice?: string;
      /** The cached context was not refreshed, and why. */
      held?: string;
      /** Figures only: the narrative waits for a person to look. */
      narrativeHeld?: boolean;
      /** On a feed: the post the topic is, and the other AI posts in view. */
      feed?: Replies['getTabContext']['feed'];
    };

export interface TabContextOptions {
  send: Send;
  subscribe: Subscribe;
  /** null: the tab could not be determined. */
  tabId: number | null;
  /** How long to wait between asks while the page has not been read yet, or a refresh is under way. */
  retryMs?: number;
  /** The first answer, when the caller asked before rendering (the popup does, to paint sooner). */
  initial?: Promise<Result<Replies['getTabContext']>>;
  /** The sidebar says whether it is open and whether the user opened it (the popup leaves it out). */
  surface?: { open: boolean; userOpened: boolean };
  /** Ask for the server's stories (the sidebar only once it is open; default: yes). */
  wantStories?: boolean;
}

const MAX_UNREAD_RETRIES = 8;
const MAX_REVALIDATE_CHECKS = 3;

/** The panel state for a tab, the progress of a narrative being written if any, and a forced refresh. */
export function useTabContext({ send, subscribe, tabId, retryMs = 600, initial, surface, wantStories = true }: TabContextOptions) {
  const open = surface?.open;
  const userOpened = surface?.userOpened;
  const [state, setState] = useState<PanelState>(tabId === null ? { kind: 'error', error: { code: 'internal', message: 'No tab to show: open the popup from a web page.' } } : { kind: 'loading' });
  const [partial, setPartial] = useState<PartialNarrative | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const unread = useRef(0);
  const checks = useRef(0);
  const seq = useRef(0);
  const prefetched = useRef(initial);
  /** The topic this panel shows; events for any other key are not ours. */
  const topicKey = useRef<string | null>(null);

  const load = useCallback(
    async (force: boolean) => {
      if (tabId === null) return;
      clearTimeout(timer.current);
      const mine = ++seq.current;
      const prev = stateRef.current;
      if (prev.kind === 'ready') setState({ ...prev, revalidating: true, notice: undefined });
      else if (force) setState({ kind: 'loading' });
      // User-timing marks for `npm run bench` (cached context → painted panel).
      performance.mark('undercurrent:context-requested');
      const first = prefetched.current;
      prefetched.current = undefined;
      const reply = await (first && !force ? first : send('getTabContext', open === undefined ? { tabId, force } : { tabId, force, surface: { open, userOpened: !!userOpened } }));
      if (mine !== seq.current) return; // a newer request owns the state
      if (!reply.ok) {
        const cur = stateRef.current;
        if (cur.kind === 'ready') setState({ ...cur, revalidating: false, notice: `Refresh failed: ${reply.error.message}` });
        else setState({ kind: 'error', error: { source: 'background', code: reply.error.code, message: reply.error.message } });
        return;
      }
      const v = reply.value;
      if (v.held && !v.context) {
        setState({ kind: 'held', reason: v.held.reason, message: v.held.message });
        return;
      }
      if (!v.topic) {
        if (!v.analysed && unread.current < MAX_UNREAD_RETRIES) {
          unread.current++;
          if (stateRef.current.kind !== 'loading') setState({ kind: 'loading' });
          timer.current = setTimeout(() => void load(false), retryMs);
          return;
        }
        setState({ kind: 'empty', analysed: v.analysed });
        return;
      }
      if (!v.context) {
        setState({ kind: 'error', error: v.error ?? { code: 'internal', message: 'The background had no context for this page.' } });
        return;
      }
      setState({ kind: 'ready', context: v.context, topic: v.topic, revalidating: v.revalidating, held: v.held?.message, narrativeHeld: !!v.narrativeHeld, feed: v.feed ?? null });
      const writing = !!v.narrativePending && !v.context.narrative;
      if (topicKey.current !== v.context.topic.key) {
        // Another topic (the tab navigated): progress heard for the old one is not this one's.
        topicKey.current = v.context.topic.key;
        setPartial(null);
      }
      if (writing) {
        // The narrative is being written: say so until its progress events arrive.
        setPartial((p) => p ?? { attempt: 1, phase: 'writing' });
      } else if (!v.revalidating) {
        checks.current = 0;
        setPartial(null);
      }
      if ((v.revalidating || writing) && checks.current < MAX_REVALIDATE_CHECKS) {
        // The contextUpdated event normally arrives first; this covers a missed one.
        checks.current++;
        timer.current = setTimeout(() => void load(false), retryMs * 6);
      }
    },
    [send, tabId, retryMs, open, userOpened],
  );

  useEffect(() => {
    void load(false);
    const off = subscribe((event) => {
      const key = topicKey.current;
      if (event.event === 'contextUpdated') {
        // Before the first answer any update may be ours: asking again is harmless.
        if (key === null || event.key === key) void load(false);
        return;
      }
      // Progress is shown only for the topic this panel is known to show: while loading,
      // the key is not known yet, and another tab's narrative is none of this panel's business.
      if (key === null || event.key !== key) return;
      setPartial({ attempt: event.attempt, phase: event.phase });
    });
    return () => {
      off();
      clearTimeout(timer.current);
      seq.current++;
    };
  }, [load, subscribe]);

  useEffect(() => {
    if (state.kind !== 'ready') return;
    // Preact runs effects after the browser painted the commit (next frame, then a task):
    // this is the moment the context is on screen.
    performance.mark('undercurrent:context-painted');
  }, [state]);

  // The server's stories for the beat shown: asked once per beat (and on a refresh); none without a server.
  const [stories, setStories] = useState<BeatStories | null>(null);
  const [storiesAsked, setStoriesAsked] = useState(0);
  const beat = state.kind === 'ready' && wantStories ? state.context.topic.beat : null;
  useEffect(() => {
    if (!beat) return;
    let live = true;
    void send('getStories', { beat }).then((r) => {
      if (live) setStories(r.ok ? r.value : null);
    });
    return () => {
      live = false;
    };
  }, [send, beat, storiesAsked]);

  const refresh = useCallback(() => {
    checks.current = 0;
    setStoriesAsked((n) => n + 1);
    void load(true);
  }, [load]);

  return { state, partial, refresh, stories: beat ? stories : null };
}
