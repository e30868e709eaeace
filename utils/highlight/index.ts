// Finds entity names in the text of an article or post, links included (never in inputs,
// editable areas, code or page chrome) and keeps a live Range over the first few occurrences of
// each. It never changes the page's DOM: the text nodes a page (or its framework) owns
// stay exactly as it wrote them, the underline is painted with the CSS Custom Highlight
// API (./paint.ts) and the hover target is found from the ranges (`hit`). Works in
// time-sliced passes so a long page never gets a long task. DOM only, no extension APIs:
// runs in the UI content script and in tests.

/** One name to underline, with the spellings to look for. */
export interface HighlightTerm {
  id: string;
  name: string;
  kind: 'model' | 'org' | 'product' | 'chip' | 'dataset' | 'benchmark' | 'person';
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
  /** Occurrences marked per entity at a time. */
  maxPerEntity?: number;
  /** Marks in total at a time. */
  maxMarks?: number;
  /**
   * Marks per name in each section of the text (a `<section>`, else the stretch under one
   * heading); unlimited when not given. 1 is the "first mention per section" policy.
   */
  maxPerSection?: number;
  /** Work per slice before yielding to the page. */
  sliceMs?: number;
  /** Text nodes looked at per pass, at most. */
  maxNodes?: number;
  clock?: () => number;
  /** Yields between slices; the content script passes its context's timer. */
  yieldToPage?: () => Promise<void>;
  /** Underline inside links too (feed mode on listings whose posts are link titles). */
  inLinks?: boolean;
}

export interface PassResult {
  marks: number;
  nodes: number;
  slices: number;
  /** Longest single slice, in clock units. */
  longestSliceMs: number;
  aborted: boolean;
}

/**
 * Subtrees that are never touched: controls, code, hidden, or our own UI. Links are read:
 * a name is often the link (a Hacker News title), and a highlight range changes nothing
 * in the link, so it still navigates on click.
 */
const SKIP = [
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
].join(',');
/** The same, with links allowed: a listing whose every title is a link (Hacker News) has no other text. */
const SKIP_BUT_LINKS = SKIP.replace(/^a,/, '');

/** How many names each policy underlines: every mention, the first per section, or none. */
export type UnderlinePolicy = 'all' | 'first' | 'none';

/** Highlighter options for a policy (`none` marks nothing; callers skip the pass). */
export function policyOptions(policy: UnderlinePolicy): Pick<HighlightOptions, 'maxPerEntity' | 'maxPerSection' | 'maxMarks'> {
  if (policy === 'first') return { maxPerEntity: Number.POSITIVE_INFINITY, maxPerSection: 1, maxMarks: 60 };
  if (policy === 'none') return { maxPerEntity: 0, maxMarks: 0 };
  return { maxPerEntity: Number.POSITIVE_INFINITY, maxMarks: 200 };
}

const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/**
 * The section a text node is in: its nearest `<section>`, else the nearest heading before
 * it (looked for among earlier siblings of it and its ancestors, a bounded walk), else null.
 */
export function sectionOf(node: Node, stopAt?: Element | null): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const sec = el?.closest('section');
  if (sec && (!stopAt || stopAt.contains(sec))) return heading(node, sec) ?? sec;
  return heading(node, stopAt ?? null);
}

function heading(node: Node, within: Element | null): Element | null {
  let steps = 0;
  for (let n: Node | null = node; n && n !== within && steps < 500; n = n.parentNode) {
    if (n.nodeType === 1 && (n as Element).matches(HEADING)) return n as Element;
    for (let sib = n.previousSibling; sib && steps < 500; sib = sib.previousSibling, steps++) {
      if (sib.nodeType !== 1) continue;
      const e = sib as Element;
      if (e.matches(HEADING)) return e;
      const inner = e.querySelectorAll(HEADING);
      if (inner.length) return inner[inner.length - 1]!;
    }
  }
  return null;
}

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

function rejects(el: Element, skip = SKIP): boolean {
  if (el.matches(skip)) return true;
  return el.matches(CHROME) && !el.closest('article');
}

/** Whether a node sits somewhere we never underline (checked for nodes handed in from outside). */
export function isExcluded(node: Node, stopAt?: Element, skip = SKIP): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el && el !== stopAt; el = el.parentElement) {
    if (rejects(el, skip)) return true;
  }
  return false;
}

const defaultYield = () => new Promise<void>((r) => setTimeout(r, 0));
const defaultClock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** One occurrence of a name in the page: a live range inside one text node, made by a Highlighter. */
export interface HighlightMark {
  readonly range: Range;
  readonly id: string;
  readonly name: string;
  readonly kind: HighlightTerm['kind'];
  readonly known: boolean;
  /** The text the range covered when it was made; a range that no longer covers it is dropped. */
  readonly text: string;
}

/** What the hover cards need from the highlighter: the live marks, a hit test, and change notices. */
export interface HighlightTargets {
  marks(): readonly HighlightMark[];
  /** The mark under a viewport point, or null. */
  hit(x: number, y: number): HighlightMark | null;
  /** Calls `cb` whenever marks are added or dropped; returns the unsubscribe function. */
  subscribe(cb: () => void): () => void;
}

function contains(r: { left: number; right: number; top: number; bottom: number }, x: number, y: number): boolean {
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}

/** The first mark whose rendered text boxes contain the point. */
export function hitTest(marks: readonly HighlightMark[], x: number, y: number): HighlightMark | null {
  for (const m of marks) {
    // One bounding box first: most marks are nowhere near the pointer.
    if (!contains(m.range.getBoundingClientRect(), x, y)) continue;
    for (const rect of m.range.getClientRects()) if (contains(rect, x, y)) return m;
  }
  return null;
}

/**
 * Keeps ranges over the first few occurrences of each name; keeps its counts across passes
 * so "the first few" holds for the whole page, and drops and re-finds ranges when the
 * page re-renders their text.
 */
export class Highlighter implements HighlightTargets {
  private readonly find: TextMatcher;
  private readonly minLength: number;
  private readonly perEntity = new Map<string, number>();
  /** Marks per (section, name), for maxPerSection; a mark remembers its key so a dropped one frees its place. */
  private readonly perSection = new Map<string, number>();
  private readonly sectionKeyOf = new Map<HighlightMark, string>();
  private readonly sectionIds = new WeakMap<Node, number>();
  private nextSectionId = 1;
  private readonly seen = new WeakSet<Text>();
  private list: HighlightMark[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly opts: Required<Omit<HighlightOptions, 'inLinks'>>;
  private readonly skip: string;

  constructor(
    readonly terms: HighlightTerm[],
    options: HighlightOptions = {},
  ) {
    this.find = options.find ?? aliasMatcher(terms);
    this.minLength = options.minLength ?? buildMatcher(terms)?.minLength ?? 3;
    this.skip = options.inLinks ? SKIP_BUT_LINKS : SKIP;
    this.opts = {
      maxPerEntity: options.maxPerEntity ?? 3,
      maxMarks: options.maxMarks ?? 60,
      maxPerSection: options.maxPerSection ?? Number.POSITIVE_INFINITY,
      sliceMs: options.sliceMs ?? 8,
      maxNodes: options.maxNodes ?? 20_000,
      find: this.find,
      minLength: this.minLength,
      clock: options.clock ?? defaultClock,
      yieldToPage: options.yieldToPage ?? defaultYield,
    };
  }

  /** The live marks, in the order they were found. */
  marks(): readonly HighlightMark[] {
    return this.list;
  }

  hit(x: number, y: number): HighlightMark | null {
    return hitTest(this.list, x, y);
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private changed(): void {
    for (const cb of this.listeners) cb();
  }

  private full(): boolean {
    if (this.list.length >= this.opts.maxMarks) return true;
    return this.terms.every((t) => (this.perEntity.get(t.id) ?? 0) >= this.opts.maxPerEntity);
  }

  /** How many marks each entity has now. */
  counts(): ReadonlyMap<string, number> {
    return this.perEntity;
  }

  /** One pass over the text under `roots`, in slices; stops early once every name has its marks. */
  async run(roots: Element[], signal?: AbortSignal): Promise<PassResult> {
    const result: PassResult = { marks: 0, nodes: 0, slices: 0, longestSliceMs: 0, aborted: false };
    if (this.terms.length === 0 || this.full()) return result;
    const { clock, sliceMs, maxNodes } = this.opts;
    const before = result.marks;
    try {
      for (const root of roots) {
        if (!root.isConnected) continue;
        if (isExcluded(root, undefined, this.skip)) continue;
        const doc = root.ownerDocument;
        // The section is followed as the walk goes (headings are met in document order), so
        // the policy costs nothing per text node.
        const perSection = Number.isFinite(this.opts.maxPerSection);
        let section: Node = sectionOf(root) ?? root;
        const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* elements and text */, {
          acceptNode: (n) => {
            if (n.nodeType !== 1) return 1;
            if (rejects(n as Element, this.skip)) return 2; /* reject subtree */
            if (perSection && (n as Element).matches(`section, ${HEADING}`)) section = n;
            return 3; /* skip, descend */
          },
        });
        let sliceStart = clock();
        result.slices++;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (signal?.aborted) {
            result.aborted = true;
            return result;
          }
          if (++result.nodes > maxNodes || this.full()) return result;
          if (perSection && !(section.nodeType === 1 && (section as Element).contains(n)) && !(section.nodeType === 1 && (section as Element).matches(HEADING))) section = sectionOf(n, root) ?? root;
          this.scan(n as Text, result, section);
          const now = clock();
          if (now - sliceStart >= sliceMs) {
            result.longestSliceMs = Math.max(result.longestSliceMs, now - sliceStart);
            const resumeAt = walker.currentNode;
            if (result.marks > before) this.changed();
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
    } finally {
      if (result.marks > before) this.changed();
    }
  }

  /**
   * After the page changed: drops the marks whose range no longer covers its name (the
   * text was re-rendered or removed), then looks again at the given text nodes (new or
   * rewritten). Synchronous and bounded, so a MutationObserver can call it before the
   * next paint and the underline never flickers on a live-updating paragraph.
   */
  refresh(texts: Iterable<Text> = []): number {
    const kept: HighlightMark[] = [];
    let dropped = 0;
    for (const m of this.list) {
      if (isIntact(m)) kept.push(m);
      else {
        dropped++;
        this.perEntity.set(m.id, (this.perEntity.get(m.id) ?? 1) - 1);
        const key = this.sectionKeyOf.get(m);
        if (key) this.perSection.set(key, (this.perSection.get(key) ?? 1) - 1);
        this.sectionKeyOf.delete(m);
        if (m.range.startContainer.nodeType === 3) this.seen.delete(m.range.startContainer as Text);
      }
    }
    this.list = kept;
    const result: PassResult = { marks: 0, nodes: 0, slices: 0, longestSliceMs: 0, aborted: false };
    for (const t of texts) {
      if (this.full()) break;
      if (t.nodeType !== 3 || !t.isConnected || isExcluded(t, undefined, this.skip)) continue;
      // Rewritten text is read afresh; its old marks (if any) were dropped above.
      if (!this.list.some((m) => m.range.startContainer === t)) this.seen.delete(t);
      this.scan(t, result, Number.isFinite(this.opts.maxPerSection) ? (sectionOf(t) ?? t.ownerDocument.body) : null);
    }
    if (dropped || result.marks) this.changed();
    return result.marks;
  }

  /** Makes ranges over the matches in one text node (the node itself is left as it is). */
  private scan(node: Text, result: PassResult, section: Node | null = null): void {
    if (this.seen.has(node) || node.data.length < this.minLength || !/\S/.test(node.data)) return;
    this.seen.add(node);
    let sid = 0;
    if (section) {
      sid = this.sectionIds.get(section) ?? this.nextSectionId++;
      this.sectionIds.set(section, sid);
    }
    let lastEnd = 0;
    for (const m of [...this.find(node.data)].sort((a, b) => a.start - b.start)) {
      if (m.start < lastEnd || m.end <= m.start || m.end > node.data.length) continue; // overlapping or out of range
      const used = this.perEntity.get(m.id) ?? 0;
      if (used >= this.opts.maxPerEntity || this.list.length >= this.opts.maxMarks) continue;
      const key = section ? `${sid}|${m.id}` : '';
      if (section && (this.perSection.get(key) ?? 0) >= this.opts.maxPerSection) continue;
      this.perEntity.set(m.id, used + 1);
      if (section) this.perSection.set(key, (this.perSection.get(key) ?? 0) + 1);
      const range = node.ownerDocument.createRange();
      range.setStart(node, m.start);
      range.setEnd(node, m.end);
      const mark: HighlightMark = { range, id: m.id, name: m.name, kind: m.kind, known: m.known, text: node.data.slice(m.start, m.end) };
      if (section) this.sectionKeyOf.set(mark, key);
      this.list.push(mark);
      result.marks++;
      lastEnd = m.end;
    }
  }

  /** Forgets the marks inside `root` (a feed post scrolled away); its text is read afresh if it is passed to `run` again. */
  forget(root: Node): number {
    const kept: HighlightMark[] = [];
    let dropped = 0;
    for (const m of this.list) {
      const node = m.range.startContainer;
      if (!root.contains(node)) {
        kept.push(m);
        continue;
      }
      dropped++;
      this.perEntity.set(m.id, (this.perEntity.get(m.id) ?? 1) - 1);
      const key = this.sectionKeyOf.get(m);
      if (key) this.perSection.set(key, (this.perSection.get(key) ?? 1) - 1);
      this.sectionKeyOf.delete(m);
      if (node.nodeType === 3) this.seen.delete(node as Text);
    }
    this.list = kept;
    if (dropped) this.changed();
    return dropped;
  }

  /** Forgets every mark (the page's DOM was never changed, so there is nothing to undo). */
  clear(): void {
    const had = this.list.length > 0;
    this.list = [];
    this.perEntity.clear();
    this.perSection.clear();
    this.sectionKeyOf.clear();
    if (had) this.changed();
  }
}

/** Whether a mark's range still covers, inside one connected text node, the text it was made for. */
function isIntact(m: HighlightMark): boolean {
  const { startContainer: node, endContainer, startOffset, endOffset } = m.range;
  return node === endContainer && node.nodeType === 3 && node.isConnected && (node as Text).data.slice(startOffset, endOffset) === m.text;
}
