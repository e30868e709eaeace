// One feed post through the extension's own detector: the cheap AI hint first (most posts
// stop there), then beat and entities over the post's text alone. Pure: no browser API.
import type { PageTopic } from '../schema';
import { topicUrl } from '../schema/urls';
import { detect } from '../detect';
import { hasAiHint } from '../detect/hint';
import type { DetectorData } from '../detect/types';

/** Characters of a post read at most (a post, not an article). */
const MAX_TEXT = 4000;

/** The post's topic when it is about AI (a beat), else null. `pageUrl` is the feed's address (origin and path only are kept). */
export function analysePost(text: string, site: string, pageUrl: string, data: DetectorData): PageTopic | null {
  const body = text.slice(0, MAX_TEXT);
  if (!body || !hasAiHint(body)) return null;
  const topic = detect({ url: topicUrl(pageUrl), site, kind: 'post', title: '', lead: '', body }, data);
  return topic.beat ? topic : null;
}

/** The first words of a post, as the popup names it ("@maria: DeepSeek V3 runs on…"). */
export function firstWords(text: string, words = 10, maxChars = 90): string {
  const all = text.replace(/\s+/g, ' ').trim().split(' ');
  let out = all.slice(0, words).join(' ');
  if (out.length > maxChars) out = out.slice(0, maxChars).replace(/\s+\S*$/, '');
  return out.length < text.replace(/\s+/g, ' ').trim().length ? `${out}…` : out;
}
