// Hacker News: the front page and the other story listings, one post per story row.
import type { FeedSite } from '../types';
import { textContentOf } from '../types';

const LISTS = new Set(['/', '/news', '/newest', '/front', '/best', '/ask', '/show']);

export const hackernews: FeedSite = {
  id: 'hackernews',
  label: 'Hacker News',
  matchesHost: (host) => host === 'news.ycombinator.com',
  isFeed: (url) => LISTS.has(url.pathname),
  root: (doc) => doc.querySelector('#hnmain table#bigbox, #hnmain .itemlist, #bigbox') ?? doc.querySelector('#hnmain'),
  post: 'tr.athing',
  textElement: (post) => post.querySelector('.titleline'),
  text: (post) => textContentOf(post.querySelector('.titleline > a')),
  // The byline is the next row's.
  author: (post) => textContentOf(post.nextElementSibling?.querySelector('.hnuser')),
  key: (post) => post.getAttribute('id'),
  namesInLinks: true,
};

// Page shapes this was written against:
// - https://news.ycombinator.com/, /news?p=2, /newest, /ask, /show: <table id="hnmain">,
//   its story table (<table class="itemlist"> on older pages, the rows inside
//   <tr id="bigbox"><td><table> today) holding per story <tr class="athing submission" id="{id}">
//   with <span class="titleline"><a href>Title</a> <span class="sitebit">(site)</span></span>,
//   then a <tr> with <td class="subtext"><span class="subline">… <a class="hnuser">user</a>
//   and a spacer row. "More" loads the next page (no infinite scroll).
