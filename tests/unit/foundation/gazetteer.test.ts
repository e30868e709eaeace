// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Store } from '../../../utils/store';
import { GazetteerService } from '../../../utils/context/gazetteer';
import { bundledDetectorData } from '../../../utils/detect/data';
import { Secrets, Settings } from '../../../utils/schema';
import { startFakeHostedApi, type FakeHostedApi } from '../../fixtures/servers/hosted-api';

let api: FakeHostedApi;
beforeAll(async () => {
  api = await startFakeHostedApi({ apiKey: 'k' });
});
afterAll(() => api.close());

async function service(baseUrl: string) {
  const store = await Store.open({ factory: new IDBFactory() });
  return new GazetteerService({
    store,
    fetch,
    clock: Date.now,
    bundled: bundledDetectorData,
    getSettings: async () => Settings.parse({ hostedApi: { baseUrl } }),
    getSecrets: async () => Secrets.parse({ hostedApiKey: 'k' }),
  });
}

describe('GazetteerService', () => {
  it('serves the bundled data until a refresh from the hosted API adds new entities', async () => {
    const g = await service(api.url);
    expect((await g.data()).entities.some((e) => e.id === 'voxtral-tts')).toBe(false);
    await g.refresh();
    const data = await g.data();
    expect(data.entities.find((e) => e.id === 'voxtral-tts')?.aliases).toContain('Voxtral TTS');
    expect(data.entities.length).toBeGreaterThan(bundledDetectorData.entities.length);
  });

  it('keeps the bundled data when the hosted API answers garbage', async () => {
    const g = await service(api.url);
    api.setFault({ kind: 'malformed' });
    await expect(g.refresh()).rejects.toThrow();
    api.setFault({ kind: 'none' });
    expect(await g.data()).toBe(bundledDetectorData);
    await g.refresh().catch(() => {}); // let the refresh data() started finish inside this test
  });

  it('makes no request without a hosted API', async () => {
    const before = api.requests.length;
    const g = await service('');
    await g.refresh();
    expect(api.requests.length).toBe(before);
  });
});
