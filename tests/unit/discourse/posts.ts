// A small builder of DiscoursePosts for pure tests and benchmarks.
import type { DiscoursePost, SourceId } from '../../../utils/schema';

export const NOW = Date.parse('2026-11-20T12:30:00.000Z');
export const H = 3_600_000;

let seq = 0;
export function post(p: Partial<DiscoursePost> & { hoursAgo?: number; handle?: string; likes?: number; followers?: number } = {}): DiscoursePost {
  const n = ++seq;
  const source: SourceId = p.source ?? 'bluesky';
  const handle = p.handle ?? `@user${n}`;
  return {
    id: p.id ?? `${source}:${n}`,
    source,
    author: p.author ?? { name: handle.replace('@', ''), handle, ...(p.followers !== undefined ? { followers: p.followers } : {}) },
    text: p.text ?? `post number ${n} about the model`,
    ...(p.title ? { title: p.title } : {}),
    ...(p.outlet ? { outlet: p.outlet } : {}),
    url: p.url ?? `https://example.com/${source}/${n}`,
    createdAt: p.createdAt ?? new Date(NOW - (p.hoursAgo ?? 1) * H).toISOString(),
    engagement: p.engagement ?? { likes: p.likes ?? 0, reposts: 0, replies: 0 },
    sentiment: p.sentiment === undefined ? 0 : p.sentiment,
  };
}
