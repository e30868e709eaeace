import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../../utils/messaging/server';
import { getSecrets, secretsPresence, updateSecrets } from '../../../utils/settings';

describe('secrets', () => {
  it('saving one key keeps the others', async () => {
    await updateSecrets({ hostedApiKey: 'h', blueskyAppPassword: 'b' });
    await updateSecrets({ anthropicApiKey: 'a' });
    expect(await getSecrets()).toEqual({ hostedApiKey: 'h', blueskyAppPassword: 'b', anthropicApiKey: 'a' });
    await updateSecrets({ blueskyAppPassword: '' });
    expect(await secretsPresence()).toEqual({ hostedApiKey: true, blueskyAppPassword: false, anthropicApiKey: true });
  });

  it('a saveSecrets message carries only the keys that were sent', async () => {
    const saveSecrets = vi.fn(async () => ({ hostedApiKey: true, blueskyAppPassword: false, anthropicApiKey: true }));
    const reply = await dispatch({ saveSecrets } as unknown as Handlers, { channel: 'undercurrent', name: 'saveSecrets', data: { secrets: { anthropicApiKey: 'a' } } }, {} as never);
    expect(reply.ok).toBe(true);
    expect(saveSecrets).toHaveBeenCalledWith({ secrets: { anthropicApiKey: 'a' } }, {});
  });
});
