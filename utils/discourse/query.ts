// From a ContextQuery (beat, entity ids, free text) to what each upstream searches for.
import { beatById, type BeatId, type ContextQuery } from '../schema';

/** Entity id slug → words ("deepseek-v3" → "deepseek v3"). */
function entityWords(id: string): string {
  return id.replace(/[-_.]+/g, ' ').trim();
}

/** The free-text search: the page's query, else the entities, else the beat's name. */
export function searchText(query: Pick<ContextQuery, 'beat' | 'entities' | 'q'>): string {
  const q = query.q.trim();
  if (q) return q;
  const ents = query.entities.slice(0, 3).map(entityWords).filter(Boolean);
  if (ents.length) return ents.join(' ');
  return beatById(query.beat)?.name ?? query.beat.replace(/-/g, ' ');
}

/** The hashtag each beat is discussed under on the fediverse. */
export const BEAT_TAGS: Record<BeatId, string> = {
  'open-source-ai': 'opensourceai',
  'industry-business': 'aiindustry',
  'hardware-compute': 'aichips',
  'research-models': 'llm',
  'agents-automation': 'aiagents',
  'security-privacy': 'aisecurity',
  'safety-alignment': 'aisafety',
  consciousness: 'aiconsciousness',
  'bias-fairness': 'aiethics',
  'policy-regulation': 'aipolicy',
  healthcare: 'aiinhealthcare',
  'social-media': 'aislop',
  'labor-economy': 'aiandwork',
  education: 'aiineducation',
  'creative-work': 'aiart',
};

/** Hashtags to follow: the leading entities squashed ("deepseekv3"), then the beat's tag. */
export function searchTags(query: Pick<ContextQuery, 'beat' | 'entities'>, max = 2): string[] {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const tags = [...query.entities.slice(0, max - 1).map(squash), BEAT_TAGS[query.beat]];
  return [...new Set(tags.filter((t) => t.length >= 2))].slice(0, max);
}
