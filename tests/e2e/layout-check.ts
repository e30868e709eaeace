// What a reader would call a broken layout, measured in the browser: a surface that scrolls
// sideways, text cut off by the edge of its box, a button whose label wraps onto a second
// line. Run inside the page (popup) or on the page UI's root (sidebar, card) through
// `pageUi(page).evaluate`, so the function is self-contained: it is sent as source text.

/** One problem found, named so a failing test says where to look. */
export type LayoutProblem = string;

/**
 * The problems inside `root`: every laid-out element, text node and button is checked.
 * Deliberate truncation (an ellipsis whose full text is in a `title`) and visually hidden
 * screen-reader text are not problems.
 */
export function layoutProblems(root: Element): LayoutProblem[] {
  const out: string[] = [];
  const label = (el: Element): string => {
    const id = el.getAttribute('data-testid');
    if (id) return `[${id}]`;
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${cls}`;
  };
  const where = (el: Element): string => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && parts.length < 3; e = e === root ? null : e.parentElement) parts.unshift(label(e));
    return parts.join(' > ');
  };
  const shown = (el: Element): boolean => el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions) && !el.closest('.uc-sr');
  const truncatesOnPurpose = (el: Element): boolean => {
    const s = getComputedStyle(el);
    return s.textOverflow === 'ellipsis' && !!el.getAttribute('title') && el.getAttribute('title')!.length > 0;
  };
  const edge = root.getBoundingClientRect();
  const right = Math.min(edge.right, document.documentElement.clientWidth);
  const left = Math.max(edge.left, 0);

  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    if (!shown(el) || el instanceof SVGElement) continue;
    const s = getComputedStyle(el);
    if (s.display.startsWith('inline') && s.display !== 'inline-block' && s.display !== 'inline-flex') continue;
    // A box whose content is wider than it: it scrolls sideways or spills out.
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !truncatesOnPurpose(el)) {
      out.push(`${where(el)} overflows sideways: content ${el.scrollWidth} px in a ${el.clientWidth} px box`);
    }
  }

  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const parent = n.parentElement;
    if (!parent || !n.data.trim() || !shown(parent) || parent.closest('svg')) continue;
    if (truncatesOnPurpose(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of Array.from(range.getClientRects())) {
      if (r.width === 0) continue;
      // Cut by the surface's edge (or the window's), or by the nearest box that clips.
      let clip: Element | null = parent;
      while (clip && clip !== root && getComputedStyle(clip).overflowX === 'visible') clip = clip.parentElement;
      const box = clip && clip !== root ? clip.getBoundingClientRect() : null;
      const maxRight = box ? Math.min(right, box.right) : right;
      const minLeft = box ? Math.max(left, box.left) : left;
      if (r.right > maxRight + 1 || r.left < minLeft - 1) {
        out.push(`${where(parent)}: "${n.data.trim().slice(0, 40)}" is cut off (${Math.round(r.left)}–${Math.round(r.right)} px, room ${Math.round(minLeft)}–${Math.round(maxRight)} px)`);
        break;
      }
    }
  }

  for (const b of Array.from(root.querySelectorAll('button, summary, a.uc-btn'))) {
    if (!shown(b)) continue;
    const vertical = getComputedStyle(b).writingMode.startsWith('vertical');
    // Line boxes of its text: a new line starts where the previous one ended.
    const spans: { start: number; end: number }[] = [];
    const tw = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    for (let n = tw.nextNode() as Text | null; n; n = tw.nextNode() as Text | null) {
      if (!n.data.trim() || n.parentElement?.closest('.uc-sr')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of Array.from(range.getClientRects())) {
        if (r.width && r.height) spans.push(vertical ? { start: r.left, end: r.right } : { start: r.top, end: r.bottom });
      }
    }
    spans.sort((a, c) => a.start - c.start);
    let lines = 0;
    let lineEnd = -Infinity;
    for (const sp of spans) {
      if (sp.start >= lineEnd - 2) lines++;
      lineEnd = Math.max(lineEnd, sp.end);
    }
    if (lines > 1) out.push(`${where(b)}: the button "${(b.textContent ?? '').trim().slice(0, 40)}" wraps onto ${lines} lines`);
  }
  return out;
}
