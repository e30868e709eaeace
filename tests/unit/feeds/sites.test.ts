// The per-site feed selectors on markup shaped like each site's (the shapes listed at the
// foot of utils/feeds/sites/*.ts), which addresses are feeds, and the detector's verdict
// on the fixture feeds' posts (the e2e tests' expectations must be the detector's own).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEED_SITES, feedSiteForHost, feedSiteForUrl } from '../../../utils/feeds';
import { analysePost, firstWords } from '../../../utils/feeds/analyse-post';
import { feedSettingsOf } from '../../../utils/feeds/feed-settings';
import { bundledDetectorData } from '../../../utils/detect/data';

const doc = (html: string) => new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');

describe('which addresses are feeds', () => {
  it.each([
    ['https://x.com/home', 'x'],
    ['https://twitter.com/home', 'x'],
    ['https://x.com/i/lists/123456', 'x'],
    ['https://x.com/someone/status/1799', null],
    ['https://x.com/search?q=ai', null],
    ['https://bsky.app/', 'bluesky'],
    ['https://bsky.app/profile/bsky.app/feed/whats-hot', 'bluesky'],
    ['https://bsky.app/profile/alice.bsky.social/post/3kabc', null],
    ['https://www.reddit.com/', 'reddit'],
    ['https://www.reddit.com/r/LocalLLaMA/', 'reddit'],
    ['https://www.reddit.com/r/LocalLLaMA/new/', 'reddit'],
    ['https://www.reddit.com/r/LocalLLaMA/comments/abc/some_post/', null],
    ['https://old.reddit.com/r/LocalLLaMA/', null],
    ['https://mastodon.social/home', 'mastodon'],
    ['https://fosstodon.org/tags/llm', 'mastodon'],
    ['https://mastodon.social/@alice/1131', null],
    ['https://unknown-instance.example/home', null],
    ['https://news.ycombinator.com/', 'hackernews'],
    ['https://news.ycombinator.com/news', 'hackernews'],
    ['https://news.ycombinator.com/item?id=1', null],
    ['https://example.com/home', null],
    ['file:///home', null],
    ['not a url', null],
  ])('%s → %s', (url, site) => {
    expect(feedSiteForUrl(url)?.id ?? null).toBe(site);
  });

  it('every site is known by its host, whatever the path', () => {
    expect(FEED_SITES.map((s) => s.id)).toEqual(['x', 'bluesky', 'reddit', 'mastodon', 'hackernews']);
    expect(feedSiteForHost('x.com')?.id).toBe('x');
    expect(feedSiteForHost('evil-x.com')).toBeNull();
    expect(feedSiteForHost('notbsky.app')).toBeNull();
  });
});

// One post each, in the markup the site files describe (trimmed to what they read).
const MARKUP: Record<string, { url: string; html: string; texts: string[]; authors: string[]; keys: string[] }> = {
  x: {
    url: 'https://x.com/home',
    html: `<div data-testid="primaryColumn"><div aria-label="Timeline: Your Home Timeline"><div data-testid="cellInnerDiv"><article data-testid="tweet">
      <div data-testid="User-Name"><a href="/clio"><span>Clio D</span></a><a href="/clio"><span>@clio</span></a><a href="/clio/status/1799"><time>2h</time></a></div>
      <div data-testid="tweetText"><span>DeepSeek V3 weights </span><a href="/hashtag/AI">#AI</a></div><div role="group">12</div></article></div></div></div>`,
    texts: ['DeepSeek V3 weights #AI'],
    authors: ['@clio'],
    keys: ['/clio/status/1799'],
  },
  bluesky: {
    url: 'https://bsky.app/',
    html: `<main><div data-testid="followingFeedPage"><div data-testid="feedItem-by-ravi.bsky.social"><a href="/profile/ravi.bsky.social">Ravi</a>
      <a href="/profile/ravi.bsky.social/post/3kabc">2h</a><div data-testid="postText" data-word-wrap="1">Llama 3.1 405B is out</div></div></div></main>`,
    texts: ['Llama 3.1 405B is out'],
    authors: ['@ravi.bsky.social'],
    keys: ['/profile/ravi.bsky.social/post/3kabc'],
  },
  reddit: {
    url: 'https://www.reddit.com/r/technology/',
    html: `<shreddit-feed><article><shreddit-post id="t3_abc" permalink="/r/technology/comments/abc/x/" post-title="Mistral ships a model" author="tom">
      <a slot="title" href="/r/technology/comments/abc/x/">Mistral ships a model</a><div slot="text-body"><div class="md"><p>Apache 2.0 weights.</p></div></div></shreddit-post></article></shreddit-feed>`,
    texts: ['Mistral ships a model\nApache 2.0 weights.'],
    authors: ['u/tom'],
    keys: ['/r/technology/comments/abc/x/'],
  },
  mastodon: {
    url: 'https://mastodon.social/home',
    html: `<div id="mastodon"><div class="item-list" role="feed"><article data-id="1131"><div class="status__wrapper"><div class="status" data-id="1131">
      <div class="status__info"><span class="display-name"><bdi><strong>Ada</strong></bdi> <span class="display-name__account">@ada@mastodon.social</span></span></div>
      <div class="status__content"><div class="status__content__text"><p>Anthropic agents</p><p>run for hours</p></div></div></div></div></article>
      <article data-id="1132"></article></div></div>`,
    texts: ['Anthropic agentsrun for hours'],
    authors: ['@ada@mastodon.social'],
    keys: ['1131'],
  },
  hackernews: {
    url: 'https://news.ycombinator.com/',
    html: `<table id="hnmain"><tr id="bigbox"><td><table><tbody><tr class="athing submission" id="4242"><td class="title"><span class="titleline"><a href="https://example.com">Qwen ships a 1M context model</a><span class="sitebit"> (example.com)</span></span></td></tr>
      <tr><td class="subtext"><span class="subline">by <a class="hnuser" href="user?id=pg">pg</a></span></td></tr></tbody></table></td></tr></table>`,
    texts: ['Qwen ships a 1M context model'],
    authors: ['pg'],
    keys: ['4242'],
  },
};

describe.each(Object.entries(MARKUP))('%s feed markup', (id, m) => {
  const site = FEED_SITES.find((s) => s.id === id)!;
  it('finds the feed, its posts, their text, author and key, and the text element for the chip', () => {
    const d = doc(m.html);
    expect(site.isFeed(new URL(m.url))).toBe(true);
    const root = site.root(d);
    expect(root).not.toBeNull();
    const posts = Array.from(root!.querySelectorAll(site.post));
    // Mastodon's emptied (virtualised) article is no post until its contents come back.
    expect(posts).toHaveLength(m.texts.length);
    expect(posts.map((p) => site.text(p))).toEqual(m.texts);
    expect(posts.map((p) => site.author(p))).toEqual(m.authors);
    expect(posts.map((p) => site.key(p))).toEqual(m.keys);
    for (const p of posts) expect(p.contains(site.textElement(p))).toBe(true);
  });

  it('a post with no text (an image post, an ad shell) has no text element and no text', () => {
    const d = doc(m.html);
    const post = site.root(d)!.querySelector(site.post)!;
    for (const el of Array.from(post.querySelectorAll('[data-testid="tweetText"], [data-testid="postText"], [slot="title"], [slot="text-body"], .status__content, .titleline'))) el.remove();
    post.removeAttribute('post-title');
    expect(site.textElement(post)).toBeNull();
    expect(site.text(post).trim()).toBe('');
  });
});

/** The fixture feeds' posts (tests/fixtures/pages/feeds/posts.js), read from its literal. */
function fixturePosts(): { ai: boolean; text: string; name: string; handle: string }[] {
  const src = readFileSync(join(import.meta.dirname, '../../fixtures/pages/feeds/posts.js'), 'utf8');
  const literal = /window\.FEED_POSTS = (\[[\s\S]*?\n\]);/.exec(src)![1]!;
  return new Function(`return ${literal}`)() as ReturnType<typeof fixturePosts>;
}

describe('per-post detection', () => {
  it.each(fixturePosts().map((p) => [p.text.slice(0, 48), p] as const))('%s…', (_label, p) => {
    const topic = analysePost(p.text, 'x.com', 'https://x.com/home?utm=1#top', bundledDetectorData);
    expect(!!topic?.beat, p.text).toBe(p.ai);
    if (topic) {
      // The address is kept without its query or fragment; the title is empty (the post has none).
      expect(topic.url).toBe('https://x.com/home');
      expect(topic.title).toBe('');
      expect(topic.kind).toBe('post');
    }
  });

  it('names a post by its first words', () => {
    expect(firstWords('DeepSeek V3 open weights just passed one million downloads on Hugging Face today')).toBe('DeepSeek V3 open weights just passed one million downloads on…');
    expect(firstWords('  short   post ')).toBe('short post');
    expect(firstWords('x'.repeat(300), 10, 90)).toHaveLength(91);
  });
});

describe('feed settings as stored', () => {
  it.each([
    [undefined, { enabled: true, chips: true, names: true }],
    [{ ui: { feeds: { x: false } } }, { enabled: false, chips: true, names: true }],
    [{ ui: { feeds: { bluesky: false }, feedChips: false } }, { enabled: true, chips: false, names: true }],
    [{ ui: { sites: { 'x.com': 'deny' } } }, { enabled: false, chips: true, names: true }],
    [{ ui: { highlights: false } }, { enabled: true, chips: true, names: false }],
    [{ ui: { underline: 'none' } }, { enabled: true, chips: true, names: false }],
    ['garbage', { enabled: true, chips: true, names: true }],
  ])('%j → %j', (settings, expected) => {
    expect(feedSettingsOf(settings, 'x', 'x.com')).toEqual(expected);
  });
});
