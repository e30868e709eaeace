// The whole discourse context for one topic, as the popup and the sidebar show it:
// beat, mood, volume, sources, key voices, narrative, related stories and freshness.
import type { DiscourseContext, PageTopic } from '../utils/schema';
import { beatById } from '../utils/schema/beats';
import { FreshnessLine, SourceErrors, sampleLabel } from './FreshnessLine';
import { KeyVoices } from './KeyVoices';
import { MoodBar } from './MoodBar';
import { NarrativeView, type PartialNarrative } from './NarrativeView';
import { Sparkline } from './Sparkline';
import { SourcesChart } from './SourcesChart';
import { StoriesList } from './StoriesList';
import { compact, volumeChange } from './format';

/** How many of the page's names the header lists (most named first). */
const MAX_ENTITIES = 8;
const ENTITY_KINDS: Record<PageTopic['entities'][number]['kind'], string> = { model: 'Model', org: 'Company or lab', product: 'Product', chip: 'Chip' };

export interface ContextViewProps {
  context: DiscourseContext;
  topic?: PageTopic | null;
  revalidating?: boolean;
  partial?: PartialNarrative | null;
  onRefresh?: () => void;
  /** Heading level of the beat name: 1 in the popup, 2 inside the sidebar. */
  headingLevel?: 1 | 2;
  now?: number;
}

export function ContextView({ context, topic, revalidating, partial, onRefresh, headingLevel = 1, now }: ContextViewProps) {
  const { snapshot, freshness } = context;
  const beat = beatById(context.topic.beat);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';
  const sample = freshness.upstream === 'sample';
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
        {topic?.title ? (
          <p class="uc-page-title" title={topic.title}>
            On this page: {topic.title}
          </p>
        ) : null}
        {topic?.entities.length ? (
          <ul class="uc-entities" aria-label="Named on this page" data-testid="page-entities">
            {topic.entities.slice(0, MAX_ENTITIES).map((e) => (
              <li key={e.id} class="uc-entity" title={`${ENTITY_KINDS[e.kind]}${e.known ? '' : ', newly seen'} · named ${e.count}×`}>
                {e.name}
                {e.known ? null : <span class="uc-entity-new"> new</span>}
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
        <p class="uc-muted">{compact(snapshot.totalRecords)} records in the window</p>
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
