// Drops duplicate discourse: the same URL (tracking noise removed), the same post seen
// twice, and near-identical text (copy-paste, cross-posting bridges, syndicated wire
// headlines). The most engaged copy wins.
import type { DiscoursePost } from '../schema';

const TRACKING = /^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref$|ref_src$|s$|si$|cmpid$|smid$)/i;

/** A URL reduced to what identifies the page: no fragment, tracking params, `www.` or trailing slash. */
export function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
    u.searchParams.sort();
    const host = u.hostname.toLowerCase().replace(/^(www|m|mobile|amp)\./, '');
    const path = u.pathname.replace(/\/(amp\/?)?$/, '') || '/';
    return `${host}${path}${u.search}`;
  } catch {
    return url;
  }
}

/** Text reduced for near-duplicate detection: no links, mentions, case, punctuation or emoji. */
export function textKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#][\p{L}\p{N}_.-]+/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Texts shorter than this ("this.", "wow") are too common to call duplicates. */
const MIN_TEXT_KEY = 24;

function weight(p: DiscoursePost): number {
  return p.engagement.likes + 2 * p.engagement.reposts + p.engagement.replies;
}

/**
 * Removes duplicates, keeping the most engaged copy (ties: the first seen). Posts that
 * link to an article are not deduped by that article's URL: only a post's own URL counts.
 */
export function dedupe(posts: readonly DiscoursePost[]): DiscoursePost[] {
  // key → group; group → the copy that currently represents it.
  const owner = new Map<string, number>();
  const best: DiscoursePost[] = [];
  for (const p of posts) {
    const keys = [`id:${p.id}`, `url:${canonicalUrl(p.url)}`];
    const tk = textKey(p.source === 'news' ? (p.title ?? p.text) : p.text);
    if (tk.length >= MIN_TEXT_KEY) {
      keys.push(`text:${tk}`);
      // Same words in another order still reads as the same post.
      const bag = [...new Set(tk.split(' '))].sort().join(' ');
      keys.push(`bag:${bag}`);
    }
    let group: number | undefined;
    for (const k of keys) {
      group = owner.get(k);
      if (group !== undefined) break;
    }
    if (group === undefined) {
      group = best.length;
      best.push(p);
    } else if (weight(p) > weight(best[group]!)) {
      best[group] = p;
    }
    for (const k of keys) if (!owner.has(k)) owner.set(k, group);
  }
  return best;
}
