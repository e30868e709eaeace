// Paints the underlines with the CSS Custom Highlight API: the marks' ranges go into two
// named highlights (known names dotted, newly seen names dashed) styled by a constructed
// stylesheet. Nothing is inserted into the page's DOM, so a framework that owns the text
// never sees a foreign node. Where the API is missing there is no underline (the hover
// cards still work from the ranges).
import type { HighlightMark } from './index';

/** The highlight names, as the page's `::highlight()` selectors see them. */
export const HIGHLIGHT_KNOWN = 'undercurrent';
export const HIGHLIGHT_NEW = 'undercurrent-new';

const CSS_TEXT = `
::highlight(${HIGHLIGHT_KNOWN}) { text-decoration: underline dotted 1.5px; text-underline-offset: 3px; }
::highlight(${HIGHLIGHT_NEW}) { text-decoration: underline dashed 1.5px; text-underline-offset: 3px; }
`;

interface HighlightLike {
  add(range: AbstractRange): unknown;
  clear(): void;
}
interface RegistryLike {
  set(name: string, h: HighlightLike): unknown;
  delete(name: string): unknown;
  get(name: string): unknown;
}

/** Whether this browser can paint highlights (Chromium 105+, Safari 17.2+, Firefox 140+). */
export function canPaint(win: Window & typeof globalThis): boolean {
  return typeof win.Highlight === 'function' && !!win.CSS && 'highlights' in win.CSS;
}

export class HighlightPainter {
  private readonly known: HighlightLike | undefined;
  private readonly fresh: HighlightLike | undefined;
  private readonly registry: RegistryLike | undefined;
  private sheet: CSSStyleSheet | undefined;

  constructor(private readonly doc: Document) {
    const win = doc.defaultView as (Window & typeof globalThis) | null;
    if (!win || !canPaint(win)) return;
    this.registry = win.CSS.highlights as unknown as RegistryLike;
    this.known = new win.Highlight();
    this.fresh = new win.Highlight();
    try {
      // A constructed sheet: not a <style> element (no DOM change, and a strict page CSP does not apply).
      this.sheet = new win.CSSStyleSheet();
      this.sheet.replaceSync(CSS_TEXT);
    } catch {
      this.sheet = undefined;
    }
  }

  /** Shows exactly these marks. */
  paint(marks: readonly HighlightMark[]): void {
    if (!this.registry || !this.known || !this.fresh) return;
    this.known.clear();
    this.fresh.clear();
    for (const m of marks) (m.known ? this.known : this.fresh).add(m.range);
    // A page may have replaced its registry entries or its adopted sheets since: put ours back.
    if (this.registry.get(HIGHLIGHT_KNOWN) !== this.known) this.registry.set(HIGHLIGHT_KNOWN, this.known);
    if (this.registry.get(HIGHLIGHT_NEW) !== this.fresh) this.registry.set(HIGHLIGHT_NEW, this.fresh);
    try {
      if (this.sheet && !this.doc.adoptedStyleSheets.includes(this.sheet)) this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];
    } catch {
      // A browser that will not adopt a sheet from a content script: no underline, hover still works.
      this.sheet = undefined;
    }
  }

  /** Removes the underlines and the stylesheet. */
  clear(): void {
    if (!this.registry) return;
    this.known?.clear();
    this.fresh?.clear();
    if (this.registry.get(HIGHLIGHT_KNOWN) === this.known) this.registry.delete(HIGHLIGHT_KNOWN);
    if (this.registry.get(HIGHLIGHT_NEW) === this.fresh) this.registry.delete(HIGHLIGHT_NEW);
    try {
      if (this.sheet) this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
    } catch {
      // Nothing was adopted.
    }
  }
}
