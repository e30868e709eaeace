// Pages Undercurrent never reads: search results, inboxes, editors, banking and login
// pages. Checked before any extractor, from the address and a few cheap DOM probes.
// Host lists alone are not enough: a company whose app is an editor (Notion, Figma,
// Replit) also runs a blog on the same host, and those posts are ordinary articles.

const SEARCH_HOSTS = /(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|search\.yahoo\.com|yandex\.[a-z]+|baidu\.com|ecosia\.org|search\.brave\.com|kagi\.com|startpage\.com)$/;
const MAIL_HOSTS = /^(mail\.|outlook\.|inbox\.)|(^|\.)(proton\.me|fastmail\.com|hey\.com)$/;
const EDITOR_HOSTS = /^(docs\.google\.com|sheets\.google\.com|slides\.google\.com|www\.notion\.so|notion\.so|[^.]+\.notion\.site|www\.overleaf\.com|app\.diagrams\.net|www\.figma\.com|onedrive\.live\.com|www\.office\.com|[^.]+\.sharepoint\.com|codepen\.io|codesandbox\.io|replit\.com|github\.dev|vscode\.dev|stackblitz\.com)$/;
const BANKING = /bank|banque|sparkasse|(^|\.)(paypal|chase|wellsfargo|barclays|hsbc|santander|revolut|wise|monzo|schwab|fidelity|vanguard)\.[a-z.]+$/;
const SEARCH_PATH = /(^|\/)(search|results)(\/|$)/;
/** Paths where an app's or a bank's own host publishes articles. */
const PUBLISHING_PATH = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:blog|news|newsroom|press|stories|insights|research|articles?|changelog|engineering|magazine|journal)(?:\/|$)/i;
const ARTICLE_LD = /"@type"\s*:\s*(?:\[[^\]]*)?"(?:NewsArticle|Article|BlogPosting|TechArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle)"/;

/** True when the page says it is an article (og:type or JSON-LD), read without parsing any JSON. */
function declaresArticle(doc: Document): boolean {
  const og = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.toLowerCase();
  if (og === 'article') return true;
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) if (ARTICLE_LD.test(s.textContent ?? '')) return true;
  return false;
}

/** An article on an app's or a bank's own host: its blog path, or a page that declares itself an article. */
function isPublishedArticle(url: URL, doc: Document): boolean {
  return PUBLISHING_PATH.test(url.pathname) || declaresArticle(doc);
}

/**
 * Why a page is left alone, or null when it may be read. A `file:` address is a page
 * saved to disk (the `detect` command): a web page at an unknown address, so only the
 * rules that read the page itself apply.
 */
export function leaveAloneReason(url: URL, doc: Document): string | null {
  const host = url.hostname.toLowerCase();
  const file = url.protocol === 'file:';
  if (!file && url.protocol !== 'http:' && url.protocol !== 'https:') return 'not a web page';
  if (BANKING.test(host) && !isPublishedArticle(url, doc)) return 'banking';
  if (MAIL_HOSTS.test(host) || (!file && /\/(mail|inbox)(\/|$)/.test(url.pathname))) return 'inbox';
  if (EDITOR_HOSTS.test(host) && !isPublishedArticle(url, doc)) return 'editor';
  if (SEARCH_HOSTS.test(host) && (SEARCH_PATH.test(url.pathname) || url.searchParams.has('q'))) return 'search results';
  if (!file && SEARCH_PATH.test(url.pathname) && (url.searchParams.has('q') || url.searchParams.has('query') || url.searchParams.has('search_query'))) return 'search results';
  if (doc.designMode === 'on') return 'editor';
  const body = doc.body;
  if (body && (body.isContentEditable || (body.getAttribute('contenteditable') ?? 'false') !== 'false')) return 'editor';
  // A payment form is no article, whatever else the page says. (Login fields are not a
  // signal: many news sites carry a hidden sign-in form on every article.)
  if (doc.querySelector('input[autocomplete="cc-number"], input[autocomplete="cc-csc"]')) return 'payment form';
  return null;
}
