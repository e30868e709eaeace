// The hover card for one name on the page: what it is, its mood and volume, a top voice,
// and for models the Hugging Face figures (downloads, likes, licence, open weights/source).
import type { EntityCard, EntityKind } from '../utils/schema';
import { beatById } from '../utils/schema/beats';
import { FreshnessLine, sampleLabel } from './FreshnessLine';
import { MoodBar } from './MoodBar';
import { KIND_LABEL, compact, describeSourceError, sourceName } from './format';

/** `local`: a newly seen name, not in the gazetteer, so it is never looked up (page text stays on the machine). */
export type CardState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'local' } | { kind: 'ready'; card: EntityCard };

export interface EntityCardViewProps {
  /** Shown before the card arrives. */
  name: string;
  entityKind: EntityKind;
  known: boolean;
  state: CardState;
  /** Unique per card, for aria wiring. */
  id?: string;
  style?: Record<string, string>;
  onMouseEnter?: () => void;
  onMouseLeave?: () => void;
  onKeyDown?: (e: KeyboardEvent) => void;
  onFocusOut?: (e: FocusEvent) => void;
}

/** A non-modal dialog; its body is a polite live region so the loaded figures are announced. */
export function EntityCardView({ name, entityKind, known, state, id = 'uc-card', style, onMouseEnter, onMouseLeave, onKeyDown, onFocusOut }: EntityCardViewProps) {
  const titleId = `${id}-title`;
  return (
    <div
      id={id}
      class="uc-root uc-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="entity-card"
      style={style}
      onMouseEnter={onMouseEnter}
      onMouseLeave={onMouseLeave}
      onKeyDown={onKeyDown}
      onFocusOut={onFocusOut}
    >
      <div class="uc-card-title">
        <h2 id={titleId}>{name}</h2>
        <span class="uc-chip">
          {KIND_LABEL[entityKind]}
          {known ? '' : ' · newly seen'}
        </span>
      </div>
      <div aria-live="polite" aria-busy={state.kind === 'loading'} class="uc-section">
        {state.kind === 'loading' ? (
          <>
            <span class="uc-sr">Loading {name}…</span>
            <span class="uc-skel" style={{ width: '80%', height: '10px' }} />
            <span class="uc-skel" style={{ width: '60%', height: '10px' }} />
          </>
        ) : state.kind === 'error' ? (
          <p class="uc-notice uc-error">Couldn’t load this card: {state.message}</p>
        ) : state.kind === 'local' ? (
          <p class="uc-muted" data-testid="card-local">
            A name Undercurrent doesn’t know yet. It isn’t looked up: names that are not in its list never leave your browser.
          </p>
        ) : (
          <CardBody card={state.card} />
        )}
      </div>
    </div>
  );
}

/** Volume, mood and top voice; `label` names whose they are. */
function Figures({ card, label }: { card: EntityCard; label: string }) {
  return (
    <>
      <p>
        <strong data-testid="card-volume">{compact(card.volume24h)}</strong> posts in the last 24 h
      </p>
      {card.mood ? <MoodBar mood={card.mood} label={label} /> : <p class="uc-muted">No mood yet</p>}
      {card.topVoice ? (
        <div class="uc-voice">
          <p class="uc-voice-meta">
            <strong>{card.topVoice.author}</strong> · {sourceName(card.topVoice.platform)}
          </p>
          <blockquote cite={card.topVoice.url}>“{card.topVoice.quote}”</blockquote>
          <a href={card.topVoice.url} target="_blank" rel="noopener noreferrer" class="uc-muted">
            Open post<span class="uc-sr"> by {card.topVoice.author}</span> ↗
          </a>
        </div>
      ) : null}
    </>
  );
}

function CardBody({ card }: { card: EntityCard }) {
  const { stats } = card;
  const name = card.entity.name;
  const sample = card.freshness.upstream === 'sample';
  const beatName = card.beat ? (beatById(card.beat)?.name ?? card.beat) : 'this beat';
  return (
    <>
      {card.scope === 'entity' ? (
        <Figures card={card} label={name} />
      ) : (
        // No figures for this name: say so, and offer the beat's only under the beat's name.
        <>
          <p data-testid="card-no-figures">
            No discourse figures for {name}
            {sample ? ': no source could be reached.' : ' yet.'}
          </p>
          {card.scope === 'beat' ? (
            <details class="uc-card-beat" data-testid="card-beat-figures">
              <summary>
                {/* Short enough for one line on the card; the label inside names the beat. */}
                {sample ? 'Show the beat’s sample figures' : 'Show the beat’s figures'}
              </summary>
              <p class="uc-muted" data-testid="card-beat-label">
                {sample ? `${sampleLabel(card.freshness.sampleDate)}: the whole ${beatName} beat, not ${name}.` : `The whole ${beatName} beat, not only ${name}.`}
              </p>
              <Figures card={card} label={beatName} />
            </details>
          ) : null}
        </>
      )}
      {stats ? (
        <div class="uc-section">
          <h3 class="uc-h2">Hugging Face</h3>
          <dl class="uc-stats">
            <dt>Repository</dt>
            <dd>{stats.repoId}</dd>
            <dt>Downloads</dt>
            <dd data-testid="card-downloads">{compact(stats.downloads)}</dd>
            <dt>Likes</dt>
            <dd>{compact(stats.likes)}</dd>
            <dt>Licence</dt>
            <dd>{stats.license ?? 'not stated'}</dd>
          </dl>
          <div class="uc-badges">
            <span class={`uc-chip ${stats.openWeights ? 'uc-badge-yes' : ''}`}>{stats.openWeights ? 'Open weights' : 'Closed weights'}</span>
            <span class={`uc-chip ${stats.openSource ? 'uc-badge-yes' : ''}`}>{stats.openSource ? 'Open source' : 'Not open source'}</span>
          </div>
        </div>
      ) : null}
      {card.errors.length ? <p class="uc-muted">{card.errors.map(describeSourceError).join(' · ')}</p> : null}
      <FreshnessLine freshness={card.freshness} />
    </>
  );
}
