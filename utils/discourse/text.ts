// Small text helpers shared by the sources: HTML from Mastodon and Algolia to plain text,
// stable short ids, language names to codes. Pure, so they run in the worker and in Node.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#x27': "'", '#x2F': '/', '#39': "'" };

/** Decodes the HTML entities upstreams put in text (named basics and numeric). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? ENTITIES[e] ?? m;
  });
}

/** HTML fragment (a toot, an HN comment) → plain text with paragraph breaks kept. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
      .replace(/<p[^>]*>/gi, '\n\n')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** FNV-1a 64-bit as hex: a short, stable id for URLs (no crypto needed, not for security). */
export function shortHash(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

const LANG_NAMES: Record<string, string> = {
  english: 'en', french: 'fr', german: 'de', spanish: 'es', italian: 'it', portuguese: 'pt', dutch: 'nl',
  japanese: 'ja', chinese: 'zh', korean: 'ko', russian: 'ru', arabic: 'ar', hindi: 'hi', polish: 'pl', turkish: 'tr',
};
const LANG_CODES = Object.fromEntries(Object.entries(LANG_NAMES).map(([n, c]) => [c, n]));

/** "English" → "en"; an ISO code passes through lower-cased ("en-US" → "en"). */
export function languageCode(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  const n = name.trim().toLowerCase();
  return LANG_NAMES[n] ?? (/^[a-z]{2,3}([-_][a-z0-9]+)?$/.test(n) ? n.slice(0, n.search(/[-_]|$/)) : undefined);
}

/** "en" → "english" (GDELT's sourcelang names). */
export function languageName(code: string): string | undefined {
  return LANG_CODES[code];
}

/** A timestamp as the ISO string the schemas expect, or undefined when it is not a date. */
export function isoOrUndefined(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Only http(s) URLs of sane length reach a DiscoursePost. */
export function safeHttpUrl(value: string | null | undefined): string | undefined {
  if (!value || value.length > 2048) return undefined;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Cuts to `max` characters without splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
