// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAnthropic } from '../../../utils/narrative/connection';
import { startFakeAnthropic, type FakeAnthropic } from '../../fixtures/servers/anthropic';

let api: FakeAnthropic;
beforeAll(async () => {
  api = await startFakeAnthropic({ apiKey: 'sk-ant-right' });
});
afterAll(() => api.close());

describe('testAnthropic (options page "test connection")', () => {
  it.each([
    ['the right key', 'sk-ant-right', true, /Connected: claude-sonnet-5-5/],
    ['a wrong key', 'sk-ant-wrong', false, /rejected the API key \(401\)/],
    ['no key', '', false, /No Anthropic API key/],
  ])('with %s', async (_what, apiKey, ok, message) => {
    const r = await testAnthropic({ apiKey, baseURL: api.url, model: 'claude-sonnet-5-5' });
    expect(r.ok).toBe(ok);
    expect(r.message).toMatch(message);
    if (apiKey) expect(r.message).not.toContain(apiKey);
  });

  it('reports an unreachable API', async () => {
    const r = await testAnthropic({ apiKey: 'sk-ant-right', baseURL: 'http://127.0.0.1:9', model: 'claude-sonnet-5-5' });
    expect(r).toEqual({ ok: false, message: 'Anthropic is unreachable (network or timeout).' });
  });
});
