// Hacker News: an item (title, link, text of Ask/Show HN posts) or the titles of a front page.
import type { SiteExtractor } from '../types';
import { textOf } from '../text';

const LISTS = new Set(['/', '/news', '/newest', '/front', '/best', '/ask', '/show']);

export const hackernews: SiteExtractor = {
  name: 'hackernews',
  matches: (url) => url.hostname === 'news.ycombinator.com',
  *extract(doc, url) {
    if (url.pathname === '/item') {
      const title = textOf(doc, '.fatitem .titleline > a, .titleline > a');
      if (!title) return null; // a comment permalink: left alone
      const author = textOf(doc, '.fatitem .hnuser, .hnuser');
      // Comments are discourse about the story, not the story: only the top text is read.
      const body = textOf(doc, '.fatitem .toptext, .toptext');
      return { url: url.href, site: url.hostname, kind: 'post', title, lead: '', body, ...(author ? { author } : {}) };
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
//   Ask/Show HN; comments in <table class="comment-tree"> (not read).
// - /, /news, /newest, /best…: rows <tr class="athing"> with <span class="titleline"><a>.
