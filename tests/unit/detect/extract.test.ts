// Extraction on saved pages of every supported site, parsed by happy-dom's DOMParser
// (the CLI test covers the same pages through linkedom).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractorFor, extractPage, extractPageSliced } from '../../../utils/extract';

const DIR = join(import.meta.dirname, '../../fixtures/pages/detect');

function load(file: string): { doc: Document; url: string } {
  const html = readFileSync(join(DIR, file), 'utf8');
  const url = /saved from url=\(\d+\)(\S+?)\s*-->/.exec(html)?.[1] ?? /rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? 'https://unknown.example/';
  return { doc: new DOMParser().parseFromString(html, 'text/html'), url };
}

describe('extractPage on saved pages', () => {
  it.each([
    // file, extractor, kind, title contains, body contains, body must not contain (nav, comments, forms, code…)
    ['news-article.html', 'news', 'article', 'DeepSeek releases V3.2', 'sparse attention mechanism', ['Most read', 'Comments', 'Robotics comment', 'pip install', 'Gemini horoscope', 'Sign in', 'Gaming', 'Careers']],
    ['blog-main.html', 'news', 'article', 'running models at home', 'Qwen2.5-Coder', ['Mistral Large', 'RSS']],
    ['x-status.html', 'x', 'post', '', 'Claude Code ran for three hours', ['apple pie', 'DeepSeek']],
    ['bsky-post.html', 'bluesky', 'post', '', 'prompt injection in an AI browser agent', ['llama', 'Gemini horoscope']],
    ['hn-item.html', 'hackernews', 'post', 'Mistral Small 3', 'quantized the open weights', ['Nvidia will win', 'GPT-5 style agents']],
    ['hn-front.html', 'hackernews', 'post', 'Hacker News', 'gigawatt-scale data center', ['new | past']],
    ['reddit-post.html', 'reddit', 'post', 'Students using ChatGPT', 'oral exams', ['Claude Monet', 'ai agents']],
    ['mastodon-status.html', 'mastodon', 'post', '', "ranks résumés with women's colleges lower", ['DeepSeek is open source']],
    ['youtube-watch.html', 'youtube', 'post', 'Is Claude conscious?', 'model welfare, sentience', ['apple pie', 'Nvidia earnings', 'GPUs and chips']],
  ])('%s → %s', (file, extractor, kind, title, bodyHas, bodyLacks) => {
    const { doc, url } = load(file);
    expect(extractorFor(new URL(url), doc).name).toBe(extractor);
    const page = extractPage(doc, url);
    expect(page).not.toBeNull();
    expect(page!.kind).toBe(kind);
    expect(page!.title).toContain(title);
    expect(page!.body).toContain(bodyHas);
    for (const s of bodyLacks) expect(`${page!.title}\n${page!.lead}\n${page!.body}`).not.toContain(s);
  });

  it.each([
    ['search-results.html', 'search results'],
    ['inbox.html', 'inbox'],
  ])('%s is left alone (%s)', (file) => {
    const { doc, url } = load(file);
    expect(extractPage(doc, url)).toBeNull();
  });

  it('reads author and lead from JSON-LD and Open Graph', () => {
    const { doc, url } = load('news-article.html');
    expect(extractPage(doc, url)).toMatchObject({ author: 'Dana Whitfield', lead: expect.stringContaining('MIT license') });
  });

  it.each([
    ['https://x.com/home', 'x'],
    ['https://x.com/search?q=ai', 'x'],
    ['https://bsky.app/', 'bluesky'],
    ['https://www.reddit.com/r/MachineLearning/', 'reddit'],
    ['https://www.youtube.com/results?search_query=ai', 'youtube'],
    ['https://news.ycombinator.com/user?id=pg', 'hackernews'],
  ])('feeds and search on social sites are left alone: %s', (url) => {
    const doc = new DOMParser().parseFromString('<html><body><main><article><p>AI AI AI DeepSeek open weights.</p></article></main></body></html>', 'text/html');
    expect(extractPage(doc, url)).toBeNull();
  });

  it.each([
    ['an editor (contenteditable body)', 'https://writer.example/doc/1', '<body contenteditable="true"><article><p>' + 'DeepSeek AI. '.repeat(60) + '</p></article></body>'],
    ['a banking page', 'https://www.examplebank.com/accounts', '<body><main><p>' + 'AI-powered savings. '.repeat(40) + '</p></main></body>'],
    ['a page with no article', 'https://app.example/dashboard', '<body><div id="app"><button>AI settings</button></div></body>'],
    ['a payment form', 'https://shop.example/checkout', '<body><main><p>' + 'AI gadget. '.repeat(60) + '</p><input autocomplete="cc-number"></main></body>'],
  ])('leaves alone %s', (_what, url, body) => {
    const doc = new DOMParser().parseFromString(`<html>${body}</html>`, 'text/html');
    expect(extractPage(doc, url)).toBeNull();
  });

  it('reads a long page in slices with the same result as the synchronous path', async () => {
    const para = '<p>The open-weight model from DeepSeek was released on Hugging Face with a permissive license. </p>';
    const doc = new DOMParser().parseFromString(`<html><head><meta property="og:type" content="article"><title>Long</title></head><body><article>${para.repeat(3000)}</article></body></html>`, 'text/html');
    const url = 'https://news.example/long';
    let yields = 0;
    let t = 0;
    const sliced = await extractPageSliced(doc, url, {
      sliceMs: 1,
      // A fake clock that advances 1 ms per reading: every slice boundary yields.
      now: () => t++,
      yieldToMain: async () => {
        yields++;
      },
    });
    expect(yields).toBeGreaterThan(5);
    expect(sliced).toEqual(extractPage(doc, url));
    expect(sliced!.body.length).toBeLessThanOrEqual(100_000);
  });
});

describe('threads: the item and its comments', () => {
  it.each([
    // file, item title or text, a comment, what must stay out (forms, chrome)
    ['hn-item.html', 'Mistral Small 3', 'GPT-5 style agents', ['Nvidia will win', 'new | past']],
    ['reddit-thread.html', 'gpt-oss-120b on a single MI300X', 'Try Qwen3 235B on the same card', ['typing about Gemini', 'Popular', 'Reply']],
    ['mastodon-thread.html', 'SWE-bench Verified test set', 'Did you check The Stack too?', ['88 boosts', '@dk_evals']],
  ])('%s: the comments are read apart from the item', (file, item, comment, lacks) => {
    const { doc, url } = load(file);
    const page = extractPage(doc, url)!;
    expect(`${page.title}\n${page.body}`).toContain(item);
    expect(page.comments).toContain(comment);
    // A comment is discussion, not the item: it never lands in the title, lead or body.
    expect(`${page.title}\n${page.lead}\n${page.body}`).not.toContain(comment);
    for (const s of lacks) expect(`${page.title}\n${page.lead}\n${page.body}\n${page.comments}`).not.toContain(s);
  });

  it('reads every comment of a Hacker News item page in order, links included', () => {
    const html = readFileSync(join(DIR, '../sites/news.ycombinator.com/item.html'), 'utf8');
    const page = extractPage(new DOMParser().parseFromString(html, 'text/html'), 'https://news.ycombinator.com/item?id=46100100')!;
    expect(page.title).toBe('OLMo 3: A fully open 32B model, with its training data');
    const lines = page.comments!.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^The headline number is fine/);
    expect(lines[3]).toContain('with llama.cpp on a single 24GB card');
    expect(page.comments).not.toMatch(/\breply\b|upvote|next/);
  });

  it('stops reading comments at the cap', () => {
    const many = Array.from({ length: 400 }, (_, i) => `<tr class="athing comtr"><td><div class="commtext c00">Comment ${i} ${'about open weights '.repeat(10)}</div></td></tr>`).join('');
    const html = `<table class="fatitem"><tr><td><span class="titleline"><a href="https://x.example">Open weights thread</a></span></td></tr></table><table class="comment-tree">${many}</table>`;
    const page = extractPage(new DOMParser().parseFromString(html, 'text/html'), 'https://news.ycombinator.com/item?id=1')!;
    expect(page.comments!.length).toBeLessThanOrEqual(30_000);
    expect(page.comments).toContain('Comment 0 ');
  });
});
