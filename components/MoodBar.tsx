// The mood of a conversation as a three-part share bar, with its shift against the
// previous 24 h in words and an arrow. Used by the popup, the sidebar and the hover card.
import type { Mood } from '../utils/schema';
import { percent, shiftArrow } from './format';

export interface MoodBarProps {
  mood: Mood;
  /** Small bar without legend or shift (per-source rows). */
  small?: boolean;
  /** What the mood is of, for screen readers ("Bluesky"). */
  label?: string;
}

/** Positive / neutral / negative shares; the shift line only when there is something to compare. */
export function MoodBar({ mood, small, label }: MoodBarProps) {
  const description = `${label ? `${label} mood` : 'Mood'}: ${percent(mood.positive)} positive, ${percent(mood.neutral)} neutral, ${percent(mood.negative)} negative`;
  const bar = (
    <div class={small ? 'uc-moodbar uc-moodbar-sm' : 'uc-moodbar'} role="img" aria-label={description} title={description}>
      <span class="uc-pos" style={{ width: percent(mood.positive) }} />
      <span class="uc-neu" style={{ width: percent(mood.neutral) }} />
      <span class="uc-neg" style={{ width: percent(mood.negative) }} />
    </div>
  );
  if (small) return bar;
  const arrow = shiftArrow(mood.shift);
  return (
    <div class="uc-section">
      {bar}
      <div class="uc-mood-legend" aria-hidden="true">
        <span><span class="uc-dot uc-pos" />{percent(mood.positive)} positive</span>
        <span><span class="uc-dot uc-neu" />{percent(mood.neutral)} neutral</span>
        <span><span class="uc-dot uc-neg" />{percent(mood.negative)} negative</span>
      </div>
      <p class={`uc-shift ${arrow === '↑' ? 'uc-shift-up' : arrow === '↓' ? 'uc-shift-down' : ''}`} data-testid="mood-shift">
        {mood.shift === null ? (
          'No earlier 24 h to compare with'
        ) : (
          <>
            <span aria-hidden="true">{arrow} </span>
            {shiftSentence(mood.shiftLabel)}
          </>
        )}
      </p>
    </div>
  );
}

/** "More positive than the previous 24 h", "Steady against the previous 24 h": only a comparison takes "than". */
export function shiftSentence(label: string): string {
  if (/\bmore\b/.test(label)) return `${capitalise(label)} than the previous 24 h`;
  if (label === 'steady') return 'Steady against the previous 24 h';
  return capitalise(label);
}

function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Unchanged';
}
