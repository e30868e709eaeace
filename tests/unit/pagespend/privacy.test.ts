// Item 5 of the hardening issue: only gazetteer names leave the machine, and private-network
// and intranet hosts are not read at all by default.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyHost, hostAllowed, urlAllowed } from '../../../utils/context/host-policy';
import { gazetteerOf, queryForTopic, sanitizeQuery } from '../../../utils/context/topic-query';
import { searchTags, searchText } from '../../../utils/discourse/query';
import { bundledDetectorData } from '../../../utils/detect/data';
import { detect } from '../../../utils/detect';
import { extractPage } from '../../../utils/extract';
import { Settings, type PageTopic } from '../../../utils/schema';

const DEFAULTS = Settings.parse({}).privacy;
const gaz = gazetteerOf(bundledDetectorData);

describe('host policy', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['172.31.255.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.20', 'private'],
    ['169.254.169.254', 'private'],
    ['100.64.0.1', 'private'],
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.4.5.6', 'loopback'],
    ['localhost', 'loopback'],
    ['app.localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['[fd12:3456::1]', 'private'],
    ['[fe80::1]', 'private'],
    ['[::ffff:192.168.0.1]', 'private'],
    ['[::ffff:c0a8:1]', 'private'],
    ['[2606:4700::1111]', 'public'],
    ['printer.local', 'private'],
    ['wiki.internal', 'private'],
    ['memo.corp', 'private'],
    ['nas.lan', 'private'],
    ['router.home.arpa', 'private'],
    ['memo', 'private'],
    ['intranet.', 'private'],
    ['MEMO.CORP', 'private'],
    ['news.example.com', 'public'],
    ['corp.example.com', 'public'],
    ['localcorp.com', 'public'],
  ])('%s is %s', (host, cls) => {
    expect(classifyHost(host)).toBe(cls);
  });

  it('by default reads public and loopback hosts, never private ones', () => {
    expect(DEFAULTS).toEqual({ allowPrivateHosts: false, allowLoopback: true });
    expect(hostAllowed('news.example.com', DEFAULTS)).toBe(true);
    expect(hostAllowed('127.0.0.1', DEFAULTS)).toBe(true);
    expect(hostAllowed('memo.corp', DEFAULTS)).toBe(false);
    expect(hostAllowed('192.168.0.4', DEFAULTS)).toBe(false);
  });

  it('settings can allow private hosts, or turn loopback off', () => {
    expect(hostAllowed('memo.corp', { allowPrivateHosts: true, allowLoopback: true })).toBe(true);
    expect(hostAllowed('127.0.0.1', { allowPrivateHosts: false, allowLoopback: false })).toBe(false);
  });

  it.each([
    ['http://memo.corp/q3.html', false],
    ['https://10.0.0.8:8443/wiki', false],
    ['http://[fe80::1]/', false],
    ['https://news.example.com/a', true],
    ['http://127.0.0.1:8080/a', true],
    ['file:///tmp/a.html', false],
    ['chrome://settings', false],
    ['not a url', false],
    [undefined, false],
  ])('url %s → %s', (url, ok) => {
    expect(urlAllowed(url, DEFAULTS)).toBe(ok);
  });
});

function memoTopic(): PageTopic {
  const html = readFileSync(join(import.meta.dirname, '../../fixtures/pages/intranet/memo.html'), 'utf8');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const page = extractPage(doc, 'https://news.example.com/memo');
  return detect(page!, bundledDetectorData);
}

describe('the query for a topic', () => {
  it('the memo: the detector sees Nightjar-3 as a new name, and it stays out of the query', () => {
    const topic = memoTopic();
    expect(topic.beat).not.toBeNull();
    const nightjar = topic.entities.find((e) => /nightjar/i.test(e.name));
    expect(nightjar).toMatchObject({ known: false });
    // The detector's own query led with the coined name: the leak this closes.
    const q = queryForTopic(topic, gaz)!;
    expect(q.q).toBe('DeepSeek V3');
    expect(q.entities).not.toContain(nightjar!.id);
    expect(q.entities.every((id) => gaz.has(id))).toBe(true);
    const sent = JSON.stringify([q, searchText(q), searchTags(q, 3)]).toLowerCase();
    expect(sent).not.toContain('nightjar');
    expect(sent).not.toContain('memo');
    expect(sent).not.toContain('evaluation');
  });

  it('never uses what the report says: a forged query, title and "known" flag are ignored', () => {
    const forged: PageTopic = {
      url: 'https://evil.example/x',
      kind: 'article',
      site: 'evil.example',
      title: 'from:someone@example.com private search terms',
      beat: { id: 'open-source-ai', score: 1 },
      runnersUp: [],
      entities: [
        { id: 'from-someone-example-com', name: 'from:someone@example.com', kind: 'model', count: 9, known: true, ranges: [] },
        { id: 'anthropic', name: 'totally not Anthropic', kind: 'org', count: 1, known: true, ranges: [] },
      ],
      query: 'from:someone@example.com private search terms',
    };
    expect(queryForTopic(forged, gaz)).toEqual({ beat: 'open-source-ai', entities: ['anthropic'], q: 'Anthropic' });
  });

  it('with no known name the query is the beat alone', () => {
    const topic = { beat: { id: 'research-models' as const, score: 1 }, entities: [{ id: 'nightjar-3', name: 'Nightjar-3', kind: 'model' as const, count: 4, known: false, ranges: [] }] };
    const q = queryForTopic(topic, gaz)!;
    expect(q).toEqual({ beat: 'research-models', entities: [], q: '' });
    expect(searchText(q)).toBe('Models & Research');
  });

  it('the most salient known name leads, with its canonical name', () => {
    const topic = {
      beat: { id: 'open-source-ai' as const, score: 1 },
      entities: [
        { id: 'deepseek', name: 'deepseek', kind: 'org' as const, count: 9, known: true, ranges: [], salience: 6 },
        { id: 'deepseek-v3', name: 'deepseek-v3', kind: 'model' as const, count: 3, known: true, ranges: [], salience: 9 },
      ],
    };
    expect(queryForTopic(topic, gaz)).toEqual({ beat: 'open-source-ai', entities: ['deepseek-v3', 'deepseek'], q: 'DeepSeek V3' });
    expect(queryForTopic({ beat: null, entities: [] }, gaz)).toBeNull();
  });

  it.each([
    [{ beat: 'open-source-ai', entities: ['deepseek-v3'], q: 'Nightjar-3' }, { beat: 'open-source-ai', entities: ['deepseek-v3'], q: 'DeepSeek V3' }],
    [{ beat: 'open-source-ai', entities: ['nightjar-3'], q: 'Nightjar-3' }, { beat: 'open-source-ai', entities: [], q: '' }],
    [{ beat: 'open-source-ai', entities: [], q: 'deepseek-v3' }, { beat: 'open-source-ai', entities: ['deepseek-v3'], q: 'DeepSeek V3' }],
    [{ beat: 'safety-alignment', entities: ['anthropic', 'x-unknown'], q: '' }, { beat: 'safety-alignment', entities: ['anthropic'], q: 'Anthropic' }],
  ] as const)('a content script query %j is cut down to %j', (input, out) => {
    expect(sanitizeQuery({ ...input, entities: [...input.entities] }, gaz)).toEqual(out);
  });
});
