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
  /** Advances the provider's clock. */
  advance(ms: number): void;
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
  opts: { pipeline?: PipelineOptions; upstreams?: FakeUpstreamsOptions; login?: boolean; settings?: (s: Settings) => Settings } = {},
): Promise<Harness> {
  let offset = 0;
  const clock = () => Date.now() + offset;
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
  const base: PipelineOptions = { gdeltPaceMs: 0, timeoutMs: 2_000, backoffBaseMs: 5, random: () => 0.5, ...opts.pipeline };
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
    },
    now: clock,
    restart: (o) => (h.provider = build(o)),
    close: async () => {
      await h.provider.idle();
      store.close();
      await up.close();
    },
  };
  return h;
}
