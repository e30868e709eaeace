// Leave-alone rules look at the address's path and at the page, not at the host alone;
// a page saved to disk is a web page at an unknown address.
import { describe, expect, it } from 'vitest';
import { leaveAloneReason } from '../../../utils/extract';

const ARTICLE = '<html><head><meta property="og:type" content="article"><title>Post</title></head><body><article><p>Text.</p></article></body></html>';
const APP = '<html><head><title>Untitled</title></head><body><div id="app"><p>Text.</p></div></body></html>';
const LD = '<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"x"}</script></head><body><p>Text.</p></body></html>';

const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('leaveAloneReason', () => {
  it.each([
    // what, url, html, reason (null: read)
    ['a saved file', 'file:///home/me/Downloads/page.html', APP, null],
    ['a saved file in a folder named mail', 'file:///home/me/mail/page.html', APP, null],
    ['a browser page', 'chrome://settings/', APP, 'not a web page'],
    ['an editor app', 'https://www.notion.so/Team-notes-1a2b3c', APP, 'editor'],
    ["an editor company's blog path", 'https://www.notion.so/blog/notion-ai-agents', APP, null],
    ["an editor company's declared article", 'https://replit.com/news/agent-3', ARTICLE, null],
    ["an editor company's JSON-LD post", 'https://www.figma.com/community/post/x', LD, null],
    ['a design file', 'https://www.figma.com/design/abc/Mockups', APP, 'editor'],
    ['an online bank', 'https://www.examplebank.com/accounts', APP, 'banking'],
    ["a bank's newsroom article", 'https://www.examplebank.com/newsroom/ai-fraud-detection', ARTICLE, null],
    ['an inbox', 'https://mail.example.com/u/0/', APP, 'inbox'],
    ['search results', 'https://www.google.com/search?q=llama', APP, 'search results'],
  ])('%s → %s', (_what, url, html, reason) => {
    expect(leaveAloneReason(new URL(url), doc(html))).toBe(reason);
  });
});
