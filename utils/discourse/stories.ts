// Related stories for the UI from news posts: one story per headline (syndicated copies
// folded together), more outlets and more recent → more important.
import { beatById, type BeatId, type DiscoursePost, type StorySummary } from '../schema';
import { textKey } from './dedupe';

const DAY = 86_400_000;

/** News posts → StorySummary[], most important first (max `max`). */
export function storiesOf(posts: readonly DiscoursePost[], beat: BeatId, now: number, max = 20): StorySummary[] {
  const category = beatById(beat)?.category ?? 'Industry';
  const clusters = new Map<string, { lead: DiscoursePost; outlets: Set<string> }>();
  for (const p of posts) {
    if (p.source !== 'news') continue;
    const title = (p.title ?? p.text).trim();
    if (!title) continue;
    const key = textKey(title) || p.url;
    const c = clusters.get(key);
    const outlet = p.outlet ?? p.author.name;
    // The earliest copy leads: it is most likely the original report.
    if (!c) clusters.set(key, { lead: p, outlets: new Set([outlet]) });
    else {
      c.outlets.add(outlet);
      if (Date.parse(p.createdAt) < Date.parse(c.lead.createdAt)) c.lead = p;
    }
  }
  return [...clusters.values()]
    .map(({ lead, outlets }) => {
      const t = Date.parse(lead.createdAt);
      const importance = Math.max(1, Math.min(5, 1 + Math.floor(Math.log2(outlets.size)) + (now - t < DAY ? 1 : 0)));
      return {
        story: {
          id: lead.id.slice(0, 200),
          title: (lead.title ?? lead.text).slice(0, 300),
          url: lead.url,
          ...(lead.outlet ? { outlet: lead.outlet } : {}),
          category,
          beat,
          importance,
          publishedAt: lead.createdAt,
        } satisfies StorySummary,
        t,
      };
    })
    .sort((a, b) => b.story.importance - a.story.importance || b.t - a.t)
    .slice(0, max)
    .map((x) => x.story);
}
