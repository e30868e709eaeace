// "Test connection" for the Anthropic key: a token count (free, no generation) with the
// real SDK, reported in words without ever echoing the key.
import Anthropic from '@anthropic-ai/sdk';
import type { ConnectionTest } from '../messaging/protocol';
import { defaultClient } from './narrator';

export async function testAnthropic(opts: {
  apiKey: string;
  baseURL: string;
  model: string;
  createClient?: (o: { apiKey: string; baseURL: string }) => Anthropic;
}): Promise<ConnectionTest> {
  if (!opts.apiKey) return { ok: false, message: 'No Anthropic API key is set.' };
  const client = (opts.createClient ?? defaultClient)({ apiKey: opts.apiKey, baseURL: opts.baseURL });
  try {
    await client.messages.countTokens({ model: opts.model, messages: [{ role: 'user', content: 'ping' }] }, { timeout: 10_000 });
    return { ok: true, message: `Connected: ${opts.model} is available.` };
  } catch (err) {
    if (err instanceof Anthropic.AuthenticationError) return { ok: false, message: 'Anthropic rejected the API key (401).' };
    if (err instanceof Anthropic.NotFoundError) return { ok: false, message: `The model ${opts.model} was not found (404).` };
    if (err instanceof Anthropic.RateLimitError) return { ok: false, message: 'Anthropic is rate limiting this key (429); try again shortly.' };
    if (err instanceof Anthropic.APIConnectionError) return { ok: false, message: 'Anthropic is unreachable (network or timeout).' };
    if (err instanceof Anthropic.APIError) return { ok: false, message: `Anthropic answered ${err.status ?? 'an error'}.` };
    return { ok: false, message: 'The connection test failed.' };
  }
}
