// @vitest-environment node
// The fake Messages API is only useful if the real SDK reads it as it reads the real
// one: these drive it with @anthropic-ai/sdk directly, outside the narrator.
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_ERRORS, startFakeAnthropic, type FakeAnthropic } from '../../fixtures/servers/anthropic';

const KEY = 'sk-ant-api03-fake-fidelity-0123456789';
let fake: FakeAnthropic;
const client = (over: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}) =>
  new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0, ...over });
const params = { model: 'claude-sonnet-5-5', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hello' }] };

beforeEach(async () => {
  fake = await startFakeAnthropic({ apiKey: KEY });
});
afterEach(() => fake.close());

describe('fake Anthropic Messages API, read by the real SDK', () => {
  it('answers a non-streaming request with a Message', async () => {
    fake.enqueue({ kind: 'json', value: { answer: 4 } });
    const msg = await client().messages.create(params);
    expect(msg).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', stop_reason: 'end_turn' });
    expect(msg.content).toEqual([{ type: 'text', text: '{"answer":4}', citations: null }]);
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
    expect(msg.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams text deltas the SDK assembles, with usage from message_delta', async () => {
    fake.enqueue({ kind: 'text', text: 'The quick brown fox jumps over the lazy dog.', chunkChars: 5 });
    const deltas: string[] = [];
    const stream = client().messages.stream(params);
    stream.on('text', (d) => deltas.push(d));
    const msg = await stream.finalMessage();
    expect(deltas.length).toBe(9);
    expect(deltas.join('')).toBe('The quick brown fox jumps over the lazy dog.');
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'The quick brown fox jumps over the lazy dog.' });
    expect(msg.usage.output_tokens).toBe(11);
  });

  it('streams a strict tool call as input_json_delta', async () => {
    fake.enqueue({ kind: 'json', mode: 'tool', toolName: 'write_narrative', value: { headline: 'H', paragraphs: [] }, chunkChars: 3 });
    const partials: unknown[] = [];
    const stream = client().messages.stream({
      ...params,
      tools: [{ name: 'write_narrative', input_schema: { type: 'object' }, strict: true }],
      tool_choice: { type: 'tool', name: 'write_narrative' },
    });
    stream.on('inputJson', (_d, snapshot) => partials.push(snapshot));
    const msg = await stream.finalMessage();
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.content[0]).toMatchObject({ type: 'tool_use', name: 'write_narrative', input: { headline: 'H', paragraphs: [] } });
    expect(partials.length).toBeGreaterThan(3);
  });

  it('reports cache writes, then cache reads, for a cache_control system prompt', async () => {
    fake.setHandler(() => ({ kind: 'text', text: 'ok' }));
    const system = [{ type: 'text' as const, text: 'Fixed instructions. '.repeat(50), cache_control: { type: 'ephemeral' as const } }];
    const a = await client().messages.create({ ...params, system });
    const b = await client().messages.create({ ...params, system });
    expect(a.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(a.usage.cache_read_input_tokens).toBe(0);
    expect(b.usage.cache_read_input_tokens).toBe(a.usage.cache_creation_input_tokens);
  });

  it.each([
    ['401 invalid key', 'wrong-key', Anthropic.AuthenticationError, 401, 'authentication_error'],
    ['429 rate limit', API_ERRORS.rateLimited(7), Anthropic.RateLimitError, 429, 'rate_limit_error'],
    ['529 overloaded', API_ERRORS.overloaded, Anthropic.InternalServerError, 529, 'overloaded_error'],
  ] as const)('sends %s as the API does', async (_name, reply, cls, status, type) => {
    if (reply !== 'wrong-key') fake.enqueue(reply);
    const c = reply === 'wrong-key' ? client({ apiKey: 'sk-ant-api03-revoked-000000' }) : client();
    const err = await c.messages.create(params).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ status, type });
    const apiErr = err as InstanceType<typeof Anthropic.APIError>;
    expect(apiErr.requestID).toMatch(/^req_/);
    if (status === 429) expect(apiErr.headers?.get('retry-after')).toBe('7');
  });

  it('with SDK retries on, a 429 is retried after Retry-After', async () => {
    fake.enqueue(API_ERRORS.rateLimited(0.05), { kind: 'text', text: 'second time lucky' });
    const msg = await client({ maxRetries: 1 }).messages.create(params);
    expect(msg.content[0]).toMatchObject({ text: 'second time lucky' });
    expect(fake.requests).toHaveLength(2);
  });

  it.each([false, true])('a malformed body fails the SDK (stream: %s)', async (stream) => {
    fake.enqueue({ kind: 'malformed' });
    const run = stream ? client().messages.stream(params).finalMessage() : client().messages.create(params);
    await expect(run).rejects.toBeInstanceOf(Error);
  });

  it('refuses requests the real API refuses', async () => {
    const noVersion = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: JSON.stringify(params) });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const noKey = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: JSON.stringify(params) });
    expect(noKey.status).toBe(401);
    const badBody = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' }, body: '{"model":' });
    expect(badBody.status).toBe(400);
  });
});
