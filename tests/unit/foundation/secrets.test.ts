import { describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { dispatch, type Handlers } from '../../../utils/messaging/server';
import { getSettings, SecretVault } from '../../../utils/settings';
import { SecretStore } from '../../../utils/settings/secret-store';

const SELF = { id: 'ext', origin: 'chrome-extension://ext' };
const optionsPage = { id: 'ext', url: 'chrome-extension://ext/options.html' } as never;

describe('secrets', () => {
  it('saving one key keeps the others', async () => {
    const vault = new SecretVault({ store: new SecretStore({ indexedDB: new IDBFactory() }), getSettings });
    await vault.save({ blueskyAppPassword: 'b' });
    await vault.save({ anthropicApiKey: 'a' });
    expect(await vault.forUse(await getSettings())).toEqual({ hostedApiKey: '', blueskyAppPassword: 'b', anthropicApiKey: 'a' });
    await vault.save({ blueskyAppPassword: '' });
    expect(await vault.forUse(await getSettings())).toEqual({ hostedApiKey: '', blueskyAppPassword: '', anthropicApiKey: 'a' });
  });

  it('a saveSecrets message carries only the keys that were sent, with the origins the page showed', async () => {
    const saveSecrets = vi.fn(async () => ({}));
    const reply = await dispatch(
      { saveSecrets } as unknown as Handlers,
      { channel: 'undercurrent', name: 'saveSecrets', data: { secrets: { anthropicApiKey: 'a' }, origins: { anthropicApiKey: 'https://api.anthropic.com' } } },
      optionsPage,
      SELF,
    );
    expect(reply.ok).toBe(true);
    expect(saveSecrets).toHaveBeenCalledWith({ secrets: { anthropicApiKey: 'a' }, origins: { anthropicApiKey: 'https://api.anthropic.com' } }, optionsPage);
  });
});
