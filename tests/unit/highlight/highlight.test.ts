// The highlighter: which text gets underlined, where it must never touch, its caps,
// its slicing, and undoing it.
import { describe, expect, it } from 'vitest';
import { Highlighter, MARK_ATTR, buildMatcher, findTextRoots, type HighlightTerm } from '../../../utils/highlight';
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

function marked(doc: Document): string[] {
  return [...doc.querySelectorAll(`[${MARK_ATTR}]`)].map((m) => `${m.getAttribute(MARK_ATTR)}=${m.textContent}`);
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
  it('wraps names in article text and keeps the text intact', async () => {
    const doc = page('<article><h1>DeepSeek V3 lands</h1><p>Mistral AI answered DeepSeek within a day.</p></article>');
    const before = doc.body.textContent;
    const h = new Highlighter(TERMS);
    const r = await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(['deepseek-v3=DeepSeek V3', 'mistral=Mistral AI', 'deepseek=DeepSeek']);
    expect(r.marks).toBe(3);
    expect(doc.body.textContent).toBe(before);
    const mark = doc.querySelector(`[${MARK_ATTR}="mistral"]`)!;
    expect(mark.getAttribute('data-uc-name')).toBe('Mistral');
    expect(mark.getAttribute('role')).toBe('button');
  });

  it.each([
    ['a link', '<p><a href="https://x.test/DeepSeek">DeepSeek</a></p>'],
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
    await new Highlighter(TERMS).run(findTextRoots(doc));
    expect(marked(doc)).toEqual([]);
  });

  it('skips the page header and footer but not the article header', async () => {
    const doc = page('<header><p>DeepSeek news desk</p></header><main><article><header><h1>Mistral wins</h1></header></article></main><footer>DeepSeek</footer>');
    await new Highlighter(TERMS).run([doc.body]);
    expect(marked(doc)).toEqual(['mistral=Mistral']);
  });

  it('wraps only the first few occurrences of each name, across passes', async () => {
    const doc = page(`<article>${'<p>DeepSeek and Mistral again.</p>'.repeat(6)}</article>`);
    const h = new Highlighter(TERMS, { maxPerEntity: 2 });
    await h.run(findTextRoots(doc));
    const added = doc.createElement('p');
    added.textContent = 'DeepSeek once more';
    doc.querySelector('article')!.append(added);
    await h.run([added]);
    expect(marked(doc).filter((m) => m.startsWith('deepseek=')).length).toBe(2);
    expect(marked(doc).filter((m) => m.startsWith('mistral=')).length).toBe(2);
    // One tab stop per name.
    expect([...doc.querySelectorAll(`[${MARK_ATTR}="deepseek"]`)].map((m) => (m as HTMLElement).tabIndex)).toEqual([0, -1]);
  });

  it('respects the total cap', async () => {
    const doc = page(`<article><p>${'DeepSeek Mistral Voxtral TTS DeepSeek-V3 '.repeat(5)}</p></article>`);
    await new Highlighter(TERMS, { maxMarks: 5, maxPerEntity: 10 }).run(findTextRoots(doc));
    expect(marked(doc).length).toBe(5);
  });

  it('yields between slices with a fake clock and still finds everything', async () => {
    const doc = page(`<article>${Array.from({ length: 40 }, (_, i) => `<p>para ${i} ${i % 10 === 0 ? 'Mistral' : 'text'}</p>`).join('')}</article>`);
    let t = 0;
    let yields = 0;
    const h = new Highlighter(TERMS, {
      maxPerEntity: 10,
      sliceMs: 5,
      clock: () => (t += 1), // every node costs one unit
      yieldToPage: async () => {
        yields++;
      },
    });
    const r = await h.run(findTextRoots(doc));
    expect(marked(doc)).toEqual(Array(4).fill('mistral=Mistral'));
    expect(yields).toBeGreaterThan(3);
    expect(r.slices).toBe(yields + 1);
  });

  it('stops when aborted', async () => {
    const doc = page(`<article>${'<p>DeepSeek</p>'.repeat(10)}</article>`);
    const ac = new AbortController();
    ac.abort();
    const r = await new Highlighter(TERMS).run(findTextRoots(doc), ac.signal);
    expect(r.aborted).toBe(true);
    expect(marked(doc)).toEqual([]);
  });

  it('marks newly seen names differently and clear() restores the page', async () => {
    const doc = page('<article><p>Voxtral TTS from Mistral, said <b>DeepSeek</b>.</p></article>');
    const html = doc.body.innerHTML;
    const h = new Highlighter(TERMS);
    await h.run(findTextRoots(doc));
    expect(doc.querySelector(`[${MARK_ATTR}="voxtral-tts"]`)!.hasAttribute('data-uc-new')).toBe(true);
    expect(doc.querySelector(`[${MARK_ATTR}="mistral"]`)!.hasAttribute('data-uc-new')).toBe(false);
    h.clear();
    expect(doc.body.innerHTML).toBe(html);
    expect(doc.querySelector('p')!.childNodes.length).toBe(3);
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
