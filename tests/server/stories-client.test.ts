// The extension's stories client (utils/context/stories.ts) against the real server on
// loopback: the beat's story in full and the other beats' latest as "More stories";
// cached, revalidated with the server's ETag (304), the stale copy kept when the server
// is gone, links only to the configured server, nothing at all without a server.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secrets, Settings } from '../../utils/schema';
import { Store } from '../../utils/store';
import { STORIES_FRESH_MS, StoriesService } from '../../utils/context/stories';
import { startServer, type RunningServer } from '../../server/server';
import { makeStory, saveStory } from '../fixtures/stories';
import { testConfig, NOW } from './config';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startServer(testConfig({ ingest: 'off' }));
  base = server.url;
  await saveStory(server.db, makeStory({ id: 'osai-lead', now: NOW, baseUrl: base, ageHours: 1 }));
  await saveStory(server.db, makeStory({ id: 'osai-old', now: NOW, baseUrl: base, ageHours: 20, headline: 'An older open-source story' }));
  await saveStory(server.db, makeStory({ id: 'policy-1', beat: 'policy-regulation', now: NOW, baseUrl: base, ageHours: 2, headline: 'The EU code splits the labs' }));
  // A story stored with a page elsewhere (a misconfigured PUBLIC_URL, or worse): never offered as a link.
  await saveStory(server.db, makeStory({ id: 'labor-1', beat: 'labor-economy', now: NOW, baseUrl: 'https://elsewhere.example', ageHours: 3 }));
});
let closed = false;
afterAll(async () => {
  if (!closed) await server?.close();
});

function client(baseUrl: string) {
  let t = NOW;
  const asked: { url: string; status: number; ifNoneMatch: string | null }[] = [];
  const f: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    asked.push({ url: String(input), status: res.status, ifNoneMatch: new Headers(init?.headers).get('if-none-match') });
    return res;
  };
  const store = Store.open({ factory: new IDBFactory(), clock: () => t });
  const settings = Settings.parse({ hostedApi: { baseUrl } });
  const service = store.then((s) => new StoriesService({ store: s, fetch: f, clock: () => t, getSettings: async () => settings, getSecrets: async () => Secrets.parse({}) }));
  return { service, asked, advance: (ms: number) => (t += ms) };
}

describe('stories client on the real server', () => {
  it('gives the beat its story in full and the other beats as "More stories", only pages of the server', async () => {
    const c = client(base);
    const got = await (await c.service).forBeat('open-source-ai');
    expect(got?.story?.id).toBe('osai-lead');
    expect(got?.story?.narrative.paragraphs.length).toBe(4);
    expect(got?.story?.url).toBe(`${base}/stories/osai-lead`);
    expect(got?.more.map((s) => s.id)).toEqual(['policy-1']);
    expect(got?.more[0]).toMatchObject({ title: 'The EU code splits the labs', url: `${base}/stories/policy-1`, dek: expect.any(String) });
    expect(c.asked.map((a) => new URL(a.url).pathname)).toEqual(['/v1/stories', '/v1/stories/osai-lead']);
    // A beat without a story of its own still gets "More stories".
    const other = await (await c.service).forBeat('education');
    expect(other).toEqual({ story: null, more: expect.arrayContaining([expect.objectContaining({ id: 'osai-lead' }), expect.objectContaining({ id: 'policy-1' })]) });
  });

  it('answers from the store while fresh, then revalidates with the ETag (304)', async () => {
    const c = client(base);
    const svc = await c.service;
    await svc.forBeat('open-source-ai');
    await svc.forBeat('open-source-ai');
    expect(c.asked).toHaveLength(2);
    c.advance(STORIES_FRESH_MS + 1);
    const again = await svc.forBeat('open-source-ai');
    expect(again?.story?.id).toBe('osai-lead');
    expect(c.asked.slice(2).map((a) => [new URL(a.url).pathname, a.status, !!a.ifNoneMatch])).toEqual([
      ['/v1/stories', 304, true],
      ['/v1/stories/osai-lead', 304, true],
    ]);
  });

  it('asks nothing without a server', async () => {
    const c = client('');
    expect(await (await c.service).forBeat('open-source-ai')).toBeNull();
    expect(c.asked).toEqual([]);
  });
  it('keeps the last stories when the server is gone, and shows none (no error) when it never answered', async () => {
    const c = client(base);
    const svc = await c.service;
    await svc.forBeat('policy-regulation');
    const dead = client('http://127.0.0.1:9');
    expect(await (await dead.service).forBeat('policy-regulation')).toEqual({ story: null, more: [] });
    // The same client, past the fresh window, with its server unreachable: the cached copy.
    const gone = new StoriesService({
      store: await (async () => {
        const s = await Store.open({ factory: new IDBFactory(), clock: () => NOW });
        return s;
      })(),
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      clock: () => NOW,
      getSettings: async () => Settings.parse({ hostedApi: { baseUrl: base } }),
      getSecrets: async () => Secrets.parse({}),
    });
    expect(await gone.forBeat('policy-regulation')).toEqual({ story: null, more: [] });
    c.advance(STORIES_FRESH_MS + 1);
    // Asked last, after every other test: the server goes away for good.
    await server.close();
    closed = true;
    const stale = await svc.forBeat('policy-regulation');
    expect(stale?.story?.id).toBe('policy-1');
  });

});
