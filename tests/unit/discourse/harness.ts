// Builds a LocalPipelineProvider wired to fake upstreams, an in-memory store and
// in-memory settings/secrets/session: what every pipeline test starts from.
import { Settings, Secrets, type ContextQuery } from '../../../utils/schema';
import { Store } from '../../../utils/store';
import { topicKey } from '../../../utils/context/provider';
import { LocalPipelineProvider, type PipelineOptions } from '../../../utils/discourse/pipeline';
import { startAllFakeUpstreams, type FakeUpstreams, type FakeUpstreamsOptions } from '../../fixtures/servers/upstreams';

let dbSeq = 0;

export interface Harness {
  up: FakeUpstreams;
  /** Most requests the provider had open at once (parallel sources show as > 1). */
  maxInFlight(): number;
  store: Store;
  provider: LocalPipelineProvider;
  settings: Settings;
  secrets: Secrets;
  session: { value: unknown; writes: number };
  /** Advances the provider's clock (and, with `fakeTime`, ends the sleeps that became due). */
  advance(ms: number): void;
  /** With `fakeTime`: the waits the provider is sleeping now, in ms left on the fake clock. */
  sleeping(): number[];
  /**
   * Times out the requests in flight whose URL starts with `urlPrefix`. Requests never
   * time out on their own here, so a loaded machine cannot turn a slow answer into an error.
   */
  fireTimeouts(urlPrefix: string): void;
  now(): number;
  /** A new provider on the same store/session (a restarted service worker). */
  restart(options?: PipelineOptions): LocalPipelineProvider;
  close(): Promise<void>;
}

export const DEEPSEEK: ContextQuery & { key: string } = (() => {
  const q = { beat: 'open-source-ai' as const, entities: ['deepseek-v3'], q: 'DeepSeek V3' };
  return { ...q, key: topicKey(q) };
})();

export async function harness(
  opts: {
    pipeline?: PipelineOptions;
    upstreams?: FakeUpstreamsOptions;
    login?: boolean;
    settings?: (s: Settings) => Settings;
    /**
     * A clock that stands still until `advance()`, and waits (GDELT's pace, Retry-After,
     * backoff) that end only when `advance()` reaches them: no pass or fail on wall time.
     */
    fakeTime?: boolean;
  } = {},
): Promise<Harness> {
  let offset = 0;
  const start = Date.now();
  const clock = opts.fakeTime ? () => start + offset : () => Date.now() + offset;
  const sleepers = new Set<{ until: number; resolve: () => void; reject: (e: unknown) => void }>();
  const wake = () => {
    for (const s of sleepers) if (s.until <= clock()) (sleepers.delete(s), s.resolve());
  };
  const fakeSleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const s = { until: clock() + ms, resolve, reject };
      sleepers.add(s);
      signal?.addEventListener('abort', () => (sleepers.delete(s), reject(signal.reason)), { once: true });
      wake();
    });
  const up = await startAllFakeUpstreams({ now: clock, ...opts.upstreams });
  const store = await Store.open({ name: `discourse-test-${process.pid}-${++dbSeq}`, clock });
  let settings = Settings.parse({ endpoints: { ...up.endpoints, anthropic: 'https://api.anthropic.com' } });
  if (opts.login !== false) settings = { ...settings, bluesky: { handle: up.blueskyLogin.handle } };
  if (opts.settings) settings = opts.settings(settings);
  const secrets = Secrets.parse(opts.login === false ? {} : { blueskyAppPassword: up.blueskyLogin.appPassword });
  const session = { value: undefined as unknown, writes: 0 };
  let open = 0;
  let maxOpen = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    maxOpen = Math.max(maxOpen, ++open);
    try {
      return await globalThis.fetch(input, init);
    } finally {
      open--;
    }
  };
  // Request timeouts fire only when a test fires them (the 'hang' fault), never on wall time.
  const timers = new Set<{ url: string; controller: AbortController }>();
  const timeoutSignal = (_ms: number, url: string) => {
    const t = { url, controller: new AbortController() };
    timers.add(t);
    return t.controller.signal;
  };
  const base: PipelineOptions = {
    timeoutSignal,
    gdeltPaceMs: 0,
    timeoutMs: 2_000,
    backoffBaseMs: 5,
    random: () => 0.5,
    ...(opts.fakeTime ? { sleep: fakeSleep } : {}),
    ...opts.pipeline,
  };
  const build = (o?: PipelineOptions) =>
    new LocalPipelineProvider(
      {
        fetch: countingFetch,
        clock,
        store,
        getSettings: async () => h.settings,
        getSecrets: async () => h.secrets,
        session: {
          get: async () => session.value,
          set: async (v) => {
            session.value = structuredClone(v);
            session.writes++;
          },
        },
      },
      { ...base, ...o },
    );
  const h: Harness = {
    up,
    maxInFlight: () => maxOpen,
    store,
    provider: build(),
    settings,
    secrets,
    session,
    advance: (ms) => {
      offset += ms;
      wake();
    },
    sleeping: () => [...sleepers].map((s) => s.until - clock()),
    fireTimeouts: (urlPrefix) => {
      for (const t of timers) {
        if (!t.url.startsWith(urlPrefix)) continue;
        timers.delete(t);
        t.controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
      }
    },
    now: clock,
    restart: (o) => (h.provider = build(o)),
    close: async () => {
      // Waits still asleep on the fake clock would never end: end them as cancelled.
      for (const s of sleepers) s.reject(new DOMException('the test is over', 'AbortError'));
      sleepers.clear();
      await h.provider.idle();
      store.close();
      await up.close();
    },
  };
  return h;
}
