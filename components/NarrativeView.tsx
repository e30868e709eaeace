// The beat narrative: every paragraph with numbered citations that open the posts it
// rests on, and the disclosure of who (or what) wrote it. While one is being written it
// shows only how far that has got: no model text reaches the screen before the check.
import type { DiscoursePost, KeyVoice, Narrative } from '../utils/schema';
import { relativeTime, sourceName } from './format';

/**
 * A narrative being written (BackgroundEvent narrativeProgress): which attempt, and
 * whether its answer is arriving or being checked. Never any of its text.
 */
export interface PartialNarrative {
  attempt: number;
  phase: 'writing' | 'checking';
}

export interface NarrativeViewProps {
  narrative: Narrative | null;
  posts: DiscoursePost[];
  /** Key voices double as a lookup for cited posts missing from `posts`. */
  voices?: KeyVoice[];
  partial?: PartialNarrative | null;
  now?: number;
}

interface CitedPost {
  url: string;
  label: string;
}

/** What a person is told while a narrative is being written. */
export function progressLabel({ attempt, phase }: PartialNarrative): string {
  if (attempt <= 1) return phase === 'writing' ? 'Writing the narrative…' : 'Writing the narrative… checking it against the posts';
  return phase === 'writing' ? 'Rewriting the narrative after a failed check…' : 'Rewriting the narrative… checking it against the posts';
}

/** The narrative, the progress of one being written, or nothing. */
export function NarrativeView({ narrative, posts, voices = [], partial, now }: NarrativeViewProps) {
  if (partial) {
    const block = (w: string, h: number) => <span class="uc-skel" style={{ width: w, height: `${h}px` }} />;
    return (
      <article class="uc-narrative" aria-busy="true" aria-label="Narrative being written" data-testid="narrative-progress">
        <p class="uc-muted" role="status">
          {progressLabel(partial)}
        </p>
        {block('70%', 16)}
        {block('100%', 10)}
        {block('95%', 10)}
        {block('80%', 10)}
      </article>
    );
  }
  if (!narrative) return null;
  const lookup = new Map<string, CitedPost>();
  for (const p of posts) lookup.set(p.id, { url: p.url, label: `${p.author.name} on ${sourceName(p.source)}` });
  for (const v of voices) if (!lookup.has(v.postId)) lookup.set(v.postId, { url: v.url, label: `${v.author} on ${sourceName(v.platform)}` });
  // Numbers follow first appearance, so [1] is always the first post the story leans on.
  const numbers = new Map<string, number>();
  for (const para of narrative.paragraphs) for (const id of para.citations) if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  const byline =
    narrative.kind === 'generated'
      ? `Written by ${narrative.model} from ${narrative.postCount} posts, ${relativeTime(narrative.generatedAt, now)}`
      : narrative.kind === 'extractive'
        ? `Written by code from ${narrative.postCount} posts, no AI`
        : 'Sample narrative bundled with the extension';
  return (
    <article class="uc-narrative" data-testid="narrative" aria-labelledby="uc-narrative-headline">
      <h3 id="uc-narrative-headline">{narrative.headline}</h3>
      <p class="uc-dek">{narrative.dek}</p>
      {narrative.paragraphs.map((para, i) => (
        <p key={i}>
          {para.text}
          {para.citations.map((id) => {
            const n = numbers.get(id)!;
            const post = lookup.get(id);
            return post ? (
              <a key={id} class="uc-cite" href={post.url} target="_blank" rel="noopener noreferrer" data-post-id={id} aria-label={`Source ${n}: ${post.label}`}>
                [{n}]
              </a>
            ) : (
              <span key={id} class="uc-cite" title="This post is no longer in the cache">
                [{n}]
              </span>
            );
          })}
        </p>
      ))}
      <p class="uc-disclosure" data-testid="disclosure">
        {narrative.disclosure || byline}
        {/* Generated and extractive disclosures already say who wrote it from how many posts; add only when. */}
        {narrative.disclosure ? ` · ${narrative.kind === 'sample' ? byline : relativeTime(narrative.generatedAt, now)}` : ''}
      </p>
    </article>
  );
}
