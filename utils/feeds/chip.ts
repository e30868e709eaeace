// The quiet mark after an AI post's text: beat · mood arrow · "n posts today", in a closed
// shadow root on one host element, the only node feed mode adds to a page. The host is a
// zero-size inline box at the end of the text's last line and the chip overflows it
// (drawn, not laid out), so adding one moves nothing on the page.
import { beatName } from '../detect';
import type { BeatId } from '../schema';

/** The tag of a chip's host element. */
export const CHIP_TAG = 'undercurrent-chip';

/** What a chip says about its beat: figures arrive later than the beat (or never, when held or offline). */
export interface BeatPulse {
  volume24h: number;
  /** Mood now against the previous 24 h; null when there is nothing to compare. */
  shift: number | null;
}

const STYLE = `
:host { all: initial !important; display: inline-block !important; position: relative !important; width: 0 !important; height: 0 !important; overflow: visible !important; vertical-align: baseline !important; pointer-events: none !important; }
.chip { position: absolute; left: 6px; bottom: -2px; white-space: nowrap; font: 500 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif; color: #4b5563; background: rgba(99, 102, 241, 0.08); border: 1px solid rgba(99, 102, 241, 0.28); border-radius: 8px; padding: 0 6px; letter-spacing: 0.01em; }
.chip.below { left: auto; right: 0; bottom: auto; top: 4px; }
.chip.unplaced { visibility: hidden; }
.sep { opacity: 0.55; margin: 0 3px; }
.up { color: #15803d; } .down { color: #b91c1c; }
@media (prefers-color-scheme: dark) { .chip { color: #d1d5db; background: rgba(129, 140, 248, 0.14); border-color: rgba(129, 140, 248, 0.4); } .up { color: #4ade80; } .down { color: #f87171; } }
`;

/** ↑ more positive, ↓ more negative, → about the same. */
export function moodArrow(shift: number | null): { arrow: string; words: string; cls: string } {
  if (shift === null) return { arrow: '·', words: 'mood: nothing to compare yet', cls: '' };
  if (shift > 0.05) return { arrow: '↑', words: 'mood more positive than yesterday', cls: 'up' };
  if (shift < -0.05) return { arrow: '↓', words: 'mood more negative than yesterday', cls: 'down' };
  return { arrow: '→', words: 'mood about the same as yesterday', cls: '' };
}

/** "1 post today", "340 posts today", "12.4k posts today". */
export function postsToday(n: number): string {
  const v = n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k` : String(n);
  return `${v} ${n === 1 ? 'post' : 'posts'} today`;
}

/** A chip: its host (for the page) and a way to fill in the figures once they arrive. */
export interface Chip {
  host: HTMLElement;
  setPulse(p: BeatPulse | null): void;
  /**
   * Once in the page: reads where the chip would end (`measure`, a layout read), then
   * `place` draws it right-aligned under the last line if it would run past the right edge
   * of the text. The chip is invisible until placed, so the move is no layout shift; the
   * caller batches the reads of many chips before their writes.
   */
  measure(text: Element): boolean;
  place(below: boolean): void;
  /** Hidden and back in its first position, for measuring again (the host moved with a re-render). */
  reset(): void;
}

/** One constructed stylesheet per document, shared by every chip's shadow root (a <style> per chip costs a style recalc each). */
const sheets = new WeakMap<Document, CSSStyleSheet | null>();
function sheetFor(doc: Document): CSSStyleSheet | null {
  if (!sheets.has(doc)) {
    let sheet: CSSStyleSheet | null = null;
    try {
      const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
      if (Sheet) {
        sheet = new Sheet();
        sheet.replaceSync(STYLE);
      }
    } catch {
      sheet = null;
    }
    sheets.set(doc, sheet);
  }
  return sheets.get(doc)!;
}

/** Makes a chip for `beat` (not yet in the page). */
export function createChip(doc: Document, beat: BeatId): Chip {
  const host = doc.createElement(CHIP_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const shared = sheetFor(doc);
  const style = doc.createElement('style');
  if (shared) root.adoptedStyleSheets = [shared];
  else style.textContent = STYLE;
  const chip = doc.createElement('span');
  chip.className = 'chip unplaced';
  chip.setAttribute('data-testid', 'feed-chip');
  chip.setAttribute('data-beat', beat);
  const name = doc.createElement('span');
  name.setAttribute('data-testid', 'chip-beat');
  name.textContent = beatName(beat);
  chip.append(name);
  if (!shared) root.append(style);
  root.append(chip);
  const label = (extra: string) => host.setAttribute('aria-label', `Undercurrent: ${beatName(beat)}${extra}`);
  label('');
  host.setAttribute('role', 'note');
  return {
    host,
    setPulse(p) {
      chip.querySelectorAll('.sep, [data-testid="chip-mood"], [data-testid="chip-count"]').forEach((n) => n.remove());
      if (!p) return;
      const mood = moodArrow(p.shift);
      const sep = () => Object.assign(doc.createElement('span'), { className: 'sep', textContent: '·' });
      const arrow = Object.assign(doc.createElement('span'), { className: mood.cls, textContent: mood.arrow });
      arrow.setAttribute('data-testid', 'chip-mood');
      const count = doc.createElement('span');
      count.setAttribute('data-testid', 'chip-count');
      count.textContent = postsToday(p.volume24h);
      chip.append(sep(), arrow, sep(), count);
      label(`, ${mood.words}, ${postsToday(p.volume24h)}`);
    },
    measure(text) {
      return chip.getBoundingClientRect().right > text.getBoundingClientRect().right + 1;
    },
    reset() {
      chip.classList.add('unplaced');
      chip.classList.remove('below');
    },
    place(below) {
      chip.classList.toggle('below', below);
      chip.classList.remove('unplaced');
    },
  };
}

/** Where a chip goes: the end of the text's last paragraph (inline, after its last word). */
export function chipAnchor(text: Element): Element {
  const ps = text.querySelectorAll('p');
  return ps.length ? ps[ps.length - 1]! : text;
}
