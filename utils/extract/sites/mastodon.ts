// Mastodon (any instance): a status page's text and author, and the thread around it. Instances have their own
// hosts, so the page is recognised by its markup, not its address.
import type { SiteExtractor } from '../types';
import { commentsText, meta, textOf } from '../text';

const STATUS = /^\/@[^/]+(?:@[^/]+)?\/(\d+)\/?$/;

export const mastodon: SiteExtractor = {
  name: 'mastodon',
  matches: (url, doc) =>
    STATUS.test(url.pathname) &&
    (!doc || doc.getElementById('mastodon') !== null || meta(doc, 'application-name').toLowerCase() === 'mastodon' || /mastodon/i.test(meta(doc, 'og:site_name'))),
  *extract(doc, url) {
    const status = doc.querySelector('.detailed-status') ?? doc.querySelector('.status');
    let text = status ? textOf(status, '.status__content__text, .status__content, .e-content') : '';
    let author = status ? textOf(status, '.display-name__account, .display-name') : '';
    if (!text) {
      text = meta(doc, 'og:description');
      author ||= meta(doc, 'og:title');
    }
    if (!text) return null;
    // The replies (and the posts it answers) shown around it: the rest of the thread.
    const comments = status ? yield* commentsText(doc, '.status .status__content__text', { except: status }) : '';
    return { url: url.href, site: url.hostname, kind: 'post', title: '', lead: '', body: text, ...(comments ? { comments } : {}), ...(author ? { author } : {}) };
  },
};

// Page shapes this was written against:
// - https://{instance}/@{user}/{id} (and @user@remote): <div id="mastodon"> app root,
//   <div class="detailed-status"> with .display-name__account and
//   .status__content > .status__content__text (<p> per paragraph); the thread's other
//   posts (ancestors above, replies below) as <article> > <div class="status"> with their
//   own .status__content__text.
// - Head: <meta name="application-name" content="Mastodon">, og:site_name "{instance}",
//   og:title "Name (@user@instance)", og:description = status text.
