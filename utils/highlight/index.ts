// Underlines entity names in the text of an article or post: finds them inside text
// nodes (never in links, inputs, editable areas, code or page chrome), wraps the first
// few occurrences of each, and works in time-sliced passes so a long page never gets a
// long task. DOM only, no extension APIs: runs in the UI content script and in tests.

/** One name to underline, with the spellings to look for. */
export interface HighlightTerm {
  id: string;
  name: string;
  kind: 'model' | 'org' | 'product' | 'chip';
  known: boolean;
  /** Exact spellings (case-sensitive, as the detector matches them); the name is always added. */
  aliases: string[];
}

/** One name found in a text node, with offsets into that node's text. */
export interface TextMatch {
  id: string;
  name: string;
  kind: HighlightTerm['kind'];
  known: boolean;
  start: number;
  end: number;
}

/** Finds names in one text node's text; the default matches the terms' aliases exactly. */
export type TextMatcher = (text: string) => TextMatch[];

export interface HighlightOptions {
  /** How names are found in a text; the UI script passes the detector's `findEntities`, limited to the page's entities. */
  find?: TextMatcher;
  /** Texts shorter than this are not looked at. */
  minLength?: number;
  /** Occurrences wrapped per entity, over the life of the highlighter. */
  maxPerEntity?: number;
  /** Marks in total, over the life of the highlighter. */
  maxMarks?: number;
  /** Work per slice before yielding to the page. */
  sliceMs?: number;
  /** Text nodes looked at per pass, at most. */
  maxNodes?: number;
  clock?: () => number;
  /** Yields between slices; the content script passes its context's timer. */
  yieldToPage?: () => Promise<void>;
}

export interface PassResult {
  marks: number;
  nodes: number;
  slices: number;
  /** Longest single slice, in clock units. */
  longestSliceMs: number;
  aborted: boolean;
}

/** The attribute every mark carries; its value is the entity id. */
export const MARK_ATTR = 'data-undercurrent';

/** Subtrees that are never touched: interactive, code, hidden, or our own UI. */
const SKIP = [
  'a',
  'button',
  'input',
  'textarea',
  'select',
  'option',
  'label',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'canvas',
  'video',
  'audio',
  'nav',
  'aside',
  'form',
  'dialog',
  'menu',
  'time',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="search"]',
  '[role="menu"]',
  '[role="menubar"]',
  '[role="toolbar"]',
  '[role="button"]',
  '[role="textbox"]',
  '[role="dialog"]',
  '[aria-hidden="true"]',
  '[hidden]',
  `[${MARK_ATTR}]`,
  '[data-undercurrent-ui]',
].join(',');

/** The page's header and footer are chrome; an article's own header (its headline) is content. */
const CHROME = 'header, footer';

const NOT_WORD = '(?<![\\p{L}\\p{N}_])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}_])';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regular expression over every alias (longest first) and the alias → term map. */
export function buildMatcher(terms: HighlightTerm[]): { regex: RegExp; byAlias: Map<string, HighlightTerm>; minLength: number } | null {
  const byAlias = new Map<string, HighlightTerm>();
  for (const t of terms) {
    for (const a of [t.name, ...t.aliases]) {
      const alias = a.trim();
      // Two-letter aliases ("AI", "X") would underline half the page.
      if (alias.length >= 3 && !byAlias.has(alias)) byAlias.set(alias, t);
    }
  }
  if (byAlias.size === 0) return null;
  const alts = [...byAlias.keys()].sort((a, b) => b.length - a.length).map(escape);
  return { regex: new RegExp(`${NOT_WORD}(?:${alts.join('|')})${NOT_WORD_AFTER}`, 'gu'), byAlias, minLength: Math.min(...[...byAlias.keys()].map((a) => a.length)) };
}

/** A matcher over the terms' exact spellings (case-sensitive, word-bounded). */
export function aliasMatcher(terms: HighlightTerm[]): TextMatcher {
  const m = buildMatcher(terms);
  if (!m) return () => [];
  return (text) => {
    const out: TextMatch[] = [];
    m.regex.lastIndex = 0;
    for (let x = m.regex.exec(text); x; x = m.regex.exec(text)) {
      const t = m.byAlias.get(x[0])!;
      out.push({ id: t.id, name: t.name, kind: t.kind, known: t.known, start: x.index, end: x.index + x[0].length });
    }
    return out;
  };
}

/** Where the article or post text lives: its <article> elements, else <main>, else the body. */
export function findTextRoots(doc: Document): Element[] {
  const articles = [...doc.querySelectorAll('article')].filter((a) => !a.parentElement?.closest('article'));
  if (articles.length) return articles;
  const main = doc.querySelector('main, [role="main"]');
  return [main ?? doc.body].filter((e): e is Element => !!e);
}

function rejects(el: Element): boolean {
  if (el.matches(SKIP)) return true;
  return el.matches(CHROME) && !el.closest('article');
}

/** Whether a node sits somewhere we never underline (checked for nodes handed in from outside). */
export function isExcluded(node: Node, stopAt?: Element): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el && el !== stopAt; el = el.parentElement) {
    if (rejects(el)) return true;
  }
  return false;
}

const defaultYield = () => new Promise<void>((r) => setTimeout(r, 0));
const defaultClock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Wraps entity names in marks; keeps its counts across passes so "the first few" holds for the whole page. */
export class Highlighter {
  private readonly find: TextMatcher;
  private readonly minLength: number;
  private readonly perEntity = new Map<string, number>();
  private readonly seen = new WeakSet<Text>();
  private readonly marks: HTMLElement[] = [];
  private readonly opts: Required<HighlightOptions>;

  constructor(
    readonly terms: HighlightTerm[],
    options: HighlightOptions = {},
  ) {
    this.find = options.find ?? aliasMatcher(terms);
    this.minLength = options.minLength ?? buildMatcher(terms)?.minLength ?? 3;
    this.opts = {
      maxPerEntity: options.maxPerEntity ?? 3,
      maxMarks: options.maxMarks ?? 60,
      sliceMs: options.sliceMs ?? 8,
      maxNodes: options.maxNodes ?? 20_000,
      find: this.find,
      minLength: this.minLength,
      clock: options.clock ?? defaultClock,
      yieldToPage: options.yieldToPage ?? defaultYield,
    };
  }

  /** Marks made so far, in document order of creation. */
  get created(): readonly HTMLElement[] {
    return this.marks;
  }

  private full(): boolean {
    if (this.marks.length >= this.opts.maxMarks) return true;
    return this.terms.every((t) => (this.perEntity.get(t.id) ?? 0) >= this.opts.maxPerEntity);
  }

  /** How many marks each entity has so far. */
  counts(): ReadonlyMap<string, number> {
    return this.perEntity;
  }

  /** One pass over the text under `roots`, in slices; stops early once every name has its marks. */
  async run(roots: Element[], signal?: AbortSignal): Promise<PassResult> {
    const result: PassResult = { marks: 0, nodes: 0, slices: 0, longestSliceMs: 0, aborted: false };
    if (this.terms.length === 0 || this.full()) return result;
    const { clock, sliceMs, maxNodes } = this.opts;
    for (const root of roots) {
      if (!root.isConnected) continue;
      if (isExcluded(root)) continue;
      const doc = root.ownerDocument;
      const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* elements and text */, {
        acceptNode: (n) => (n.nodeType === 1 ? (rejects(n as Element) ? 2 /* reject subtree */ : 3 /* skip, descend */) : 1),
      });
      let sliceStart = clock();
      result.slices++;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (signal?.aborted) {
          result.aborted = true;
          return result;
        }
        if (++result.nodes > maxNodes || this.full()) return result;
        const text = n as Text;
        if (!this.seen.has(text) && text.data.length >= this.minLength && /\S/.test(text.data)) {
          // Wrapping moves the walker's reference node into the mark; resume after the last piece.
          const last = this.wrap(text, result);
          if (last) walker.currentNode = last;
        }
        const now = clock();
        if (now - sliceStart >= sliceMs) {
          result.longestSliceMs = Math.max(result.longestSliceMs, now - sliceStart);
          const resumeAt = walker.currentNode;
          await this.opts.yieldToPage();
          if (!resumeAt.isConnected) return result; // the page replaced this content meanwhile
          walker.currentNode = resumeAt;
          sliceStart = clock();
          result.slices++;
        }
      }
      result.longestSliceMs = Math.max(result.longestSliceMs, clock() - sliceStart);
    }
    return result;
  }

  /** Wraps the matches in one text node; returns the last node it produced (to continue the walk from). */
  private wrap(node: Text, result: PassResult): Node | null {
    this.seen.add(node);
    const hits: { start: number; end: number; term: TextMatch }[] = [];
    let lastEnd = 0;
    for (const m of [...this.find(node.data)].sort((a, b) => a.start - b.start)) {
      if (m.start < lastEnd || m.end <= m.start || m.end > node.data.length) continue; // overlapping or out of range
      const used = this.perEntity.get(m.id) ?? 0;
      if (used >= this.opts.maxPerEntity || this.marks.length + hits.length >= this.opts.maxMarks) continue;
      this.perEntity.set(m.id, used + 1);
      hits.push({ start: m.start, end: m.end, term: m });
      lastEnd = m.end;
    }
    if (!hits.length) return null;
    const doc = node.ownerDocument;
    let rest: Text = node;
    let offset = 0;
    let last: Node = node;
    for (const h of hits) {
      const mid = rest.splitText(h.start - offset);
      rest = mid.splitText(h.end - h.start);
      offset = h.end;
      this.seen.add(rest);
      this.seen.add(mid);
      // A tag of our own: page rules for span (even display:none) do not reach it.
      const mark = doc.createElement('undercurrent-mark');
      mark.setAttribute(MARK_ATTR, h.term.id);
      mark.setAttribute('data-uc-kind', h.term.kind);
      mark.setAttribute('data-uc-name', h.term.name);
      if (!h.term.known) mark.setAttribute('data-uc-new', '');
      mark.setAttribute('role', 'button');
      mark.setAttribute('aria-haspopup', 'dialog');
      mark.setAttribute('aria-expanded', 'false');
      // Only the first mark of each name is a tab stop: enough to reach every card by keyboard.
      mark.tabIndex = this.marks.some((m) => m.getAttribute(MARK_ATTR) === h.term.id) ? -1 : 0;
      // CSSOM, not a style attribute: a strict page CSP blocks inline style attributes.
      // Important inline declarations also outrank a page's `* { all: unset !important }`.
      mark.style.setProperty('text-decoration-line', 'underline', 'important');
      mark.style.setProperty('text-decoration-style', h.term.known ? 'dotted' : 'dashed', 'important');
      mark.style.setProperty('text-decoration-thickness', '1.5px', 'important');
      mark.style.setProperty('text-underline-offset', '3px', 'important');
      mark.style.setProperty('cursor', 'help', 'important');
      mid.parentNode!.insertBefore(mark, mid);
      mark.appendChild(mid);
      this.marks.push(mark);
      result.marks++;
      last = rest;
    }
    return last;
  }

  /** Removes every mark this highlighter made and joins the text back together. */
  clear(): void {
    for (const mark of this.marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      mark.remove();
      parent.normalize();
    }
    this.marks.length = 0;
    this.perEntity.clear();
  }
}
