// Pages Undercurrent never reads: search results, inboxes, editors, banking and login
// pages. Checked before any extractor, from the address and a few cheap DOM probes.

const SEARCH_HOSTS = /(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|search\.yahoo\.com|yandex\.[a-z]+|baidu\.com|ecosia\.org|search\.brave\.com|kagi\.com|startpage\.com)$/;
const MAIL_HOSTS = /^(mail\.|outlook\.|inbox\.)|(^|\.)(proton\.me|fastmail\.com|hey\.com)$/;
const EDITOR_HOSTS = /^(docs\.google\.com|sheets\.google\.com|slides\.google\.com|www\.notion\.so|notion\.so|[^.]+\.notion\.site|www\.overleaf\.com|app\.diagrams\.net|www\.figma\.com|onedrive\.live\.com|www\.office\.com|[^.]+\.sharepoint\.com|codepen\.io|codesandbox\.io|replit\.com|github\.dev|vscode\.dev|stackblitz\.com)$/;
const BANKING = /bank|banque|sparkasse|(^|\.)(paypal|chase|wellsfargo|barclays|hsbc|santander|revolut|wise|monzo|schwab|fidelity|vanguard)\.[a-z.]+$/;
const SEARCH_PATH = /(^|\/)(search|results)(\/|$)/;

/** Why a page is left alone, or null when it may be read. */
export function leaveAloneReason(url: URL, doc: Document): string | null {
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not a web page';
  if (BANKING.test(host)) return 'banking';
  if (MAIL_HOSTS.test(host) || /\/(mail|inbox)(\/|$)/.test(url.pathname)) return 'inbox';
  if (EDITOR_HOSTS.test(host)) return 'editor';
  if (SEARCH_HOSTS.test(host) && (SEARCH_PATH.test(url.pathname) || url.searchParams.has('q'))) return 'search results';
  if (SEARCH_PATH.test(url.pathname) && (url.searchParams.has('q') || url.searchParams.has('query') || url.searchParams.has('search_query'))) return 'search results';
  if (doc.designMode === 'on') return 'editor';
  const body = doc.body;
  if (body && (body.isContentEditable || (body.getAttribute('contenteditable') ?? 'false') !== 'false')) return 'editor';
  // A payment form is no article, whatever else the page says. (Login fields are not a
  // signal: many news sites carry a hidden sign-in form on every article.)
  if (doc.querySelector('input[autocomplete="cc-number"], input[autocomplete="cc-csc"]')) return 'payment form';
  return null;
}
