// Pure helpers: HTML to text, URL canonicalisation, near-duplicate detection, VADER scoring, queries.
import { describe, expect, it } from 'vitest';
import { canonicalUrl, dedupe } from '../../../utils/discourse/dedupe';
import { scoreText, toneToSentiment, polarity } from '../../../utils/discourse/sentiment';
import { htmlToText, languageCode } from '../../../utils/discourse/text';
import { searchTags, searchText } from '../../../utils/discourse/query';
import { gdeltQuery, toneAt } from '../../../utils/discourse/sources/gdelt';
import { bskyPostUrl } from '../../../utils/discourse/sources/bluesky';
import { post } from './posts';

describe('text helpers', () => {
  it.each([
    ['<p>It&#x27;s <a href="x">big</a></p><p>Really.</p>', "It's big\n\nReally."],
    ['one<br>two &amp; three', 'one\ntwo & three'],
    ['&lt;b&gt; stays text &#128512;', '<b> stays text 😀'],
  ])('htmlToText(%j)', (html, text) => expect(htmlToText(html)).toBe(text));

  it.each([
    ['English', 'en'],
    ['fr', 'fr'],
    ['en-US', 'en'],
    ['Klingon', undefined],
    [null, undefined],
  ])('languageCode(%j) = %j', (name, code) => expect(languageCode(name)).toBe(code));

  it.each([
    ['https://www.Example.com/a/?utm_source=x&b=2#frag', 'example.com/a?b=2'],
    ['https://m.example.com/a/amp/', 'example.com/a'],
    ['https://example.com/?s=1&q=2', 'example.com/?q=2'],
  ])('canonicalUrl(%s)', (url, canon) => expect(canonicalUrl(url)).toBe(canon));

  it.each([
    ['https://bsky.app/x', 'at://did:plc:abc/app.bsky.feed.post/3kxyz', 'alice.bsky.social', 'https://bsky.app/profile/alice.bsky.social/post/3kxyz'],
    ['invalid handle', 'at://did:plc:abc/app.bsky.feed.post/3kxyz', 'handle.invalid', 'https://bsky.app/profile/did%3Aplc%3Aabc/post/3kxyz'],
    ['not a post', 'at://did:plc:abc/app.bsky.feed.like/3kxyz', 'alice', undefined],
  ])('bskyPostUrl: %s', (_n, uri, handle, url) => expect(bskyPostUrl(uri, handle)).toBe(url));
});

describe('dedupe', () => {
  it.each([
    ['same URL with tracking', [{ url: 'https://a.com/x?utm_source=t' }, { url: 'https://www.a.com/x' }], 1],
    ['same text, different link', [{ text: 'DeepSeek V3 released today with open weights https://t.co/a' }, { text: 'DeepSeek V3 released today with open weights https://t.co/b' }], 1],
    ['same words reordered', [{ text: 'open weights DeepSeek V3 released today' }, { text: 'DeepSeek V3 released today: open weights!' }], 1],
    ['short common replies kept', [{ text: 'So good.' }, { text: 'so good' }], 2],
    ['different posts kept', [{ text: 'DeepSeek V3 is remarkable at code tasks' }, { text: 'DeepSeek V3 is worrying for export control policy' }], 2],
  ])('%s', (_n, specs, kept) => {
    expect(dedupe(specs.map((s) => post(s)))).toHaveLength(kept);
  });

  it('keeps the most engaged copy', () => {
    const a = post({ text: 'identical words for the duplicate test here', likes: 1 });
    const b = post({ text: 'identical words for the duplicate test here', likes: 50 });
    expect(dedupe([a, b])).toEqual([b]);
  });
});

describe('sentiment', () => {
  it.each([
    ['This release is amazing, a huge win for open research!', 'positive'],
    ['Terrible, dangerous and overhyped. A disaster.', 'negative'],
    ['The model has 671B parameters.', 'neutral'],
  ])('VADER reads %j as %s', (text, pol) => expect(polarity(scoreText(text)!)).toBe(pol));

  it.each([
    [-2.5, -0.25],
    [15, 1],
    [0, 0],
  ])('GDELT tone %f → %f', (tone, s) => expect(toneToSentiment(tone)).toBeCloseTo(s));

  it('takes the tone nearest in time, else the mean', () => {
    const series = { points: [[0, -2], [3_600_000, 4]] as [number, number][] };
    expect(toneAt(series, 3_500_000)).toBe(4);
    expect(toneAt(series, 10 * 86_400_000)).toBe(1);
    expect(toneAt({ points: [] }, 0)).toBeNull();
  });
});

describe('queries', () => {
  it.each([
    [{ beat: 'open-source-ai', entities: ['deepseek-v3'], q: 'DeepSeek V3' }, 'DeepSeek V3', ['deepseekv3', 'opensourceai']],
    [{ beat: 'safety-alignment', entities: [], q: '' }, 'AI Safety & Alignment', ['aisafety']],
    [{ beat: 'research-models', entities: ['qwen', 'llama-3.1-405b'], q: '' }, 'qwen llama 3 1 405b', ['qwen', 'llm']],
  ] as const)('%j', (q, text, tags) => {
    expect(searchText({ ...q, entities: [...q.entities] })).toBe(text);
    expect(searchTags({ ...q, entities: [...q.entities] })).toEqual(tags);
  });

  it.each([
    ['DeepSeek V3', ['en'], '"DeepSeek V3" sourcelang:english'],
    ['Qwen', ['en', 'fr'], 'Qwen (sourcelang:english OR sourcelang:french)'],
    ['"quoted" (x)', [], 'quoted x'.includes(' ') ? '"quoted x"' : ''],
  ])('gdeltQuery(%j, %j)', (text, langs, q) => expect(gdeltQuery(text, langs)).toBe(q));
});
