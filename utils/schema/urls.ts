// Page URLs as they may leave a tab: zod-free, so the always-on detector can use it.

/**
 * A page's URL as a topic may carry it: scheme, host and path only. Query strings and
 * fragments hold search terms, tokens and state, so they never enter a topic.
 */
export function topicUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.origin !== 'null') return `${u.origin}${u.pathname}`;
  } catch {
    // not a URL (a file path from the detect command): cut at the first ? or # below
  }
  return url.replace(/[?#].*$/s, '');
}
