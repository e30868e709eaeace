// Hacker News: an item (title, link, text of Ask/Show HN posts, and its comments) or the
// titles of a front page.
import type { SiteExtractor } from '../types';
import { commentsText, textOf } from '../text';

const LISTS = new Set(['/', '/news', '/newest', '/front', '/best', '/ask', '/show']);

export const hackernews: SiteExtractor = {
  name: 'hackernews',
  matches: (url) => url.hostname === 'news.ycombinator.com',
  *extract(doc, url) {
    if (url.pathname === '/item') {
      const title = textOf(doc, '.fatitem .titleline > a, .titleline > a');
      if (!title) return null; // a comment permalink: left alone
      const author = textOf(doc, '.fatitem .hnuser, .hnuser');
      const body = textOf(doc, '.fatitem .toptext, .toptext');
      // The discussion names what the thread is about; the detector lets only the item decide whether it is about AI.
      const comments = yield* commentsText(doc, '.comment-tree .commtext');
      return { url: url.href, site: url.hostname, kind: 'post', title, lead: '', body, ...(comments ? { comments } : {}), ...(author ? { author } : {}) };
    }
    if (LISTS.has(url.pathname)) {
      const titles = Array.from(doc.querySelectorAll('.titleline > a'), (a) => (a.textContent ?? '').trim()).filter(Boolean);
      if (!titles.length) return null;
      return { url: url.href, site: url.hostname, kind: 'post', title: 'Hacker News', lead: '', body: titles.join('\n') };
    }
    return null;
  },
};

// Page shapes this was written against:
// - /item?id=N: <table class="fatitem"> with <span class="titleline"><a href>Title</a>
//   <span class="sitebit">…</span></span>, <a class="hnuser">, <div class="toptext"> for
//   Ask/Show HN; comments in <table class="comment-tree">, one <tr class="athing comtr">
//   each, the text in <div class="commtext c00"> (paragraphs as <p>, links as <a rel="nofollow">).
// - /, /news, /newest, /best…: rows <tr class="athing"> with <span class="titleline"><a>.
