// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHostedApi } from '../../../utils/context/connection';
import { startFakeHostedApi, type FakeHostedApi } from '../../fixtures/servers/hosted-api';

let api: FakeHostedApi;
beforeAll(async () => {
  api = await startFakeHostedApi({ apiKey: 'right' });
});
afterAll(() => api.close());

describe('testHostedApi', () => {
  it.each([
    ['the right key', () => api.url, 'right', true, /15 beats/],
    ['a wrong key', () => api.url, 'wrong', false, /refused the key \(401\)/],
    ['no URL', () => '', 'right', false, /No hosted API URL/],
    ['a closed port', () => 'http://127.0.0.1:9', 'right', false, /unreachable/],
  ])('with %s', async (_what, url, key, ok, message) => {
    const r = await testHostedApi(fetch, url(), key);
    expect(r.ok).toBe(ok);
    expect(r.message).toMatch(message);
    expect(r.message).not.toContain(key === 'right' ? 'right' : 'wrong');
  });
});
