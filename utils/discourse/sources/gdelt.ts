// News through GDELT DOC 2.0: the article list (outlet, time, headline) and, separately,
// the tone timeline that gives news its mood. GDELT asks for one request per 5 s, so the
// pipeline paces the host and fetches tone less often than articles.
import { DiscoursePost, type DiscoursePost as Post } from '../../schema';
import { GdeltArtList, GdeltArticle, GdeltTimelineTone, type ToneSeries } from '../../schema/discourse';
import type { HttpClient } from '../http';
import { toneToSentiment } from '../sentiment';
import { clip, decodeEntities, languageCode, languageName, safeHttpUrl, shortHash } from '../text';
import type { DiscourseSource, SearchRequest } from './types';

export interface GdeltOptions {
  http: HttpClient;
  /** Base URL (`https://api.gdeltproject.org`). */
  endpoint: string;
  maxRecords?: number;
  /** Tone to apply to articles, when the pipeline has one cached for this query. */
  tone?: (text: string) => Promise<ToneSeries | undefined>;
}

/** `20241115T123000Z` → epoch ms. */
export function gdeltDateToMs(d: string): number {
  return Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15));
}

/** GDELT's query syntax: a multi-word query becomes a phrase, plus the user's languages. */
export function gdeltQuery(text: string, languages: readonly string[]): string {
  const clean = text.replace(/["()]/g, ' ').replace(/\s+/g, ' ').trim();
  const q = clean.includes(' ') ? `"${clean}"` : clean;
  const langs = languages.map(languageName).filter((n): n is string => !!n).map((n) => `sourcelang:${n}`);
  if (!langs.length) return q;
  return langs.length === 1 ? `${q} ${langs[0]}` : `${q} (${langs.join(' OR ')})`;
}

/** The tone nearest in time to `ms` (within a day), else the series' mean; null without data. */
export function toneAt(series: ToneSeries | undefined, ms: number): number | null {
  if (!series?.points.length) return null;
  let best: [number, number] | undefined;
  for (const p of series.points) if (!best || Math.abs(p[0] - ms) < Math.abs(best[0] - ms)) best = p;
  if (best && Math.abs(best[0] - ms) <= 24 * 3_600_000) return best[1];
  return series.points.reduce((s, p) => s + p[1], 0) / series.points.length;
}

/** artlist article → DiscoursePost (sentiment from `series` when there is one). */
export function gdeltArticleToPost(raw: unknown, series?: ToneSeries): Post | null {
  const parsed = GdeltArticle.safeParse(raw);
  if (!parsed.success) return null;
  const a = parsed.data;
  const url = safeHttpUrl(a.url);
  const title = decodeEntities(a.title).replace(/\s+/g, ' ').trim();
  if (!url || !title) return null;
  const ms = gdeltDateToMs(a.seendate);
  if (!Number.isFinite(ms)) return null;
  const tone = toneAt(series, ms);
  const outlet = a.domain || new URL(url).hostname.replace(/^www\./, '');
  const lang = languageCode(a.language);
  const post = DiscoursePost.safeParse({
    id: `news:${shortHash(url)}`,
    source: 'news',
    author: { name: clip(outlet, 200), url: `https://${outlet}/` },
    text: clip(title, 10_000),
    title: clip(title, 500),
    outlet: clip(outlet, 200),
    url,
    createdAt: new Date(ms).toISOString(),
    engagement: { likes: 0, reposts: 0, replies: 0 },
    sentiment: tone === null ? null : toneToSentiment(tone),
    ...(lang ? { lang } : {}),
  });
  return post.success ? post.data : null;
}

/** timelinetone answer → hour → tone points. */
export function toneSeriesOf(res: GdeltTimelineTone): ToneSeries {
  const series = res.timeline.find((s) => /tone/i.test(s.series)) ?? res.timeline[0];
  return { points: (series?.data ?? []).map((d) => [gdeltDateToMs(d.date), d.value] as [number, number]).slice(-5000) };
}

export class GdeltSource implements DiscourseSource {
  readonly id = 'news' as const;
  readonly label = 'News (GDELT)';

  constructor(private readonly o: GdeltOptions) {}

  private url(mode: 'artlist' | 'timelinetone', req: Pick<SearchRequest, 'text' | 'languages' | 'sinceMs' | 'now'>): string {
    const u = new URL('/api/v2/doc/doc', this.o.endpoint);
    u.searchParams.set('query', gdeltQuery(req.text, req.languages));
    u.searchParams.set('mode', mode);
    u.searchParams.set('format', 'json');
    const hours = Math.max(1, Math.min(24 * 7, Math.ceil((req.now - req.sinceMs) / 3_600_000)));
    u.searchParams.set('timespan', `${hours}h`);
    if (mode === 'artlist') {
      u.searchParams.set('maxrecords', String(this.o.maxRecords ?? 75));
      u.searchParams.set('sort', 'datedesc');
    }
    return u.href;
  }

  async search(req: SearchRequest): Promise<Post[]> {
    const [res, series] = await Promise.all([
      this.o.http.getJson('news', this.url('artlist', req), GdeltArtList, { signal: req.signal }),
      this.o.tone?.(req.text) ?? Promise.resolve(undefined),
    ]);
    const out: Post[] = [];
    for (const raw of res.articles) {
      const p = gdeltArticleToPost(raw, series);
      if (p && Date.parse(p.createdAt) >= req.sinceMs) out.push(p);
    }
    return out;
  }

  /** Fetches the tone timeline for the same query (a second, paced request). */
  async tone(req: Pick<SearchRequest, 'text' | 'languages' | 'sinceMs' | 'now'>, signal?: AbortSignal): Promise<ToneSeries> {
    const res = await this.o.http.getJson('news', this.url('timelinetone', req), GdeltTimelineTone, { signal });
    return toneSeriesOf(res);
  }
}
