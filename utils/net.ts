// Small HTTP helpers shared by every client of ours (hosted API, public sources):
// Retry-After parsing and reading a body without buffering more than a bound.

/** Retry-After as milliseconds from `now`: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
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

/** Reads a body as text, refusing (and cancelling) one larger than `maxBytes` without buffering it whole. */
export async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLarge(declared, maxBytes, true);
  }
  if (!res.body) return res.text();
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
  return new TextDecoder().decode(all);
}
