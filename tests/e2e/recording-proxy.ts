// The privacy witness of the e2e suite: every browser the harness launches sends all of
// its traffic, loopback included, through this recording HTTP proxy. When the browser is
// closed the recording is checked against README's privacy promise: no page text, no
// page URL and no name outside the gazetteer leaves the browser.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundledDetectorData } from '../../utils/detect/data';
import { BEATS } from '../../utils/schema/beats';
import { BEAT_TAGS } from '../../utils/discourse/query';

/** One request seen by the proxy, with the answer's text when it was text. */
export interface ProxiedExchange {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  contentType: string;
  responseText: string;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`, for Chromium's --proxy-server. */
  url: string;
  exchanges: ProxiedExchange[];
  close(): Promise<void>;
}

const MAX_RECORDED = 2 * 1024 * 1024;
const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host);
const isText = (type: string) => /^(text\/|application\/(json|javascript|xml))/.test(type);

/**
 * Starts a forward proxy on 127.0.0.1 that relays to loopback only (anything else is
 * answered 502 and recorded, so a request meant for the outside world is still seen).
 */
export async function startRecordingProxy(opts: { hostMap?: Record<string, string> } = {}): Promise<RecordingProxy> {
  const exchanges: ProxiedExchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_RECORDED) chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = new URL(req.url ?? '/', 'http://invalid');
      const exchange: ProxiedExchange = {
        method: req.method ?? 'GET',
        url: target.toString(),
        headers: req.headers,
        body: body.toString('utf8'),
        status: 0,
        contentType: '',
        responseText: '',
      };
      exchanges.push(exchange);
      const address = opts.hostMap?.[target.hostname] ?? target.hostname;
      if (!isLoopback(address)) {
        exchange.status = 502;
        res.writeHead(502).end('the recording proxy relays to loopback only');
        return;
      }
      const headers = { ...req.headers };
      delete headers['proxy-connection'];
      const upstream = httpRequest(
        { host: address.replace(/^\[|\]$/g, ''), port: target.port || 80, method: req.method, path: `${target.pathname}${target.search}`, headers },
        (up) => {
          exchange.status = up.statusCode ?? 0;
          exchange.contentType = String(up.headers['content-type'] ?? '');
          const recordBody = isText(exchange.contentType) && !up.headers['content-encoding'];
          const got: Buffer[] = [];
          let gotSize = 0;
          up.on('data', (c: Buffer) => {
            gotSize += c.length;
            if (recordBody && gotSize <= MAX_RECORDED) got.push(c);
          });
          up.on('end', () => {
            if (recordBody) exchange.responseText = Buffer.concat(got).toString('utf8');
          });
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          // The browser hung up (a size cap, an abort): stop reading the upstream too, as a
          // direct connection would, so a flood is not drained by the proxy.
          res.on('close', () => {
            if (!up.complete) up.destroy();
          });
        },
      );
      upstream.on('error', () => {
        exchange.status = 502;
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      upstream.end(body);
    });
  });
  // HTTPS is never used towards fakes; a CONNECT is recorded and refused.
  server.on('connect', (req, socket) => {
    exchanges.push({ method: 'CONNECT', url: `https://${req.url}/`, headers: req.headers, body: '', status: 502, contentType: '', responseText: '' });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// ---------------------------------------------------------------------------------------
// The check

const words = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
}

const SHINGLE = 6;
function shingles(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= w.length; i++) out.add(w.slice(i, i + SHINGLE).join(' '));
  return out;
}

/** Words a search may use: the gazetteer's ids, names and aliases, the beats, query syntax. */
function allowedVocabulary(extraNames: readonly string[]): Set<string> {
  const vocab = new Set<string>();
  const add = (s: string) => {
    for (const w of words(s)) vocab.add(w);
    vocab.add(s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''));
  };
  for (const e of bundledDetectorData.entities) {
    add(e.id);
    add(e.name);
    for (const a of e.aliases ?? []) add(a);
    const hf = (e as { hfRepo?: string }).hfRepo;
    if (hf) add(hf);
  }
  for (const b of BEATS) {
    add(b.id);
    add(b.name);
  }
  for (const t of Object.values(BEAT_TAGS)) add(t);
  for (const n of extraNames) add(n);
  // The Bluesky connection test's own probe word (a constant of ours, not page data).
  vocab.add('bluesky');
  // GDELT's query operators and the languages it is asked for.
  for (const w of ['or', 'and', 'sourcelang', 'english', 'german', 'french', 'spanish', 'eng', 'deu', 'fra', 'spa', 'en', 'de', 'fr', 'es']) vocab.add(w);
  return vocab;
}

/** The search terms of a request: the values an upstream searches with. */
function searchTerms(url: URL): string[] {
  const terms: string[] = [];
  for (const key of ['q', 'query', 'entities', 'entity', 'term']) for (const v of url.searchParams.getAll(key)) terms.push(v);
  const tag = url.pathname.match(/\/timelines\/tag\/([^/?]+)/);
  if (tag) terms.push(decodeURIComponent(tag[1]!));
  const model = url.pathname.match(/\/api\/models\/(.+)$/);
  if (model) terms.push(decodeURIComponent(model[1]!));
  const entity = url.pathname.match(/\/v1\/entities\/([^/?]+)/);
  if (entity) terms.push(decodeURIComponent(entity[1]!));
  return terms;
}

export interface PrivacyViolation {
  url: string;
  what: string;
}

/**
 * Checks a recording: page hosts are those that answered a document request; everything
 * the browser sent elsewhere must carry no page URL, no run of six words of page-only
 * text (text an upstream also sent is not page-only) and no search word outside the
 * gazetteer. `allowNames` admits names a test's user chose to look up.
 */
export function privacyViolations(exchanges: readonly ProxiedExchange[], opts: { allowNames?: readonly string[] } = {}): PrivacyViolation[] {
  const isPageRequest = (x: ProxiedExchange) => ['document', 'iframe'].includes(String(x.headers['sec-fetch-dest'] ?? ''));
  const pageHosts = new Set(exchanges.filter(isPageRequest).map((x) => new URL(x.url).host));
  const pageOrigins = new Set([...pageHosts].map((h) => `http://${h}`));
  const fromPage = (x: ProxiedExchange) => pageHosts.has(new URL(x.url).host);
  // Requests a page made itself (its scripts, its images) are the page's, not ours: they
  // carry the page's Origin or Referer. Our content scripts make no requests at all.
  const madeByPage = (x: ProxiedExchange) =>
    [x.headers.origin, x.headers.referer].some((h) => typeof h === 'string' && [...pageOrigins].some((o) => h.startsWith(o)));

  const pageText = new Set<string>();
  for (const x of exchanges) if (fromPage(x) && x.responseText) for (const s of shingles(visibleText(x.responseText))) pageText.add(s);
  for (const x of exchanges) if (!fromPage(x) && x.responseText) for (const s of shingles(x.responseText)) pageText.delete(s);
  const pageUrls = exchanges.filter(isPageRequest).map((x) => new URL(x.url));

  const vocab = allowedVocabulary(opts.allowNames ?? []);
  const violations: PrivacyViolation[] = [];
  for (const x of exchanges) {
    if (fromPage(x) || madeByPage(x)) continue;
    const url = new URL(x.url);
    const sent = `${decodeURIComponent(x.url)}\n${x.body}\n${String(x.headers.referer ?? '')}`;
    for (const p of pageUrls) {
      if (sent.includes(p.host)) violations.push({ url: x.url, what: `the page's address ${p.host}` });
      else if (p.pathname.length > 1 && sent.includes(p.pathname)) violations.push({ url: x.url, what: `the page's path ${p.pathname}` });
    }
    for (const s of shingles(sent)) {
      if (pageText.has(s)) {
        violations.push({ url: x.url, what: `page text "${s}"` });
        break;
      }
    }
    for (const term of searchTerms(url)) {
      const unknown = words(term).filter((w) => !vocab.has(w) && !/^\d+(\.\d+)?[bkm]?$/.test(w));
      if (unknown.length) violations.push({ url: x.url, what: `a search for "${term}" (not in the gazetteer: ${unknown.join(', ')})` });
    }
  }
  return violations;
}
