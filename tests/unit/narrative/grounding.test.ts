import { describe, expect, it } from 'vitest';
import { checkGrounding, extractQuotes, findFigures, quoteIn } from '../../../utils/narrative/grounding';
import type { GroundingCheck } from '../../../utils/schema';
import { CONTEXT, GOOD_DRAFT, POSTS, breakDraft, narrativeFrom } from './fixtures';

const check = (draft: typeof GOOD_DRAFT, over = {}) => checkGrounding(narrativeFrom(draft, over), CONTEXT.posts, CONTEXT.snapshot);

describe('checkGrounding', () => {
  it('passes a narrative whose citations, quotes and figures are all grounded', () => {
    expect(check(GOOD_DRAFT)).toEqual([]);
  });

  it.each<[string, typeof GOOD_DRAFT, GroundingCheck, number, RegExp]>([
    ['a paragraph with no citation', breakDraft(1, { citations: [] }), 'citation-missing', 1, /cites no post/],
    [
      'a quote from a post the paragraph does not cite (missing citation)',
      breakDraft(0, { citations: [POSTS[3].id] }),
      'citation-missing',
      0,
      /without citing it/,
    ],
    ['a citation of a post that was not given', breakDraft(2, { citations: [POSTS[3].id, 'bluesky:at://did:plc:nobody/post/1'] }), 'citation-unknown', 2, /not one of the posts/],
    [
      'a misquote (one word changed)',
      breakDraft(0, { text: 'Sina Whitcombe called it “the strongest open-source model I\'ve run locally so far.”' }),
      'quote-mismatch',
      0,
      /not verbatim/,
    ],
    [
      'a quote stitched from two sentences without an ellipsis',
      breakDraft(1, { text: 'tpkestrel wrote "Calling this open source is a stretch and the training data is a black box".' }),
      'quote-mismatch',
      1,
      /not verbatim/,
    ],
    ['a wrong count', breakDraft(2, { text: 'Some 1,420 posts slipped negative. Nicole: “Impressive on code, worrying on refusals”.' }), 'figure-mismatch', 2, /1,420 posts/],
    ['a wrong percentage', breakDraft(2, { text: 'Now 31% of posts read negative. Nicole: “Impressive on code, worrying on refusals”.' }), 'figure-mismatch', 2, /31%/],
    ['a wrong share of a source', breakDraft(0, { text: 'Bluesky carried 70% of it; Sina Whitcombe: “the strongest open-weights model”.' }), 'figure-mismatch', 0, /70%/],
    ['a made-up number of people', breakDraft(0, { text: 'At least 300 people agreed with Sina Whitcombe: “the strongest open-weights model”.' }), 'figure-mismatch', 0, /300 people/],
  ])('rejects %s', (_name, draft, expected, paragraph, detail) => {
    const problems = check(draft);
    expect(problems.length).toBeGreaterThan(0);
    // Only the broken paragraph, only the expected check (a paragraph with no citation
    // also leaves its quotes uncited: those are 'citation-missing' too). Citing the wrong
    // post also leaves the sentence's names unsupported.
    const found = new Set(problems.map((p) => `${p.check}@${p.paragraph}`));
    expect(found.has(`${expected}@${paragraph}`)).toBe(true);
    expect([...found].filter((f) => f !== `${expected}@${paragraph}` && f !== `unsupported@${paragraph}`)).toEqual([]);
    if (expected !== 'citation-missing') expect(found.has(`unsupported@${paragraph}`)).toBe(false);
    expect(problems.some((p) => detail.test(p.detail))).toBe(true);
  });

  it('checks figures and quotes in the headline and dek too', () => {
    const problems = check({ ...GOOD_DRAFT, headline: 'DeepSeek V3: “best model ever made”', dek: 'Volume up 80% in a day.' });
    expect(problems.map((p) => [p.check, p.paragraph])).toEqual([
      ['quote-mismatch', -1],
      ['figure-mismatch', -1],
    ]);
  });

  it('rejects a narrative that does not parse, or is about another beat, as a schema problem', () => {
    expect(checkGrounding({ headline: 'x' }, CONTEXT.posts, CONTEXT.snapshot)[0]).toMatchObject({ check: 'schema', paragraph: -1 });
    expect(check(GOOD_DRAFT, { beat: 'healthcare' })).toEqual([expect.objectContaining({ check: 'schema', detail: expect.stringMatching(/healthcare/) })]);
  });

  it('accepts figures rounded the way a writer rounds them', () => {
    const ok = breakDraft(2, {
      text: 'Roughly 1,200 posts, or 1.2k, came in; 41 percent read positive, 22.0% negative, and the mood score of 0.18 fell. Nicole: “Impressive on code, worrying on refusals”.',
    });
    expect(check(ok)).toEqual([]);
  });
});

describe('quoteIn', () => {
  const post = POSTS[1];
  it.each<[string, string, boolean]>([
    ['exact span', 'the license is not open source by any OSI definition', true],
    ['straight quotes in the post, curly in the quote', 'Calling this “open source” is a stretch.', true],
    ['curly apostrophe against a straight one', 'DeepSeek’s new open model', true],
    ['ellipsis joining two spans in order', 'Calling this "open source" is a stretch … the training data is a black box', true],
    ['ellipsis joining spans out of order', 'the training data is a black box … Calling this', false],
    ['capital at the start of a mid-sentence quote', 'The license is not open source', true],
    ['a changed word', 'the license is not free software by any OSI definition', false],
    ['a paraphrase', 'the license fails the OSI definition', false],
    ['extra spaces and a trailing comma', 'the  weights are\ndownloadable,', true],
  ])('%s', (_name, quote, expected) => {
    const target = quote.includes('DeepSeek’s') ? POSTS[2] : post;
    expect(quoteIn(quote, target)).toBe(expected);
  });
});

describe('extractQuotes', () => {
  it.each<[string, string[]]>([
    ['He said “it works” and left.', ['it works']],
    ['He said "it works" and left.', ['it works']],
    ['„Es funktioniert“, sagte er.', ['Es funktioniert']],
    ['Il a dit « ça marche ».', ['ça marche']],
    ['She wrote ‘it’s fine’ twice.', ['it’s fine']],
    ['It’s the model’s best week — no quotes here.', []],
    ["She called it 'a stretch' and the users' posts agreed; it's fine.", ['a stretch']],
    ['A curly quote “with "straight" inside” stays whole.', ['with "straight" inside']],
  ])('%s', (text, expected) => {
    expect(extractQuotes(text)).toEqual(expected);
  });
});

describe('findFigures', () => {
  it.each<[string, { kind: string; value: number }[]]>([
    ['1,240 posts in 24 hours', [{ kind: 'count', value: 1240 }]],
    ['312 of the 1,240 posts', [{ kind: 'count', value: 312 }, { kind: 'count', value: 1240 }]],
    ['620 Bluesky posts', [{ kind: 'count', value: 620 }]],
    ['up 35% on the day', [{ kind: 'percent', value: 35 }]],
    ['41 percent read positive', [{ kind: 'percent', value: 41 }]],
    ['a 12-point drop, 12 percentage points', [{ kind: 'points', value: 12 }]],
    ['a mood score of -0.12', [{ kind: 'score', value: -0.12 }]],
    ['1.2k posts', [{ kind: 'count', value: 1200 }]],
    ['Llama 3.1 405B and GPT-4o launched in 2024', []],
    ['the top 5 posts', []],
    ['over the last 48 hours', []],
    ['DeepSeek V3 has 671 billion parameters', []],
  ])('%s', (text, expected) => {
    expect(findFigures(text).map(({ kind, value }) => ({ kind, value }))).toEqual(expected);
  });
});
