// Mastodon (the web app of the best-known instances): home, local and federated
// timelines, hashtag timelines and Explore. Instances live on their own hosts, so the
// ones feed mode runs on are listed here.
import type { FeedSite } from '../types';
import { textContentOf } from '../types';

/** Instances feed mode runs on (the browser asks which hosts to inject into before any page is read). */
export const MASTODON_HOSTS = ['mastodon.social', 'mastodon.online', 'mas.to', 'fosstodon.org', 'hachyderm.io', 'sigmoid.social', 'mstdn.social', 'infosec.exchange', 'techhub.social', 'mastodon.world'];

const FEED_PATHS = /^\/(?:home|public(?:\/local|\/remote)?|tags\/[^/]+|explore(?:\/posts)?|lists\/\d+)\/?$/;

export const mastodon: FeedSite = {
  id: 'mastodon',
  label: 'Mastodon',
  matchesHost: (host) => MASTODON_HOSTS.includes(host),
  isFeed: (url) => FEED_PATHS.test(url.pathname),
  root: (doc) => doc.querySelector('.item-list[role="feed"]') ?? doc.querySelector('.columns-area'),
  post: 'article[data-id] .status',
  textElement: (post) => post.querySelector('.status__content__text') ?? post.querySelector('.status__content'),
  text: (post) => textContentOf(post.querySelector('.status__content__text') ?? post.querySelector('.status__content')),
  author: (post) => textContentOf(post.querySelector('.display-name__account')) || textContentOf(post.querySelector('.display-name')),
  key: (post) => post.closest('article[data-id]')?.getAttribute('data-id') ?? post.getAttribute('data-id'),
};

// Page shapes this was written against:
// - https://{instance}/home, /public/local, /tags/{tag}, /explore: <div id="mastodon">,
//   a column with <div class="item-list" role="feed"> holding <article data-id="{id}"
//   aria-posinset> wrappers, each with <div class="status" data-id> → .status__info
//   (.display-name, .display-name__account "@user@instance", <a class="status__relative-time">),
//   <div class="status__content"><div class="status__content__text"><p>…</p></div></div>
//   and the action bar. Articles scrolled far away keep their height but lose their
//   contents (virtualised), which come back when scrolled into view.
