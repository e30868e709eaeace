// Subject salience: the page's names are ranked by where they stand (title, lead, opening
// paragraph) before how often they are named, and the query is built from the top of that
// ranking. The failure this guards against: an article about one release that compares it
// with a famous model a dozen times was queried as the famous model.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect, openingLength, pageText } from '../../../utils/detect';
import { extractPage } from '../../../utils/extract';
import { bundledDetectorData } from '../../../utils/detect/data';
import type { ExtractedPage } from '../../../utils/detect/types';
import { gazetteerOf, queryForTopic } from '../../../utils/context/topic-query';

const gaz = gazetteerOf(bundledDetectorData);

function page(title: string, lead: string, paragraphs: string[], kind: ExtractedPage['kind'] = 'article'): ExtractedPage {
  return { url: 'https://news.example.com/story', site: 'news.example.com', kind, title, lead, body: paragraphs.join('\n') };
}

/** `n` sentences naming `name` in the body, each a paragraph of its own. */
function mentions(name: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `In test ${i + 1} of the evaluation the open weights model was compared with ${name} on the same benchmark suite.`);
}

const opening = 'The new open weights model was released on Thursday under a permissive licence, with its training code, checkpoints and the evaluation harness.';

describe('subject salience', () => {
  // The OLMo-3-vs-Llama failure as a class: the subject stands in the title and lead, a
  // better-known comparison model is named far more often in the body.
  it.each([
    {
      what: 'a release compared with Llama throughout',
      title: 'Ai2 releases OLMo 3, a fully open 32B model',
      lead: 'OLMo 3 ships with its training data, Dolma 3, and every checkpoint.',
      comparison: 'Llama 3.1',
      times: 12,
      subject: 'olmo-3',
      q: 'OLMo 3',
    },
    {
      what: 'a coding model measured against GPT-5',
      title: 'Kimi K2 Thinking tops the open leaderboard for agentic coding',
      lead: 'Moonshot says Kimi K2 Thinking matches closed models on SWE-bench Verified.',
      comparison: 'GPT-5',
      times: 10,
      subject: 'kimi-k2',
      q: 'Kimi K2',
    },
    {
      what: 'a small model review that keeps naming Qwen3',
      title: 'Gemma 3 review: the 27B open model on one consumer GPU',
      lead: 'We ran Gemma 3 locally for a week with quantized weights.',
      comparison: 'Qwen3',
      times: 9,
      subject: 'gemma-3',
      q: 'Gemma 3',
    },
  ])('$what: the title and lead name beats the most-named one', ({ title, lead, comparison, times, subject, q }) => {
    const topic = detect(page(title, lead, [opening, ...mentions(comparison, times)]), bundledDetectorData);
    expect(topic.beat).not.toBeNull();
    const other = topic.entities.find((e) => e.name === comparison)!;
    const first = topic.entities[0]!;
    // The premise: the comparison is named more often than the subject.
    expect(other.count).toBeGreaterThan(first.count);
    expect(first.id).toBe(subject);
    expect(first.salience!).toBeGreaterThan(other.salience!);
    expect(topic.query).toBe(q);
    const query = queryForTopic(topic, gaz)!;
    expect(query.q).toBe(q);
    expect(query.entities[0]).toBe(subject);
    // Named only as a comparison, it does not widen the figures.
    expect(query.entities).not.toContain(other.id);
  });

  it('the title counts more than the lead, the lead more than the opening paragraph, the opening more than the rest', () => {
    const topic = detect(
      page('Qwen3 arrives with a new open licence', 'The release is measured against Gemma 3 throughout.', [
        'Early testers also ran Kimi K2 on the same open weights suite, with checkpoints on the Hub.',
        'Later in the day GPT-5 was mentioned by one reader of the model card.',
      ]),
      bundledDetectorData,
    );
    expect(topic.entities.map((e) => e.id).slice(0, 4)).toEqual(['qwen3', 'gemma-3', 'kimi-k2', 'gpt-5']);
  });

  it('among names that stand nowhere special, the more named one comes first', () => {
    const topic = detect(page('What the open weights release means for researchers', '', [opening, ...mentions('Gemma 3', 2), ...mentions('Qwen3', 6)]), bundledDetectorData);
    const ids = topic.entities.map((e) => e.id);
    expect(ids.indexOf('qwen3')).toBeLessThan(ids.indexOf('gemma-3'));
  });

  it('a model leads its maker when both stand in the title', () => {
    const topic = detect(page('DeepSeek publishes DeepSeek V3.2 with open weights', '', [opening]), bundledDetectorData);
    expect(topic.entities[0]!.id).toBe('deepseek-v3.2');
    expect(topic.entities[1]!.id).toBe('deepseek');
    // Both stand in the title: both are what the figures are about.
    expect(queryForTopic(topic, gaz)!.entities).toEqual(['deepseek-v3.2', 'deepseek']);
  });

  it('a big company named in the title is no subject next to the model it released', () => {
    const topic = detect(page('Google releases Gemma 3 open weights', '', [opening, ...mentions('Google', 5)]), bundledDetectorData);
    expect(topic.entities[0]!.id).toBe('gemma-3');
    // In the news for many reasons: it does not widen the figures.
    expect(queryForTopic(topic, gaz)!.entities).toEqual(['gemma-3']);
  });

  it('a headline that names the maker stands for the model the body names in full ("DeepSeek releases V3")', () => {
    const topic = detect(page('DeepSeek releases V3 weights on Hugging Face', '', ['The lab published DeepSeek V3 with open weights and a technical report.', ...mentions('Hugging Face', 3)]), bundledDetectorData);
    expect(topic.entities[0]!.id).toBe('deepseek-v3');
    const query = queryForTopic(topic, gaz)!;
    expect(query.q).toBe('DeepSeek V3');
    expect(query.entities).toEqual(expect.arrayContaining(['deepseek-v3', 'deepseek', 'hugging-face']));
  });

  it('no name the body repeats, however often, reaches a name in the headline', () => {
    const topic = detect(page('Gemma 3 gets a 1B version', '', [opening, ...mentions('Qwen3', 60)]), bundledDetectorData);
    const qwen = topic.entities.find((e) => e.id === 'qwen3')!;
    expect(qwen.count).toBeGreaterThanOrEqual(60);
    expect(topic.entities[0]!.id).toBe('gemma-3');
    expect(queryForTopic(topic, gaz)!.entities).toEqual(['gemma-3']);
  });

  it('a newly seen name can be the most salient, but the query leads with the first known name', () => {
    const topic = detect(page('Korvax-2 is a new open model with 12B parameters', 'Korvax-2 is compared with Qwen3.', [opening, 'Korvax-2 weights are on the Hub.']), bundledDetectorData);
    const korvax = topic.entities.find((e) => e.name === 'Korvax-2')!;
    expect(korvax.known).toBe(false);
    expect(topic.entities[0]).toBe(korvax);
    const query = queryForTopic(topic, gaz)!;
    expect(query).toEqual({ beat: topic.beat!.id, entities: ['qwen3'], q: 'Qwen3' });
    expect(topic.query).toBe('Qwen3');
  });

  it.each([
    ['news/open-weights-release.html', 'DeepSeek V3'],
    ['ui/article.html', 'DeepSeek V3'],
    ['news/fully-open-release.html', 'OLMo 3'],
  ])('the saved article %s is searched as %s', (file, q) => {
    const html = readFileSync(join(import.meta.dirname, '../../fixtures/pages', file), 'utf8');
    const topic = detect(extractPage(new DOMParser().parseFromString(html, 'text/html'), 'https://news.example.com/story')!, bundledDetectorData);
    expect(queryForTopic(topic, gaz)!.q).toBe(q);
  });

  it('a thread is about the name in its title, not the one its comments repeat', () => {
    const comments = mentions('Claude Sonnet 4.5', 8);
    const topic = detect(page('gpt-oss-120b runs on a single 80GB GPU', '', ['Show HN post with the benchmark numbers and open weights.', ...comments], 'post'), bundledDetectorData);
    expect(topic.entities[0]!.id).toBe('gpt-oss-120b');
    expect(queryForTopic(topic, gaz)!.q).toBe('gpt-oss-120b');
  });

  it('the opening paragraph ends at the first break after a sentence of text', () => {
    expect(openingLength('By A. Writer\nThe first real paragraph of the article goes on for a while, long enough to be a paragraph.\nSecond.')).toBe(
      'By A. Writer\nThe first real paragraph of the article goes on for a while, long enough to be a paragraph.'.length,
    );
    expect(openingLength('x'.repeat(5000))).toBe(1200);
    expect(openingLength('short')).toBe(5);
  });
});

describe('the query for a topic from an older detector (no salience)', () => {
  it('keeps the page order and takes up to three known names', () => {
    const topic = {
      beat: { id: 'open-source-ai' as const, score: 1 },
      entities: ['qwen3', 'gemma-3', 'kimi-k2', 'gpt-5'].map((id) => ({ id, name: id, kind: 'model' as const, count: 1, known: true, ranges: [] })),
    };
    expect(queryForTopic(topic, gaz)!.entities).toEqual(['qwen3', 'gemma-3', 'kimi-k2']);
  });
});

describe('threads', () => {
  const DIR = join(import.meta.dirname, '../../fixtures/pages');
  const read = (file: string, url: string) => extractPage(new DOMParser().parseFromString(readFileSync(join(DIR, file), 'utf8'), 'text/html'), url)!;

  it.each([
    ['sites/news.ycombinator.com/item.html', 'https://news.ycombinator.com/item?id=46100100', 'open-source-ai', 'olmo-3', ['qwen3', 'dolma-3', 'mmlu']],
    ['detect/reddit-thread.html', 'https://www.reddit.com/r/LocalLLaMA/comments/1p5x9k2/gptoss120b_on_a_single_mi300x_my_numbers/', // A model's speed on one accelerator: Hardware & Compute and Models & Research are both
    // defensible (the beat scorer now gives Models & Research a prior and picks it).
    ['hardware-compute', 'research-models'], 'gpt-oss-120b', ['h100', 'qwen3']],
    ['detect/mastodon-thread.html', 'https://sigmoid.social/@ellen_ml/115600123456', 'research-models', 'swe-bench', ['the-stack', 'humaneval', 'common-crawl']],
  ])('%s: a beat, the item’s name first, the comments’ names found', (file, url, beat, first, fromComments) => {
    const topic = detect(read(file, url), bundledDetectorData);
    expect([beat].flat()).toContain(topic.beat?.id);
    expect(topic.entities[0]!.id).toBe(first);
    expect(topic.entities.map((e) => e.id)).toEqual(expect.arrayContaining(fromComments));
  });

  it('a comment naming ChatGPT does not make a thread about sourdough an AI page', () => {
    const page = read('detect/hn-thread-nonai.html', 'https://news.ycombinator.com/item?id=46100200');
    expect(page.comments).toContain('ChatGPT');
    expect(detect(page, bundledDetectorData).beat).toBeNull();
    // The same words as the item itself would make it one: it is the comments that are held back.
    expect(detect({ ...page, body: page.comments!, comments: undefined }, bundledDetectorData).beat).not.toBeNull();
  });

  it('ranges index the comments after the item', () => {
    const page = read('sites/news.ycombinator.com/item.html', 'https://news.ycombinator.com/item?id=46100100');
    const topic = detect(page, bundledDetectorData);
    const text = pageText(page);
    for (const e of topic.entities) for (const [s, t] of e.ranges) expect(text.slice(s, t).toLowerCase()).toContain(e.name.toLowerCase().split(/[ .-]/)[0]!);
  });
});
