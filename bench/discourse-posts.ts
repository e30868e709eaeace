// Synthetic stored posts for the discourse benchmark (plain data, bundles for Chromium too).
import type { DiscoursePost, SourceId } from '../utils/schema';

const SOURCES: SourceId[] = ['bluesky', 'hackernews', 'news', 'mastodon'];
const WORDS = 'deepseek open weights release model benchmark cost training great worrying license community gpu export code reasoning'.split(' ');

/** `n` posts spread over 7 days before `now`, mixed sources, sentiments and engagement. */
export function syntheticPosts(n: number, now: number): DiscoursePost[] {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, (_, i) => {
    const source = SOURCES[i % SOURCES.length]!;
    const text = Array.from({ length: 12 + Math.floor(rnd() * 20) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
    return {
      id: `${source}:${i}`,
      source,
      author: { name: `Author ${i % 1500}`, handle: `@a${i % 1500}`, followers: Math.floor(rnd() * 50_000) },
      text,
      url: `https://example.com/${source}/${i}`,
      createdAt: new Date(now - rnd() * 7 * 86_400_000).toISOString(),
      engagement: { likes: Math.floor(rnd() ** 3 * 2000), reposts: Math.floor(rnd() ** 3 * 300), replies: Math.floor(rnd() * 40) },
      sentiment: Math.round((rnd() * 2 - 1) * 1000) / 1000,
    };
  });
}

