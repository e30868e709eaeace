// "Test connection" for the hosted API: one authenticated GET of /v1/beats, parsed.
import { z } from 'zod';
import { Beat } from '../schema';
import type { ConnectionTest } from '../messaging/protocol';
import { hostedHeaders, hostedUrl } from './hosted-api';

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
    const beats = z.array(Beat).safeParse(await res.json().catch(() => null));
    if (!beats.success) return { ok: false, message: 'The hosted API answered, but not with the Undercurrent contract.' };
    return { ok: true, message: `Connected: ${beats.data.length} beats.` };
  } catch (err) {
    return { ok: false, message: `The hosted API is unreachable (${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message}).` };
  }
}
