// "Test connection" for the hosted API: one authenticated GET of /v1/beats, parsed.
import { z } from 'zod';
import { Beat } from '../schema';
import type { ConnectionTest } from '../messaging/protocol';
import { hostedHeaders, hostedUrl } from './hosted-api';
import { BodyTooLarge, readJsonCapped } from '../net';

/** Fifteen beats are a few kilobytes; anything near this is not the Undercurrent contract. */
const MAX_BEATS_BYTES = 256_000;

/** Tries the hosted API at `baseUrl` with `apiKey`; says in words what worked or failed. */
export async function testHostedApi(fetcher: typeof fetch, baseUrl: string, apiKey: string): Promise<ConnectionTest> {
  if (!baseUrl) return { ok: false, message: 'No hosted API URL is set.' };
  const url = hostedUrl(baseUrl, 'v1/beats');
  try {
    const res = await fetcher(url, {
      headers: hostedHeaders(apiKey),
      signal: AbortSignal.timeout(8000),
    });
    if (res.status === 401 || res.status === 403) return { ok: false, message: `The hosted API refused the key (${res.status}).` };
    if (!res.ok) return { ok: false, message: `The hosted API answered ${res.status}.` };
    const body = await readJsonCapped(res, MAX_BEATS_BYTES).catch((err: unknown) => (err instanceof BodyTooLarge ? err : null));
    if (body instanceof BodyTooLarge) return { ok: false, message: `The hosted API answered with too much data (${body.message}).` };
    const beats = z.array(Beat).safeParse(body);
    if (!beats.success) return { ok: false, message: 'The hosted API answered, but not with the Undercurrent contract.' };
    return { ok: true, message: `Connected: ${beats.data.length} beats.` };
  } catch (err) {
    return { ok: false, message: `The hosted API is unreachable (${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message}).` };
  }
}
