// The secret store and vault (issue 9, items 1 and 6): secrets encrypted at rest in the
// extension's IndexedDB under a non-extractable key, each bound to the origin it was saved
// for, moved out of storage.local once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SecretStore } from '../../../utils/settings/secret-store';
import { SecretVault, settingsItem } from '../../../utils/settings';
import { getSettings } from '../../../utils/settings';
import { Settings } from '../../../utils/schema';

let idb: IDBFactory;
let store: SecretStore;

beforeEach(() => {
  idb = new IDBFactory();
  store = new SecretStore({ indexedDB: idb });
});
afterEach(async () => {
  await store.close();
});

const CLAUDE = 'https://api.anthropic.com';
const ATTACKER = 'https://attacker.example';

function vault() {
  return new SecretVault({ store, getSettings });
}

async function setEndpoints(patch: Partial<Settings['endpoints']>, hosted = ''): Promise<void> {
  const s = await getSettings();
  await settingsItem.setValue({ ...s, hostedApi: { baseUrl: hosted }, endpoints: { ...s.endpoints, ...patch } });
}

describe('SecretStore', () => {
  it('keeps only ciphertext and a non-extractable key in IndexedDB', async () => {
    await store.put('anthropicApiKey', 'sk-ant-plain-value', CLAUDE);
    expect(await store.get('anthropicApiKey')).toMatchObject({ value: 'sk-ant-plain-value', origin: CLAUDE });

    const raw = await (wrap(idb.open('undercurrent-secrets', 1)) as unknown as Promise<IDBPDatabase>);
    const record = await raw.get('secrets', 'anthropicApiKey');
    expect(new TextDecoder().decode(record.data)).not.toContain('sk-ant-plain-value');
    const key = (await raw.get('keys', 'aes-gcm-v1')) as CryptoKey;
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    raw.close();
  });

  it('refuses a record moved under another name (the name is authenticated)', async () => {
    const seen: string[] = [];
    store = new SecretStore({ indexedDB: idb, onCorrupt: (name) => seen.push(name) });
    await store.put('hostedApiKey', 'hosted-key', 'https://api.example.org');
    const raw = await (wrap(idb.open('undercurrent-secrets', 1)) as unknown as Promise<IDBPDatabase>);
    await raw.put('secrets', await raw.get('secrets', 'hostedApiKey'), 'anthropicApiKey');
    raw.close();
    expect(await store.get('anthropicApiKey')).toBeNull();
    expect(seen).toEqual(['anthropicApiKey']);
    expect(await store.get('hostedApiKey')).toMatchObject({ value: 'hosted-key' });
  });

  it('keeps one key across instances (worker restarts)', async () => {
    await store.put('blueskyAppPassword', 'app-pass', 'https://bsky.social');
    await store.close();
    const again = new SecretStore({ indexedDB: idb });
    expect(await again.get('blueskyAppPassword')).toMatchObject({ value: 'app-pass' });
    await again.close();
  });
});

describe('SecretVault: a secret is only handed out for the origin it was saved for', () => {
  it('binds a saved key to its endpoint origin and withholds it once the endpoint moves', async () => {
    const v = vault();
    await v.save({ anthropicApiKey: 'sk-ant-1' });
    expect((await v.forUse(await getSettings())).anthropicApiKey).toBe('sk-ant-1');

    await setEndpoints({ anthropic: ATTACKER });
    expect((await v.forUse(await getSettings())).anthropicApiKey).toBe('');
    expect((await v.state()).anthropicApiKey).toEqual({ set: true, origin: CLAUDE, usable: false });

    // Switching back needs no re-entry; the key was never moved.
    await setEndpoints({ anthropic: `${CLAUDE}/` });
    expect((await v.forUse(await getSettings())).anthropicApiKey).toBe('sk-ant-1');
  });

  it('judges the secrets against the settings the request is built from', async () => {
    const v = vault();
    await v.save({ anthropicApiKey: 'sk-ant-1' });
    const moved = Settings.parse({ endpoints: { anthropic: ATTACKER } });
    expect((await v.forUse(moved)).anthropicApiKey).toBe('');
  });

  it('refuses a key typed for one origin when the stored endpoint is now another', async () => {
    const v = vault();
    await setEndpoints({ anthropic: ATTACKER });
    await expect(v.save({ anthropicApiKey: 'sk-ant-1' }, { anthropicApiKey: CLAUDE })).rejects.toThrow(/typed for https:\/\/api.anthropic.com, but the endpoint is now https:\/\/attacker.example/);
    expect((await v.state()).anthropicApiKey.set).toBe(false);
  });

  it('needs an endpoint to bind the hosted key to, and removes a key with an empty value', async () => {
    const v = vault();
    await expect(v.save({ hostedApiKey: 'h' })).rejects.toThrow(/Hosted API key: set an https endpoint first/);
    await setEndpoints({}, 'https://api.example.org/base');
    await v.save({ hostedApiKey: 'h', blueskyAppPassword: 'b' });
    expect(await v.state()).toEqual({
      hostedApiKey: { set: true, origin: 'https://api.example.org', usable: true },
      blueskyAppPassword: { set: true, origin: 'https://bsky.social', usable: true },
      anthropicApiKey: { set: false, origin: null, usable: false },
    });
    await v.save({ blueskyAppPassword: '' });
    expect((await v.state()).blueskyAppPassword.set).toBe(false);
    expect((await v.forUse(await getSettings())).hostedApiKey).toBe('h');
  });

  it('hands the Bluesky session out only for the service it came from', async () => {
    const v = vault();
    await v.session.set({ service: 'https://bsky.social', identifier: 'me.bsky.social', session: { accessJwt: 'a', refreshJwt: 'r' } });
    expect(await v.session.get()).toMatchObject({ session: { accessJwt: 'a' } });
    await setEndpoints({ blueskyService: ATTACKER });
    expect(await v.session.get()).toBeNull();
  });

  it('moves secrets and the session out of storage.local once, bound to the endpoints then, and deletes them there', async () => {
    await fakeBrowser.storage.local.set({
      secrets: { hostedApiKey: '', blueskyAppPassword: 'legacy-pass', anthropicApiKey: 'sk-ant-legacy' },
      blueskySession: { service: 'https://bsky.social', identifier: 'me', session: { accessJwt: 'legacy-jwt' } },
    });
    const migrated: string[][] = [];
    const v = new SecretVault({ store, getSettings, onMigrated: (n) => migrated.push(n) });
    expect(await v.forUse(await getSettings())).toEqual({ hostedApiKey: '', blueskyAppPassword: 'legacy-pass', anthropicApiKey: 'sk-ant-legacy' });
    expect(await v.session.get()).toMatchObject({ session: { accessJwt: 'legacy-jwt' } });
    expect(await fakeBrowser.storage.local.get(['secrets', 'blueskySession'])).toEqual({});
    expect(migrated).toEqual([['blueskyAppPassword', 'anthropicApiKey', 'blueskySession']]);

    // Something writing storage.local later (a content script) does not plant a key.
    await fakeBrowser.storage.local.set({ secrets: { anthropicApiKey: 'sk-ant-planted' } });
    const later = new SecretVault({ store, getSettings });
    expect((await later.forUse(await getSettings())).anthropicApiKey).toBe('sk-ant-legacy');
    expect(await fakeBrowser.storage.local.get('secrets')).toEqual({});
  });

  it('does not bind a legacy key to an endpoint that is no longer allowed', async () => {
    await fakeBrowser.storage.local.set({
      settings: { endpoints: { anthropic: 'http://attacker.example' } },
      secrets: { anthropicApiKey: 'sk-ant-legacy' },
    });
    const v = vault();
    // The stored http endpoint falls back to the default (kept field by field), and the key with it.
    expect((await getSettings()).endpoints.anthropic).toBe(CLAUDE);
    expect((await v.state()).anthropicApiKey).toEqual({ set: true, origin: CLAUDE, usable: true });
  });
});
