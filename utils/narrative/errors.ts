// Turns whatever the Anthropic SDK throws into a SourceError a person can act on.
// Messages are ours, never the SDK's raw text, and the API key is scrubbed from
// anything that passes through, so a key can never reach the UI or a log.
import Anthropic from '@anthropic-ai/sdk';
import type { SourceError } from '../schema';
import { BodyTooLarge, retryAfterOf } from '../net';

/** A SourceError about the narrative, plus how long the API asked us to wait (429). */
export interface NarrativeFailure {
  error: SourceError;
  retryAfterMs?: number;
}

/** Whether the error is the caller's own abort (never reported, rethrown). */
export function isAbort(err: unknown): boolean {
  return err instanceof Anthropic.APIUserAbortError || (err instanceof Error && err.name === 'AbortError');
}

/** Maps an SDK (or parsing) error to a SourceError with a clear message. */
export function describeNarrativeError(err: unknown, model: string, apiKey: string): NarrativeFailure {
  const fail = (code: SourceError['code'], message: string, retryAfterMs?: number): NarrativeFailure => ({
    error: { source: 'narrative', code, message: redact(`${message}; showing quoted posts instead`, apiKey).slice(0, 500) },
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
  const tooLarge = bodyTooLarge(err);
  if (tooLarge) return fail('too-large', `Claude: ${tooLarge.message}`);
  if (err instanceof Anthropic.APIConnectionTimeoutError) return fail('timeout', 'Claude: the request timed out');
  if (err instanceof Anthropic.APIConnectionError) return fail('network', 'Claude: could not reach the API (network error)');
  if (err instanceof Anthropic.APIError && typeof err.status === 'number') {
    const status = err.status;
    if (status === 401) return fail('unauthorized', 'Claude: the API key was rejected (401) — check it on the options page');
    if (status === 403) return fail('unauthorized', `Claude: this API key may not use ${model} (403) — check the key and the model on the options page`);
    if (status === 402) return fail('unauthorized', 'Claude: the Anthropic account has a billing problem (402)');
    if (status === 404) return fail('not-configured', `Claude: the model "${model}" was not found (404) — choose another on the options page`);
    if (status === 429) {
      const retryAfterMs = retryAfter(err.headers);
      return fail('rate-limited', `Claude: rate limited (429)${retryAfterMs !== undefined ? `, retry after ${Math.ceil(retryAfterMs / 1000)} s` : ''}`, retryAfterMs);
    }
    if (status === 529 || err.type === 'overloaded_error') return fail('http', 'Claude is overloaded (529); it will be tried again on the next refresh');
    if (status === 400 || status === 413 || status === 422) {
      const detail = err.apiMessage ? `: ${err.apiMessage.slice(0, 200)}` : '';
      return fail('bad-request', `Claude refused the request (${status})${detail}`);
    }
    if (status >= 500) return fail('http', `Claude: server error (${status})`);
    return fail('http', `Claude: unexpected answer (${status})`);
  }
  // An `event: error` in the middle of a stream carries a type but no status.
  if (err instanceof Anthropic.APIError && err.type) {
    if (err.type === 'overloaded_error') return fail('http', 'Claude is overloaded (529); it will be tried again on the next refresh');
    if (err.type === 'rate_limit_error') return fail('rate-limited', 'Claude: rate limited (429)');
    if (err.type === 'api_error') return fail('http', 'Claude: server error while streaming');
  }
  // A stream that is not SSE, an event that is not JSON, a body that ends early.
  if (err instanceof SyntaxError || err instanceof Anthropic.AnthropicError) return fail('malformed', 'Claude: the answer could not be read (malformed response)');
  return fail('internal', 'Claude: unexpected error while writing the narrative');
}

/** The size cap's error, wherever the SDK put it (thrown as is, or as the cause of its own error). */
function bodyTooLarge(err: unknown): BodyTooLarge | undefined {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    if (e instanceof BodyTooLarge) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function retryAfter(headers: Headers | undefined): number | undefined {
  // The one parser (and the one-hour cap) every client of ours uses.
  return retryAfterOf(headers, Date.now());
}

/** Scrubs the key (and anything shaped like an Anthropic key) from a text. */
export function redact(text: string, apiKey: string): string {
  // Too short a string would scrub ordinary words; real keys are ~100 characters.
  let out = apiKey.length >= 8 ? text.split(apiKey).join('[key]') : text;
  out = out.replace(/sk-ant-[A-Za-z0-9_-]{6,}/g, '[key]');
  return out;
}
