// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostedApiProvider } from '../../../utils/context/hosted-api';
import { ProviderError } from '../../../utils/context/provider';
import { startFakeHostedApi, type FakeHostedApi } from '../../fixtures/servers/hosted-api';
import type { Fault } from '../../fixtures/servers/base';

let api: FakeHostedApi;
beforeAll(async () => {
  api = await startFakeHostedApi({ apiKey: 'k-123' });
});
afterAll(() => api.close());
afterEach(() => api.setFault({ kind: 'none' }));

const query = { key: 'open-source-ai|deepseek', beat: 'open-source-ai' as const, entities: ['deepseek'], q: 'deepseek v3' };
const provider = (opts: Partial<ConstructorParameters<typeof HostedApiProvider>[0]> = {}) =>
  // A generous timeout, so a loaded machine cannot turn a healthy answer into an error;
  // the cases about timeouts set their own.
  new HostedApiProvider({ fetch, baseUrl: api.url, apiKey: 'k-123', timeoutMs: 30_000, ...opts });

describe('HostedApiProvider against a fake hosted API', () => {
  it('fetches and parses a context, sending the bearer key and the query', async () => {
    const answer = await provider().fetch(query, {});
    expect(answer.kind).toBe('fresh');
    if (answer.kind === 'fresh') {
      expect(answer.context.freshness.origin).toBe('hosted');
      expect(answer.context.snapshot.keyVoices.map((v) => v.author)).toContain('Dana Whitaker');
      expect(answer.etag).toMatch(/^".+"$/);
    }
    const req = api.requests.at(-1)!;
    expect(req.headers.authorization).toBe('Bearer k-123');
    expect(req.query.get('beat')).toBe('open-source-ai');
    expect(req.query.get('entities')).toBe('deepseek');
    expect(req.query.get('q')).toBe('deepseek v3');
  });

  it('revalidates with If-None-Match and gets 304', async () => {
    const first = await provider().fetch(query, {});
    const etag = first.kind === 'fresh' ? first.etag : undefined;
    const bodies = api.contextBodies();
    expect(await provider().fetch(query, { etag })).toEqual({ kind: 'not-modified' });
    expect(api.contextBodies()).toBe(bodies);
  });

  it.each<[string, Fault, string, RegExp]>([
    ['a 500', { kind: 'status', status: 500 }, 'http', /server error 500/],
    ['a 429 with Retry-After', { kind: 'rate-limit', retryAfterSeconds: 30 }, 'rate-limited', /retry in 30 s/],
    ['malformed JSON', { kind: 'malformed' }, 'malformed', /not valid JSON/],
    ['an oversized body', { kind: 'oversized', bytes: 3_000_000 }, 'too-large', /too large/],
    ['a slow answer past the timeout', { kind: 'slow', ms: 3000 }, 'timeout', /no answer within 1.5 s/],
    ['a server that never answers', { kind: 'hang' }, 'timeout', /no answer/],
    ['a reset connection', { kind: 'reset' }, 'network', /unreachable/],
    ['a wrong shape', { kind: 'status', status: 200, body: { snapshot: 'nope' } }, 'malformed', /unexpected answer \(topic: /],
  ])('turns %s into the right error code and a clear message', async (_what, fault, code, message) => {
    api.setFault(fault);
    const timesOut = fault.kind === 'slow' || fault.kind === 'hang';
    const err = await provider(timesOut ? { timeoutMs: 1500 } : {}).fetch(query, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).code).toBe(code);
    expect((err as ProviderError).message).toMatch(message);
  });

  it('keeps the Retry-After delay for the caller', async () => {
    api.setFault({ kind: 'rate-limit', retryAfterSeconds: 12 });
    const err = (await provider().fetch(query, {}).catch((e: unknown) => e)) as ProviderError;
    expect(err.retryAfterMs).toBe(12_000);
  });

  it('reports a refused key as unauthorized', async () => {
    const err = (await provider({ apiKey: 'wrong' }).fetch(query, {}).catch((e: unknown) => e)) as ProviderError;
    expect(err.code).toBe('unauthorized');
    expect(err.message).not.toContain('wrong');
  });

  it('accepts an answer of a normal size under the cap', async () => {
    const answer = await provider({ maxBytes: 200_000 }).fetch(query, {});
    expect(answer.kind).toBe('fresh');
  });
});
