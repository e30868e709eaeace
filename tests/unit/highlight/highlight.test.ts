// The highlighter: which text gets underlined, where it must never touch, its caps,
// its slicing, that it never changes the page's DOM, and how it follows re-rendered text.
import { describe, expect, it } from 'vitest';
import { Highlighter, buildMatcher, findTextRoots, hitTest, policyOptions, type HighlightMark, type HighlightTerm } from '../../../utils/highlight';
import { watchContent } from '../../../utils/highlight/observer';
import { HIGHLIGHT_KNOWN, HIGHLIGHT_NEW, HighlightPainter } from '../../../utils/highlight/paint';
import { placeCard } from '../../../utils/highlight/place';

const TERMS: HighlightTerm[] = [
  { id: 'deepseek-v3', name: 'DeepSeek V3', kind: 'model', known: true, aliases: ['DeepSeek-V3'] },
  { id: 'deepseek', name: 'DeepSeek', kind: 'org', known: true, aliases: [] },
  { id: 'mistral', name: 'Mistral', kind: 'org', known: true, aliases: ['Mistral AI'] },
  { id: 'voxtral-tts', name: 'Voxtral TTS', kind: 'model', known: false, aliases: [] },
];

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

let current: Highlighter | undefined;
/** The marks of the last highlighter run, as `id=covered text`. */
function marked(_doc: Document, h: Highlighter | undefined = current): string[] {
  return (h?.marks() ?? []).map((m) => `${m.id}=${m.range.toString()}`);
}
function track(h: Highlighter): Highlighter {
  current = h;
  return h;
}

describe('buildMatcher', () => {
  it.each([
    ['DeepSeek V3 is out', ['DeepSeek V3']],
    ['DeepSeek-V3 and DeepSeek', ['DeepSeek-V3', 'DeepSeek']],
    ['Mistral AI ships Voxtral TTS', ['Mistral AI', 'Voxtral TTS']],
    ['DeepSeekish and xMistral are not names', []],
    ['deepseek in lower case is not matched', []],
  ])('%s', (text, expected) => {
    const m = buildMatcher(TERMS)!;
    expect([...text.matchAll(m.regex)].map((x) => x[0])).toEqual(expected);
  });

  it('drops aliases shorter than three characters', () => {
    expect(buildMatcher([{ id: 'x', name: 'X', kind: 'org', known: true, aliases: ['AI'] }])).toBeNull();
  });
});

describe('Highlighter', () => {
  it('finds names in article text with ranges and leaves the DOM exactly as it was', async () => {
    const doc = page('<article><h1>DeepSeek V3 lands</h1><p>Mistral AI answered DeepSeek within a day.</p></article>');
    const html = doc.body.innerHTML;
    const p = doc.querySelector('p')!;
    const text = p.firstChild;
    const h = track(new Highlighter(TERMS));
    const r = await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(['deepseek-v3=DeepSeek V3', 'mistral=Mistral AI', 'deepseek=DeepSeek']);
    expect(r.marks).toBe(3);
    // Not a node added, split or moved: the page's own text node is still the only child.
    expect(doc.body.innerHTML).toBe(html);
    expect(p.childNodes.length).toBe(1);
    expect(p.firstChild).toBe(text);
    const mark = h.marks().find((m) => m.id === 'mistral')!;
    expect(mark).toMatchObject({ name: 'Mistral', kind: 'org', known: true, text: 'Mistral AI' });
    expect(mark.range.startContainer).toBe(text);
  });

  it('gives page-made look-alike marks no meaning: only ranges it made are targets', async () => {
    const doc = page('<article><p>DeepSeek V3 lands.</p><span data-undercurrent="x" data-uc-name="from:someone@example.com private search terms">bait</span></article>');
    const h = track(new Highlighter(TERMS));
    await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(['deepseek-v3=DeepSeek V3']);
    expect(h.marks().some((m) => m.name.includes('from:'))).toBe(false);
  });

  it('marks a name inside a link and leaves the link as it was', async () => {
    const doc = page('<article><p>Read <a href="https://x.test/story">DeepSeek V3 lands</a> today.</p></article>');
    const a = doc.querySelector('a')!;
    const before = a.outerHTML;
    const h = track(new Highlighter(TERMS));
    await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(['deepseek-v3=DeepSeek V3']);
    expect(h.marks()[0]!.range.startContainer.parentElement).toBe(a);
    expect(a.outerHTML).toBe(before);
  });

  it.each([
    ['an input value', '<p><input value="DeepSeek"></p>'],
    ['a textarea', '<textarea>DeepSeek</textarea>'],
    ['an editable area', '<div contenteditable="true"><p>DeepSeek</p></div>'],
    ['a code block', '<pre><code>DeepSeek</code></pre>'],
    ['inline code', '<p><code>DeepSeek</code></p>'],
    ['navigation', '<nav><p>DeepSeek</p></nav>'],
    ['a button', '<button>DeepSeek</button>'],
    ['hidden text', '<p aria-hidden="true">DeepSeek</p>'],
    ['a script', '<script>var DeepSeek = 1</script>'],
  ])('never touches %s', async (_what, inner) => {
    const doc = page(`<article>${inner}</article>`);
    await track(new Highlighter(TERMS)).run(findTextRoots(doc));
    expect(marked(doc)).toEqual([]);
  });

  it('skips the page header and footer but not the article header', async () => {
    const doc = page('<header><p>DeepSeek news desk</p></header><main><article><header><h1>Mistral wins</h1></header></article></main><footer>DeepSeek</footer>');
    await track(new Highlighter(TERMS)).run([doc.body]);
    expect(marked(doc)).toEqual(['mistral=Mistral']);
  });

  it('marks only the first few occurrences of each name, across passes', async () => {
    const doc = page(`<article>${'<p>DeepSeek and Mistral again.</p>'.repeat(6)}</article>`);
    const h = track(new Highlighter(TERMS, { maxPerEntity: 2 }));
    await h.run(findTextRoots(doc));
    const added = doc.createElement('p');
    added.textContent = 'DeepSeek once more';
    doc.querySelector('article')!.append(added);
    await h.run([added]);
    expect(marked(doc).filter((m) => m.startsWith('deepseek=')).length).toBe(2);
    expect(marked(doc).filter((m) => m.startsWith('mistral=')).length).toBe(2);
  });

  it.each([
    ['first', ['deepseek=DeepSeek', 'mistral=Mistral', 'deepseek=DeepSeek', 'mistral=Mistral', 'deepseek=DeepSeek', 'mistral=Mistral']],
    ['all', ['deepseek=DeepSeek', 'deepseek=DeepSeek', 'mistral=Mistral', 'deepseek=DeepSeek', 'deepseek=DeepSeek', 'deepseek=DeepSeek', 'mistral=Mistral', 'deepseek=DeepSeek', 'mistral=Mistral', 'deepseek=DeepSeek']],
    ['none', []],
  ] as const)('underline policy "%s": the first mention of each name per section, every mention, or none', async (policy, expected) => {
    // Sections: the lead (under the h1), two h2 stretches, and a <section> with its own heading.
    const doc = page(`<article><h1>DeepSeek ships</h1><p>DeepSeek and Mistral. DeepSeek again.</p>
      <h2>Reaction</h2><p>DeepSeek here.</p><p>DeepSeek there, Mistral too.</p>
      <section><p>DeepSeek in a section.</p><p>Mistral, then DeepSeek.</p></section></article>`);
    const h = track(new Highlighter(TERMS, policyOptions(policy)));
    await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(expected);
  });

  it('under "first", a re-rendered first mention is underlined again, and only it', async () => {
    const doc = page('<article><h2>One</h2><p id="a">DeepSeek leads.</p><p>DeepSeek follows.</p><h2>Two</h2><p>DeepSeek later.</p></article>');
    const h = track(new Highlighter(TERMS, policyOptions('first')));
    await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(['deepseek=DeepSeek', 'deepseek=DeepSeek']);
    const a = doc.getElementById('a')!.firstChild as Text;
    a.data = 'Now DeepSeek leads.';
    h.refresh([a]);
    expect(h.marks().map((m) => (m.range.startContainer as Text).data)).toEqual(['DeepSeek later.', 'Now DeepSeek leads.']);
  });

  it('respects the total cap', async () => {
    const doc = page(`<article><p>${'DeepSeek Mistral Voxtral TTS DeepSeek-V3 '.repeat(5)}</p></article>`);
    await track(new Highlighter(TERMS, { maxMarks: 5, maxPerEntity: 10 })).run(findTextRoots(doc));
    expect(marked(doc).length).toBe(5);
  });

  it('yields between slices with a fake clock and still finds everything', async () => {
    const doc = page(`<article>${Array.from({ length: 40 }, (_, i) => `<p>para ${i} ${i % 10 === 0 ? 'Mistral' : 'text'}</p>`).join('')}</article>`);
    let t = 0;
    let yields = 0;
    const h = track(new Highlighter(TERMS, {
      maxPerEntity: 10,
      sliceMs: 5,
      clock: () => (t += 1), // every node costs one unit
      yieldToPage: async () => {
        yields++;
      },
    }));
    const r = await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(Array(4).fill('mistral=Mistral'));
    expect(yields).toBeGreaterThan(3);
    expect(r.slices).toBe(yields + 1);
  });

  it('stops when aborted', async () => {
    const doc = page(`<article>${'<p>DeepSeek</p>'.repeat(10)}</article>`);
    const ac = new AbortController();
    ac.abort();
    const r = await track(new Highlighter(TERMS)).run(findTextRoots(doc), ac.signal);
    expect(r.aborted).toBe(true);
    expect(marked(doc)).toEqual([]);
  });

  it('flags newly seen names and clear() forgets every mark', async () => {
    const doc = page('<article><p>Voxtral TTS from Mistral, said <b>DeepSeek</b>.</p></article>');
    const h = track(new Highlighter(TERMS));
    let notices = 0;
    h.subscribe(() => notices++);
    await h.run(findTextRoots(doc));
    expect(h.marks().find((m) => m.id === 'voxtral-tts')!.known).toBe(false);
    expect(h.marks().find((m) => m.id === 'mistral')!.known).toBe(true);
    expect(notices).toBeGreaterThan(0);
    h.clear();
    expect(h.marks()).toEqual([]);
    expect(h.counts().size).toBe(0);
  });

  it('follows a framework that rewrites the text node: drops the stale range, finds the name again, never touches the text', async () => {
    const doc = page('<article><p id="live"></p></article>');
    const p = doc.getElementById('live')!;
    const node = doc.createTextNode('Update 1: DeepSeek V3 weights downloaded 1000 times as the debate spreads.');
    p.append(node);
    const h = track(new Highlighter(TERMS));
    await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(['deepseek-v3=DeepSeek V3']);
    for (let n = 2; n <= 14; n++) {
      const text = `Update ${n}: DeepSeek V3 weights downloaded ${n * 1000} times as the debate spreads.`;
      node.data = text; // what Preact does for a changed text child
      h.refresh([node]);
      expect(p.textContent).toBe(text);
      expect(p.childNodes.length).toBe(1);
      expect(marked(doc)).toEqual(['deepseek-v3=DeepSeek V3']);
      expect(h.marks()[0]!.range.startOffset).toBe(text.indexOf('DeepSeek V3'));
    }
    // A text that no longer names it: the mark goes, and its count is given back.
    node.data = 'Update 15: nothing to see.';
    h.refresh([node]);
    expect(marked(doc)).toEqual([]);
    expect(h.counts().get('deepseek-v3')).toBe(0);
    // Text replaced by a new node (textContent =): the old range is gone with its node.
    p.textContent = 'Update 16: DeepSeek V3 again.';
    h.refresh([p.firstChild as Text]);
    expect(marked(doc)).toEqual(['deepseek-v3=DeepSeek V3']);
  });
});

describe('hitTest', () => {
  const box = (left: number, top: number, width: number, height: number) => ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top });
  function fakeMark(id: string, rects: ReturnType<typeof box>[]): HighlightMark {
    const all = { left: Math.min(...rects.map((r) => r.left)), top: Math.min(...rects.map((r) => r.top)), right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom)) };
    const range = { getBoundingClientRect: () => all, getClientRects: () => rects } as unknown as Range;
    return { range, id, name: id, kind: 'model', known: true, text: id };
  }
  it.each([
    ['inside the first mark', 15, 105, 'a'],
    ['on the second line of a wrapped name', 12, 125, 'b'],
    ['in the gap beside a wrapped name (inside its bounding box, outside its lines)', 150, 125, null],
    ['nowhere near', 500, 500, null],
  ])('%s', (_w, x, y, expected) => {
    const marks = [fakeMark('a', [box(10, 100, 60, 16)]), fakeMark('b', [box(200, 100, 80, 16), box(0, 120, 40, 16)])];
    expect(hitTest(marks, x, y)?.id ?? null).toBe(expected);
  });
});

describe('watchContent', () => {
  it('hands over a small re-rendered element at once, a big one after the debounce', async () => {
    const doc = page('<article><p id="p">Update 1</p></article>');
    const texts: string[] = [];
    const added: string[] = [];
    let fire: (() => void) | undefined;
    const stop = watchContent(doc.body, { onText: (t) => texts.push(...t.map((x) => x.data)), onAdded: (els) => added.push(...els.map((e) => e.tagName)) }, { maxImmediate: 5, setTimer: (fn) => ((fire = fn), 1), clearTimer: () => {} });
    doc.getElementById('p')!.innerHTML = 'Update <b>2</b>: DeepSeek';
    const feed = doc.createElement('section');
    feed.innerHTML = '<p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><p>f</p>';
    doc.querySelector('article')!.append(feed);
    await new Promise((r) => setTimeout(r, 0));
    expect(texts).toEqual(['Update ', '2', ': DeepSeek']);
    expect(added).toEqual([]);
    fire!();
    expect(added).toEqual(['SECTION']);
    stop();
  });

  it('hands over rewritten text at once', async () => {
    const doc = page('<article><p>Update 1</p></article>');
    const texts: string[] = [];
    const stop = watchContent(doc.body, { onText: (t) => texts.push(...t.map((x) => x.data)), onAdded: () => {} });
    (doc.querySelector('p')!.firstChild as Text).data = 'Update 2';
    await new Promise((r) => setTimeout(r, 0));
    expect(texts).toEqual(['Update 2']);
    stop();
  });
});

describe('findTextRoots', () => {
  it.each([
    ['<article>a</article><article>b</article>', ['ARTICLE', 'ARTICLE']],
    ['<article><article>inner</article></article>', ['ARTICLE']],
    ['<main>x</main>', ['MAIN']],
    ['<div>x</div>', ['BODY']],
  ])('%s', (html, tags) => {
    expect(findTextRoots(page(html)).map((e) => e.tagName)).toEqual(tags);
  });
});

describe('placeCard', () => {
  const vp = { width: 1000, height: 800 };
  const card = { width: 300, height: 200 };
  it.each([
    ['below the name when it fits', { left: 100, top: 100, width: 80, height: 20 }, { left: 100, top: 126 }],
    ['above the name near the bottom', { left: 100, top: 700, width: 80, height: 20 }, { left: 100, top: 494 }],
    ['pulled in from the right edge', { left: 900, top: 100, width: 80, height: 20 }, { left: 692, top: 126 }],
    ['kept inside a tiny viewport', { left: -50, top: 5, width: 80, height: 20 }, { left: 8, top: 31 }],
  ])('%s', (_w, anchor, expected) => {
    expect(placeCard(anchor, card, vp)).toEqual(expected);
  });
});

describe('HighlightPainter', () => {
  class FakeHighlight extends Set<AbstractRange> {}
  function fakeDoc() {
    const registry = new Map<string, FakeHighlight>();
    const sheets: string[] = [];
    class FakeSheet {
      replaceSync(text: string) {
        sheets.push(text);
      }
    }
    const doc = { adoptedStyleSheets: [] as unknown[], defaultView: { Highlight: FakeHighlight, CSS: { highlights: registry }, CSSStyleSheet: FakeSheet } };
    return { doc: doc as unknown as Document, registry, sheets };
  }
  const mark = (id: string, known: boolean) => ({ range: { id } as unknown as Range, id, name: id, kind: 'model' as const, known, text: id });

  it('puts known and newly seen names in their own highlights, restores them if the page removes them, and clears', () => {
    const { doc, registry, sheets } = fakeDoc();
    const p = new HighlightPainter(doc);
    const a = mark('a', true);
    const b = mark('b', false);
    p.paint([a, b]);
    expect([...registry.get(HIGHLIGHT_KNOWN)!]).toEqual([a.range]);
    expect([...registry.get(HIGHLIGHT_NEW)!]).toEqual([b.range]);
    expect(sheets.join('')).toContain('::highlight(undercurrent)');
    expect(doc.adoptedStyleSheets.length).toBe(1);
    registry.delete(HIGHLIGHT_KNOWN);
    doc.adoptedStyleSheets = [];
    p.paint([a]);
    expect([...registry.get(HIGHLIGHT_KNOWN)!]).toEqual([a.range]);
    expect([...registry.get(HIGHLIGHT_NEW)!]).toEqual([]);
    expect(doc.adoptedStyleSheets.length).toBe(1);
    p.clear();
    expect(registry.size).toBe(0);
    expect(doc.adoptedStyleSheets).toEqual([]);
  });

  it('does nothing where the browser has no highlight API', () => {
    expect(() => new HighlightPainter(document).paint([mark('a', true)])).not.toThrow();
  });
});
