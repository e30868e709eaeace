// How much a beat's story matters, 1 (minor) to 5 (major), computed from the data: the
// 24 h volume against the beat's own baseline, the mood shift, and how many distinct
// sources and voices carry the conversation. The model may move it by one step, with a
// reason; it never sets it alone.

export interface ImportanceInput {
  volume24h: number;
  /** Median posts a day in the beat over the days before (null when there is no history). */
  baselineDaily: number | null;
  /** Mood score shift against the previous 24 h (null when there is nothing to compare). */
  moodShift: number | null;
  /** Distinct sources and distinct authors among the last 24 h's evidence. */
  sources: number;
  voices: number;
}

export interface Importance {
  importance: number;
  reason: string;
}

const clamp = (x: number) => Math.max(1, Math.min(5, Math.round(x)));

/** The data's importance and the reason, in plain words. */
export function importanceOf(i: ImportanceInput): Importance {
  let score = 2;
  const why: string[] = [];
  if (i.baselineDaily !== null && i.baselineDaily > 0) {
    const ratio = i.volume24h / i.baselineDaily;
    const step = ratio >= 3 ? 2 : ratio >= 1.5 ? 1 : ratio < 0.5 ? -1 : 0;
    score += step;
    why.push(`${i.volume24h.toLocaleString('en-US')} posts in 24 h, ${ratio.toFixed(1)}× the beat's usual ${Math.round(i.baselineDaily).toLocaleString('en-US')} a day`);
  } else {
    why.push(`${i.volume24h.toLocaleString('en-US')} posts in 24 h (no earlier days to compare)`);
  }
  if (i.moodShift !== null) {
    const a = Math.abs(i.moodShift);
    score += a >= 0.35 ? 1.5 : a >= 0.15 ? 0.5 : 0;
    if (a >= 0.15) why.push(`mood ${i.moodShift > 0 ? 'up' : 'down'} ${a.toFixed(2)}`);
  }
  if (i.sources >= 4) score += 0.5;
  if (i.voices >= 20) score += 0.5;
  if (i.sources <= 1 || i.voices < 3) score -= 1;
  why.push(`${i.sources} ${i.sources === 1 ? 'source' : 'sources'}, ${i.voices} ${i.voices === 1 ? 'voice' : 'voices'}`);
  return { importance: clamp(score), reason: why.join('; ') };
}

/** The model's one-step adjustment, applied within 1–5, with its reason appended. */
export function adjustImportance(base: Importance, step: number, modelReason: string): Importance {
  const s = Math.max(-1, Math.min(1, Math.round(step)));
  if (!s) return base;
  const importance = clamp(base.importance + s);
  if (importance === base.importance) return base;
  const note = modelReason.replace(/\s+/g, ' ').trim().slice(0, 120);
  return { importance, reason: `${base.reason}; moved ${s > 0 ? 'up' : 'down'} one step by the writer${note ? `: ${note}` : ''}`.slice(0, 300) };
}
