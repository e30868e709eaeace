// Words and numbers the surfaces share: relative times, compact counts, source names and
// what to do about each kind of error. Plain functions, so every surface says it the same way.
import type { EntityKind, ErrorCode, SourceError } from '../utils/schema';

/** What a name is, as a label (card chip, names list). */
export const KIND_LABEL: Record<EntityKind, string> = {
  model: 'Model',
  org: 'Company or lab',
  product: 'Product',
  chip: 'Chip',
  dataset: 'Dataset',
  benchmark: 'Benchmark',
  person: 'Person',
};

/**
 * Kinds a list says out loud next to the name: a reader takes an unlabelled name on an AI
 * page for a model or a company, so datasets, benchmarks and people carry their kind.
 */
export const SAID_KINDS: ReadonlySet<EntityKind> = new Set(['dataset', 'benchmark', 'person']);

/** What a name is, inside a sentence ("OLMo 3, model: …"). */
export const KIND_WORD: Record<EntityKind, string> = {
  model: 'model',
  org: 'company or lab',
  product: 'product',
  chip: 'chip',
  dataset: 'dataset',
  benchmark: 'benchmark',
  person: 'person',
};

const SOURCE_NAMES: Record<string, string> = {
  bluesky: 'Bluesky',
  x: 'X',
  news: 'News',
  youtube: 'YouTube',
  hackernews: 'Hacker News',
  reddit: 'Reddit',
  mastodon: 'Mastodon',
  huggingface: 'Hugging Face',
  hosted: 'Hosted API',
  narrative: 'Narrative',
  live: 'Live sources',
  cache: 'Cache',
  anthropic: 'Anthropic',
  all: 'Live sources',
};

/** A source id as a person reads it ("hackernews" → "Hacker News"). */
export function sourceName(id: string): string {
  return SOURCE_NAMES[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; future times (clock skew) read as "just now". */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'at an unknown time';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  const d = Math.round(h / 24);
  return `${d} days ago`;
}

/** 950 → "950", 12_400 → "12.4k", 3_200_000 → "3.2M". */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trim(n / 1000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1).replace(/\.0$/, '');
}

/** A share in [0, 1] as a whole percentage. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The change from `prev` to `now` in words: "+40% vs previous 24 h", or "new" when nothing came before. */
export function volumeChange(now: number, prev: number): string {
  if (prev === 0) return now === 0 ? 'no posts in either window' : 'new in the last 24 h';
  const pct = Math.round(((now - prev) / prev) * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)}% vs previous 24 h`;
}

/** An arrow for a mood shift; flat inside ±0.05 so noise does not read as a trend. */
export function shiftArrow(shift: number | null): '↑' | '↓' | '→' | '' {
  if (shift === null) return '';
  if (shift > 0.05) return '↑';
  if (shift < -0.05) return '↓';
  return '→';
}

const ADVICE: Partial<Record<ErrorCode, string>> = {
  unauthorized: 'log in on the options page',
  'not-configured': 'set it up on the options page',
  'rate-limited': 'rate-limited; it will be tried again shortly',
  network: 'unreachable; check your connection',
  timeout: 'timed out; try refreshing',
  http: 'the server answered with an error; try again later',
  malformed: 'sent an answer that could not be read',
  'too-large': 'sent an answer that was too large',
  ungrounded: 'failed the grounding check, so quoted posts are shown instead',
  storage: 'the local cache could not be read; try clearing it on the options page',
};

/** The advice for one error, or undefined when the source's own message says it best. */
function adviceFor(e: Pick<SourceError, 'source' | 'code'>): string | undefined {
  // Only the narrative has a daily budget the user sets; a source's hourly request budget
  // is ours, and its message already says when it will be asked again.
  if (e.code === 'budget') return e.source === 'narrative' ? "today's narrative budget is spent; raise it on the options page" : undefined;
  return ADVICE[e.code];
}

/** The message without the label the background put in front ("Hacker News: …", "News (GDELT): …"). */
function withoutLabel(message: string, source: string): string {
  const name = sourceName(source).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`^${name}[^:]{0,24}: `), '');
}

/** Whether the user can fix this error on the options page (a key, a login, the narrative budget). */
export function fixedInOptions(e: Pick<SourceError, 'source' | 'code'>): boolean {
  return e.code === 'unauthorized' || e.code === 'not-configured' || (e.code === 'budget' && e.source === 'narrative');
}

/** "Bluesky: log in on the options page" — what failed and what to do. */
export function describeSourceError(e: Pick<SourceError, 'source' | 'code' | 'message'>): string {
  return `${sourceName(e.source)}: ${adviceFor(e) ?? withoutLabel(e.message, e.source)}`;
}

/** A window of hours as a reader says it: 24 → "24 hours", 168 → "7 days", 36 → "36 hours". */
export function windowText(hours: number): string {
  if (hours === 1) return 'hour';
  if (hours > 24 && hours % 24 === 0) return `${hours / 24} days`;
  return `${hours} hours`;
}
