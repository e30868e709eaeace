// Reddit: a post page's title, body, author and comments (new shreddit markup and old.reddit).
import type { SiteExtractor } from '../types';
import { commentsText, meta, textOf } from '../text';

const POST = /^\/r\/[^/]+\/comments\/[a-z0-9]+/i;

export const reddit: SiteExtractor = {
  name: 'reddit',
  matches: (url) => /(^|\.)reddit\.com$/.test(url.hostname),
  *extract(doc, url) {
    if (!POST.test(url.pathname)) return null; // feeds, search, inbox: left alone
    const post = doc.querySelector('shreddit-post');
    let title = '';
    let body = '';
    let author = '';
    let comments = '';
    if (post) {
      title = post.getAttribute('post-title') ?? textOf(post, '[slot="title"]');
      author = post.getAttribute('author') ?? '';
      body = textOf(post, '[slot="text-body"]');
      comments = yield* commentsText(doc, 'shreddit-comment > [slot="comment"]');
    } else {
      // old.reddit.com
      title = textOf(doc, '#siteTable .thing.link a.title');
      author = textOf(doc, '#siteTable .thing.link .author');
      body = textOf(doc, '#siteTable .thing.link .usertext-body .md');
      comments = yield* commentsText(doc, '.commentarea .thing.comment > .entry .usertext-body .md');
    }
    title ||= meta(doc, 'og:title');
    if (!title) return null;
    return { url: url.href, site: url.hostname, kind: 'post', title: title.trim(), lead: '', body, ...(comments ? { comments } : {}), ...(author ? { author } : {}) };
  },
};

// Page shapes this was written against:
// - www.reddit.com/r/{sub}/comments/{id}/{slug}/: <shreddit-post post-title author …>
//   with <h1 slot="title"> and <div slot="text-body"><div class="md"><p>…; comments in
//   <shreddit-comment-tree>: nested <shreddit-comment author depth> elements, each with
//   <div slot="comment"><p>… (its replies are child shreddit-comments, not inside the slot).
// - old.reddit.com: <div id="siteTable"><div class="thing link"> with a.title, a.author,
//   .usertext-body .md; comments in <div class="commentarea">, each <div class="thing comment">
//   with <div class="entry"> … <div class="usertext-body"><div class="md">, replies nested in
//   its <div class="child">.
