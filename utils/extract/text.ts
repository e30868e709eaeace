// Reads the visible prose of a DOM subtree as plain text, skipping what is not the
// article (navigation, comments, "most read" boxes) and what must never be read
// (form controls, editable fields, code). A generator, so long pages are read in slices.

/** Elements never read: form controls, editable and code blocks, non-content. */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'VIDEO', 'AUDIO',
  'NAV', 'FOOTER', 'ASIDE', 'FORM', 'INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'BUTTON', 'LABEL',
  'PRE', 'CODE', 'KBD', 'SAMP', 'MENU', 'DIALOG', 'FIGCAPTION',
]);
/** Boxes that sit inside articles but are not the article. */
const BOILERPLATE = /(?:^|[\s_-])(?:comments?|related|most-?read|popular|trending|newsletter|share|social|promo|advert|ads?|sponsor|sidebar|breadcrumbs?|cookie|consent|paywall|recommend\w*|read-?more|more-?stories|footer|byline-?share|outbrain|taboola|audio-?player|listen(?:-to)?(?:-article|-story)?|text-?to-?speech|tts)(?:$|[\s_-])/i;
const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'TR', 'TD', 'TH', 'DD', 'DT', 'BR', 'HR', 'TABLE', 'FIGURE', 'HEADER']);

/** True for elements whose text must never be read or is not content. */
export function isSkipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
  if (el.getAttribute('contenteditable') !== null && el.getAttribute('contenteditable') !== 'false') return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  const role = el.getAttribute('role');
  if (role === 'navigation' || role === 'complementary' || role === 'contentinfo' || role === 'textbox' || role === 'search') return true;
  const cls = `${el.getAttribute('class') ?? ''} ${el.id}`;
  return cls.length > 1 && BOILERPLATE.test(cls);
}

export interface ReadOptions {
  /** Stop after this many characters (topic detection needs no more). */
  maxChars?: number;
  /** Yield after this many nodes, so a driver can give the main thread back. */
  sliceNodes?: number;
  /** Skip boilerplate boxes by class name (off for single posts, where classes are generated). */
  skipBoilerplate?: boolean;
}

/** Yields every `sliceNodes` nodes; returns the text, blocks separated by newlines, whitespace collapsed. */
export function* readText(root: Node, opts: ReadOptions = {}): Generator<void, string> {
  const maxChars = opts.maxChars ?? 100_000;
  const slice = opts.sliceNodes ?? 400;
  const skipBoilerplate = opts.skipBoilerplate ?? true;
  const out: string[] = [];
  let size = 0;
  let seen = 0;
  // Iterative walk: deep DOMs must not overflow the stack.
  const stack: (Node | null)[] = [root];
  while (stack.length && size < maxChars) {
    const node = stack.pop();
    if (++seen % slice === 0) yield;
    if (node === null) {
      // Sentinel: a block element ended.
      if (out.length && out[out.length - 1] !== '\n') out.push('\n');
      continue;
    }
    if (!node) continue;
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      if (t.trim()) {
        const piece = t.replace(/\s+/g, ' ');
        out.push(piece);
        size += piece.length;
      }
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (skipBoilerplate ? isSkipped(el) : SKIP_TAGS.has(el.tagName.toUpperCase()) || isEditable(el)) continue;
      if (BLOCK.has(el.tagName.toUpperCase())) stack.push(null);
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out
    .join('')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim()
    .slice(0, maxChars);
}

function isEditable(el: Element): boolean {
  const ce = el.getAttribute('contenteditable');
  return (ce !== null && ce !== 'false') || el.getAttribute('role') === 'textbox';
}

/** Runs a reading generator to completion synchronously. */
export function runSync<T>(gen: Generator<void, T>): T {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

/** Text of the first element matching `selector` (never an editable or code element), trimmed. */
export function textOf(scope: ParentNode, selector: string): string {
  const el = scope.querySelector(selector);
  if (!el || isEditable(el) || el.closest('pre, code, textarea, [contenteditable="true"], [contenteditable=""]')) return '';
  return runSync(readText(el, { skipBoilerplate: false, maxChars: 20_000 }));
}

/** How much of a thread's comments is read: enough for the names a discussion turns on. */
export const MAX_COMMENT_CHARS = 30_000;

/**
 * The text of a thread's comments, one per line, in page order, up to `maxChars`: each
 * element matching `selector` under `scope` (never editable or code). A generator, so a
 * long thread is read in slices.
 */
export function* commentsText(scope: ParentNode, selector: string, opts: { maxChars?: number; except?: Element | null } = {}): Generator<void, string> {
  const maxChars = opts.maxChars ?? MAX_COMMENT_CHARS;
  const out: string[] = [];
  let size = 0;
  for (const el of scope.querySelectorAll(selector)) {
    if (size >= maxChars) break;
    // The post itself, when its markup is the comments' markup (a Mastodon thread).
    if (opts.except?.contains(el)) continue;
    if (isEditable(el) || el.closest('pre, code, textarea, [contenteditable="true"], [contenteditable=""]')) continue;
    const t = yield* readText(el, { skipBoilerplate: false, maxChars: maxChars - size });
    if (!t) continue;
    out.push(t);
    size += t.length + 1;
  }
  return out.join('\n').slice(0, maxChars);
}

/** Content of a `<meta>` by property or name. */
export function meta(doc: Document, key: string): string {
  const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
  return (el?.getAttribute('content') ?? '').trim();
}
