// Small HTTP helpers shared by every client of ours (hosted API, public sources, the
// Bluesky agent, the gazetteer refresh): Retry-After parsing with one cap on every
// cooldown, and one capped reader, so no upstream can lock a source out for good or
// make us buffer an answer of any size.

/**
 * The longest any upstream may make us wait (an hour). A `Retry-After: 999999999` from a
 * broken or hostile server would otherwise shut a source off for good, and the cooldown
 * is persisted across service-worker restarts; past this the next refresh tries again.
 */
export const MAX_COOLDOWN_MS = 60 * 60 * 1000;

/** A wait in milliseconds, clamped to [0, {@link MAX_COOLDOWN_MS}]. */
export function capCooldown(ms: number): number {
  if (Number.isNaN(ms)) return 0;
  return Math.min(MAX_COOLDOWN_MS, Math.max(0, ms));
}

/**
 * Retry-After as milliseconds from `now`: delta seconds or an HTTP date, capped at
 * {@link MAX_COOLDOWN_MS}; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value?.trim()) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return capCooldown(secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? capCooldown(at - now) : undefined;
}

/**
 * The wait an answer asks for: `retry-after-ms` (Anthropic's, milliseconds) when present,
 * else `retry-after`; capped like {@link parseRetryAfter}.
 */
export function retryAfterOf(headers: Headers | undefined | null, now: number): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms > 0) return capCooldown(ms);
  return parseRetryAfter(headers?.get('retry-after'), now);
}

/** A body longer than the bound; `bytes` is the declared or the counted size. */
export class BodyTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
    readonly declared: boolean,
  ) {
    super(declared ? `answer of ${bytes} bytes is over the ${maxBytes}-byte limit` : `answer over the ${maxBytes}-byte limit`);
    this.name = 'BodyTooLarge';
  }
}

/** Statuses whose Response may not carry a body (the constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Reads a whole body, refusing one larger than `maxBytes`: at once when Content-Length
 * says so, else as soon as the bytes read pass the bound. Either way the download is
 * cancelled there, so at most `maxBytes` are ever held.
 */
export async function readCappedBytes(res: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLarge(declared, maxBytes, true);
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(total, maxBytes, false);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

/** Reads a body as text, refusing (and cancelling) one larger than `maxBytes` without buffering it whole. */
export async function readCapped(res: Response, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readCappedBytes(res, maxBytes));
}

/** Reads a capped body and parses it as JSON (a SyntaxError for anything else). */
export async function readJsonCapped(res: Response, maxBytes: number): Promise<unknown> {
  return JSON.parse(await readCapped(res, maxBytes)) as unknown;
}

/**
 * The same answer with its body read under the cap, for clients that read bodies
 * themselves (the Bluesky agent): a body over `maxBytes` rejects here, with
 * {@link BodyTooLarge}, rather than deep inside the client, where browsers replace a
 * body stream's error with a bare "Failed to fetch".
 */
export async function capResponse(res: Response, maxBytes: number): Promise<Response> {
  if (!res.body || NULL_BODY.has(res.status)) return res;
  const bytes = await readCappedBytes(res, maxBytes);
  return new Response(bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/**
 * The same answer with a body that streams through as it arrives and fails with
 * {@link BodyTooLarge} once more than `maxBytes` have passed (at once when Content-Length
 * says so), cancelling the download there: the cap for clients that consume a stream as
 * it comes (Claude's server-sent events). Read it with a body reader, which keeps the
 * error; browsers turn it into a bare "Failed to fetch" inside `text()` and `json()`.
 */
export function capStream(res: Response, maxBytes: number): Response {
  if (!res.body || NULL_BODY.has(res.status)) return res;
  const init = { status: res.status, statusText: res.statusText, headers: res.headers };
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    void res.body.cancel().catch(() => {});
    return new Response(new ReadableStream<Uint8Array>({ start: (c) => c.error(new BodyTooLarge(declared, maxBytes, true)) }), init);
  }
  let total = 0;
  const counted = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        // Erroring the transform cancels the source: the connection is dropped here.
        if (total > maxBytes) controller.error(new BodyTooLarge(total, maxBytes, false));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, init);
}

/** A `fetch` whose answers stream under the cap ({@link capStream}). */
export function cappedStreamingFetch(fetcher: typeof fetch, maxBytes: number): typeof fetch {
  return async (input, init) => capStream(await fetcher(input, init), maxBytes);
}

/** A `fetch` whose every answer is read under the cap with {@link capResponse}. */
export function cappedFetch(fetcher: typeof fetch, maxBytes: number): typeof fetch {
  return async (input, init) => capResponse(await fetcher(input, init), maxBytes);
}
