// The whole discourse context for one topic, as the popup and the sidebar show it:
// beat, mood, volume, sources, key voices, narrative, related stories and freshness.
import type { DiscourseContext, PageTopic } from '../utils/schema';
import { DEFAULT_WINDOW_HOURS } from '../utils/schema/window';
import { beatById } from '../utils/schema/beats';
import { FreshnessLine, SourceErrors, sampleLabel } from './FreshnessLine';
import { KeyVoices } from './KeyVoices';
import { MoodBar } from './MoodBar';
import { NarrativeView, type PartialNarrative } from './NarrativeView';
import { Sparkline } from './Sparkline';
import { SourcesChart } from './SourcesChart';
import { StoriesList } from './StoriesList';
import { KIND_LABEL, KIND_WORD, SAID_KINDS, compact, volumeChange, windowText } from './format';

/** How many of the page's names the header lists (most named first). */
const MAX_ENTITIES = 8;

export interface ContextViewProps {
  context: DiscourseContext;
  topic?: PageTopic | null;
  revalidating?: boolean;
  partial?: PartialNarrative | null;
  onRefresh?: () => void;
  /** Heading level of the beat name: 1 in the popup, 2 inside the sidebar. */
  headingLevel?: 1 | 2;
  now?: number;
  /** No narrative yet because nobody has looked long enough: say so where it would be. */
  narrativeHeld?: boolean;
  /** The popup only: look up a name the gazetteer does not know (nothing is sent without this click). */
  onLookUp?: (id: string) => void;
  lookups?: Record<string, NameLookup>;
}

/** A new name the user asked to look up. */
export type NameLookup = { kind: 'loading' } | { kind: 'done'; volume24h: number; moodScore: number | null } | { kind: 'error'; message: string };

function lookupText(l: NameLookup): string {
  if (l.kind === 'loading') return 'looking up…';
  if (l.kind === 'error') return l.message;
  if (!l.volume24h) return 'no posts in the last 24 h';
  const mood = l.moodScore === null ? '' : `, mood ${l.moodScore > 0.1 ? 'positive' : l.moodScore < -0.1 ? 'negative' : 'mixed'}`;
  return `${l.volume24h} post${l.volume24h === 1 ? '' : 's'} in 24 h${mood}`;
}

/**
 * Which names the figures are about: the query's entities, by the names the page gave them
 * (the gazetteer's canonical names), else the beat as a whole.
 */
export function aboutLine(context: DiscourseContext, topic: PageTopic | null, beatName: string): string {
  const names = context.topic.entities.map((id) => topic?.entities.find((e) => e.id === id)?.name ?? id);
  return names.length ? `About: ${names.join(', ')}` : `About: the ${beatName} beat as a whole`;
}

export function ContextView({ context, topic, revalidating, partial, onRefresh, headingLevel = 1, now, narrativeHeld, onLookUp, lookups }: ContextViewProps) {
  const { snapshot, freshness } = context;
  const beat = beatById(context.topic.beat);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';
  const sample = freshness.upstream === 'sample';
  const beatName = beat?.name ?? context.topic.beat;
  const window = windowText(snapshot.windowHours ?? DEFAULT_WINDOW_HOURS);
  return (
    <div class="uc-context" data-testid="context">
      {sample ? (
        // First thing read: the figures below are the bundled sample, not this page's discourse.
        <p class="uc-sample-banner" data-testid="sample-label">
          {sampleLabel(freshness.sampleDate)}
        </p>
      ) : null}
      <header class="uc-header">
        <span class="uc-brand">Undercurrent</span>
        <Heading class="uc-beat" data-testid="beat-name">
          {beat?.name ?? context.topic.beat}
        </Heading>
        <div>
          <span class="uc-chip" data-testid="beat-category">
            {beat?.category ?? 'AI'}
          </span>
        </div>
        {sample ? null : (
          <p class="uc-about" data-testid="about">
            {aboutLine(context, topic ?? null, beat?.name ?? context.topic.beat)}
          </p>
        )}
        {topic?.title ? (
          <p class="uc-page-title" title={topic.title}>
            On this page: {topic.title}
          </p>
        ) : null}
        {topic?.entities.length ? (
          <ul class="uc-entities" aria-label="Named on this page" data-testid="page-entities">
            {topic.entities.slice(0, MAX_ENTITIES).map((e) => (
              <li key={e.id} class="uc-entity" title={`${KIND_LABEL[e.kind]}${e.known ? '' : ', newly seen'} · named ${e.count}×`}>
                {e.name}
                {SAID_KINDS.has(e.kind) ? <span class="uc-entity-kind" data-testid="entity-kind"> {KIND_WORD[e.kind]}</span> : null}
                {e.known ? null : <span class="uc-entity-new"> new</span>}
                {!e.known && onLookUp && !lookups?.[e.id] ? (
                  <button
                    type="button"
                    class="uc-link-btn uc-entity-lookup"
                    aria-label={`Look up ${e.name}: sends this one name to your sources`}
                    title="New names stay on your machine. Look this one up: it is sent to your sources."
                    data-testid="look-up"
                    onClick={() => onLookUp(e.id)}
                  >
                    look up
                  </button>
                ) : null}
                {!e.known && lookups?.[e.id] ? (
                  <span class="uc-entity-new" role="status" data-testid="look-up-result">
                    {' '}
                    · {lookupText(lookups[e.id]!)}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </header>

      <SourceErrors errors={freshness.errors} sample={sample} />

      <section class="uc-section" aria-label="Mood">
        <Sub class="uc-h2">Mood</Sub>
        <MoodBar mood={snapshot.mood} />
      </section>

      <section class="uc-section" aria-label="Volume">
        <Sub class="uc-h2">Volume, last 24 h</Sub>
        <div class="uc-row" style={{ alignItems: 'flex-end' }}>
          <div style={{ flex: '0 0 auto' }}>
            <p class="uc-figure" data-testid="volume">
              {compact(snapshot.volume24h)}
            </p>
            <p class="uc-muted">{volumeChange(snapshot.volume24h, snapshot.volumePrev24h)}</p>
          </div>
          <div>
            <Sparkline timeline={snapshot.timeline} />
          </div>
        </div>
        <p class="uc-muted" data-testid="window-total">
          {compact(snapshot.totalRecords)} {snapshot.totalRecords === 1 ? 'post' : 'posts'} in the last {window}
        </p>
        {snapshot.beatRecords !== undefined ? (
          <p class="uc-muted" data-testid="beat-records">
            Beat records: {compact(snapshot.beatRecords)} {snapshot.beatRecords === 1 ? 'post' : 'posts'} on {beatName}, all time
          </p>
        ) : null}
        {/* A disclosure, not a hover title: keyboard and touch readers get it too. */}
        <details class="uc-explain" data-testid="counts-explained">
          <summary>What these figures count</summary>
          <p>
            The large figure and the mood count posts from the last 24 hours, against the 24 hours before. The {compact(snapshot.totalRecords)} posts in the last {window} are all
            the posts the sources returned for this topic in that window; the line charts them hour by hour.
            {snapshot.beatRecords !== undefined ? ` Beat records count every post the server has filed under ${beatName} since it began collecting.` : ''}
            {sample ? ' These are the bundled sample’s figures, not this page’s.' : ''}
          </p>
        </details>
      </section>

      <section class="uc-section" aria-label="Sources">
        <Sub class="uc-h2">Sources and their mood</Sub>
        <SourcesChart bySource={snapshot.bySource} />
      </section>

      <section class="uc-section" aria-label="Key voices">
        <Sub class="uc-h2">Key voices</Sub>
        <KeyVoices voices={snapshot.keyVoices} />
      </section>

      {context.narrative || partial ? (
        <section class="uc-section" aria-label="Narrative">
          <Sub class="uc-h2">The story underneath</Sub>
          <NarrativeView narrative={context.narrative} posts={context.posts} voices={snapshot.keyVoices} partial={partial} now={now} />
        </section>
      ) : narrativeHeld ? (
        <section class="uc-section" aria-label="Narrative">
          <Sub class="uc-h2">The story underneath</Sub>
          <p class="uc-muted" data-testid="narrative-held">
            Figures only for now: the narrative is written when you open the sidebar or the toolbar popup, or stay on this page a few seconds.
          </p>
        </section>
      ) : null}

      {context.stories.length ? (
        <section class="uc-section" aria-label="Related stories">
          <Sub class="uc-h2">Related stories</Sub>
          <StoriesList stories={context.stories} now={now} />
        </section>
      ) : null}

      <FreshnessLine freshness={freshness} revalidating={revalidating} onRefresh={onRefresh} now={now} />
    </div>
  );
}
