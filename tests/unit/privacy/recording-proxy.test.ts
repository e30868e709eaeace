// The e2e suite's privacy witness must itself be able to fail: real requests through the
// recording proxy, then the check on what it saw.
// @vitest-environment node
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeServer, sendJson, type FakeServer } from '../../fixtures/servers/base';
import { privacyViolations, startRecordingProxy, type RecordingProxy } from '../../e2e/recording-proxy';

const PAGE = `<html><head><title>Quarterly memo</title><script>var secret = 1;</script></head>
<body><p>The Nightjar-3 model beat every internal benchmark we ran this quarter by a wide margin.</p>
<p>DeepSeek V3 is mentioned here too.</p></body></html>`;

let proxy: RecordingProxy;
let page: FakeServer;
let upstream: FakeServer;

/** Sends one request through the proxy as Chromium does (absolute URI, extra headers). */
function viaProxy(url: string, headers: Record<string, string> = {}, body = ''): Promise<number> {
  const p = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: p.hostname, port: p.port, method: body ? 'POST' : 'GET', path: url, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function setUp() {
  proxy = await startRecordingProxy();
  page = await startFakeServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  upstream = await startFakeServer((_req, res) => sendJson(res, 200, { hits: [] }));
  await viaProxy(`${page.url}/memo.html`, { 'sec-fetch-dest': 'document' });
}

afterEach(async () => {
  await Promise.all([proxy?.close(), page?.close(), upstream?.close()]);
});

describe('recording proxy and privacy check', () => {
  it('relays to loopback, records, and finds nothing wrong with a gazetteer search', async () => {
    await setUp();
    expect(await viaProxy(`${upstream.url}/api/v1/search_by_date?query=DeepSeek+V3&tags=(story,comment)`)).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(proxy.exchanges.map((x) => x.status)).toEqual([200, 200]);
    expect(privacyViolations(proxy.exchanges)).toEqual([]);
  });

  it('flags a coined name from the page used as a search', async () => {
    await setUp();
    await viaProxy(`${upstream.url}/api/v1/search_by_date?query=Nightjar-3`);
    const v = privacyViolations(proxy.exchanges);
    expect(v.map((x) => x.what)).toEqual([expect.stringContaining('not in the gazetteer: nightjar')]);
    // The user chose to look it up: allowed.
    expect(privacyViolations(proxy.exchanges, { allowNames: ['Nightjar-3'] })).toEqual([]);
  });

  it('flags page text in a request body and the page address in a URL', async () => {
    await setUp();
    await viaProxy(`${upstream.url}/v1/messages`, { 'content-type': 'application/json' }, JSON.stringify({ prompt: 'model beat every internal benchmark we ran this quarter' }));
    await viaProxy(`${upstream.url}/v1/context?beat=research-models&url=${encodeURIComponent(`${page.url}/memo.html`)}`);
    const what = privacyViolations(proxy.exchanges).map((x) => x.what);
    expect(what).toContainEqual(expect.stringContaining('page text'));
    expect(what).toContainEqual(expect.stringContaining("the page's address"));
  });

  it('does not count text an upstream also sent as page text', async () => {
    await setUp();
    const quoting = await startFakeServer((_req, res) => sendJson(res, 200, { text: 'The Nightjar-3 model beat every internal benchmark we ran this quarter' }));
    try {
      await viaProxy(`${quoting.url}/feed`);
      await viaProxy(`${upstream.url}/v1/messages`, {}, JSON.stringify({ prompt: 'model beat every internal benchmark we ran this quarter' }));
      expect(privacyViolations(proxy.exchanges)).toEqual([]);
    } finally {
      await quoting.close();
    }
  });

  it('records a request for a non-loopback host without relaying it', async () => {
    await setUp();
    expect(await viaProxy('http://example.invalid/collect?q=DeepSeek')).toBe(502);
    expect(proxy.exchanges.at(-1)).toMatchObject({ url: 'http://example.invalid/collect?q=DeepSeek', status: 502 });
  });
});
