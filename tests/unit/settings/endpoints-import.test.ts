// Endpoints are https only (plain http to loopback for local development), enforced by the
// settings schema; importing a settings file is parsed as hostile input, shown as a diff,
// and never touches endpoints unless asked (issue 9, item 1).
import { describe, expect, it } from 'vitest';
import { PageTopic, Settings, topicUrl } from '../../../utils/schema';
import { checkEndpoint, isLocalDevEndpoint } from '../../../utils/schema/endpoint';
import { applyImport, planImport } from '../../../utils/settings/import';
import { parseSettings } from '../../../utils/settings';

describe('endpoint policy', () => {
  it.each([
    ['https://api.anthropic.com', true, false],
    ['https://bsky.social/', true, false],
    ['http://127.0.0.1:8787', true, true],
    ['http://127.1.2.3', true, true],
    ['http://127.1', true, true], // normalised to 127.0.0.1
    ['http://localhost:3000/api', true, true],
    ['http://[::1]:9000', true, true],
    ['http://attacker.example', false, false],
    ['http://10.0.0.5', false, false],
    ['http://localhost.attacker.example', false, false],
    ['http://127.0.0.1.nip.io', false, false],
    ['ftp://files.example.org', false, false],
    ['javascript:alert(1)', false, false],
    ['https://user:pass@api.example.org', false, false],
    ['not a url', false, false],
  ])('%s → allowed %s, local development %s', (url, ok, local) => {
    expect(checkEndpoint(url).ok).toBe(ok);
    expect(isLocalDevEndpoint(url)).toBe(local);
  });

  it('is enforced by the settings schema for every endpoint and the hosted API', () => {
    for (const key of ['blueskyService', 'hackernews', 'gdelt', 'mastodon', 'huggingface', 'anthropic'] as const) {
      const r = Settings.safeParse({ endpoints: { [key]: 'http://attacker.example' } });
      expect(r.success, key).toBe(false);
      expect(Settings.safeParse({ endpoints: { [key]: 'http://127.0.0.1:9' } }).success, key).toBe(true);
    }
    expect(Settings.safeParse({ hostedApi: { baseUrl: 'http://attacker.example' } }).success).toBe(false);
    expect(Settings.safeParse({ hostedApi: { baseUrl: '' } }).success).toBe(true);
  });

  it('keeps the good fields of stored settings when one endpoint no longer parses', () => {
    const { settings, dropped } = parseSettings({ cacheTtlMinutes: 90, endpoints: { anthropic: 'http://attacker.example', hackernews: 'https://hn.example.org' } });
    expect(dropped).toEqual(['endpoints.anthropic']);
    expect(settings.cacheTtlMinutes).toBe(90);
    expect(settings.endpoints.hackernews).toBe('https://hn.example.org');
    expect(settings.endpoints.anthropic).toBe('https://api.anthropic.com');
  });
});

describe('import plan', () => {
  const current = Settings.parse({ hostedApi: { baseUrl: 'https://api.example.org' }, ui: { sites: { 'a.example': 'deny' } } });

  it('lists every change, marks the endpoints, and drops secrets from the file', () => {
    const plan = planImport(
      current,
      JSON.stringify({
        cacheTtlMinutes: 45,
        endpoints: { anthropic: 'https://proxy.example.net' },
        hostedApi: { baseUrl: 'https://evil.example.net' },
        anthropicApiKey: 'sk-ant-x',
        secrets: { hostedApiKey: 'h' },
        bluesky: { handle: 'me.bsky.social', password: 'p' },
      }),
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.changes).toEqual([
      { path: 'hostedApi.baseUrl', from: '"https://api.example.org"', to: '"https://evil.example.net"', endpoint: true },
      { path: 'endpoints.anthropic', from: '"https://api.anthropic.com"', to: '"https://proxy.example.net"', endpoint: true },
      { path: 'bluesky.handle', from: '""', to: '"me.bsky.social"', endpoint: false },
      { path: 'cacheTtlMinutes', from: '30', to: '45', endpoint: false },
    ]);
    expect(plan.ignored.sort()).toEqual(['anthropicApiKey', 'bluesky.password', 'secrets']);
    expect(JSON.stringify(plan.next)).not.toMatch(/sk-ant-x|"h"|"p"/);

    const withoutEndpoints = applyImport(current, plan.next, false);
    expect(withoutEndpoints.endpoints).toEqual(current.endpoints);
    expect(withoutEndpoints.hostedApi).toEqual(current.hostedApi);
    expect(withoutEndpoints.cacheTtlMinutes).toBe(45);
    expect(applyImport(current, plan.next, true).endpoints.anthropic).toBe('https://proxy.example.net');
  });

  it.each([
    ['not JSON', '{nope', /^the file is not JSON$/],
    ['an array', '[1,2]', /not a settings object/],
    ['a string', '"settings"', /not a settings object/],
    ['null', 'null', /not a settings object/],
    ['an http endpoint', JSON.stringify({ endpoints: { blueskyService: 'http://attacker.example' } }), /^endpoints\.blueskyService: plain http is allowed only to this computer/],
    ['a wrong type', JSON.stringify({ cacheTtlMinutes: 'soon' }), /^cacheTtlMinutes: /],
    ['a huge file', JSON.stringify({ ui: { sites: {} }, pad: 'x'.repeat(300 * 1024) }), /larger than 256 KB/],
  ])('refuses %s with a clear error', (_what, text, error) => {
    const plan = planImport(current, text);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.error).toMatch(error);
  });

  it('does not let __proto__ in a file reach any object', () => {
    const plan = planImport(current, '{"__proto__": {"polluted": true}, "ui": {"__proto__": {"sidebar": false}}}');
    expect(plan.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (plan.ok) {
      expect(plan.changes).toEqual([]);
      expect(plan.ignored).toEqual(['__proto__', 'ui.__proto__']);
    }
  });

  it('replaces the per-site list as one value and shows it as one change', () => {
    const plan = planImport(current, JSON.stringify({ ui: { sites: { 'b.example': 'allow' } } }));
    expect(plan.ok && plan.changes).toEqual([{ path: 'ui.sites', from: '{"a.example":"deny"}', to: '{"b.example":"allow"}', endpoint: false }]);
  });
});

describe('page topics carry no query string or fragment', () => {
  it.each([
    ['https://news.example.com/a/b?utm_source=x&token=1#section', 'https://news.example.com/a/b'],
    ['https://x.com/user/status/1#reply', 'https://x.com/user/status/1'],
    ['https://news.example.com/', 'https://news.example.com/'],
    ['pages/article.html?x=1', 'pages/article.html'],
  ])('topicUrl(%s) = %s', (input, out) => {
    expect(topicUrl(input)).toBe(out);
  });

  it('the PageTopic schema refuses a URL with either', () => {
    const topic = { url: 'https://news.example.com/a', kind: 'article', site: 'news.example.com', title: 't', beat: null, query: '' };
    expect(PageTopic.safeParse(topic).success).toBe(true);
    expect(PageTopic.safeParse({ ...topic, url: 'https://news.example.com/a?token=1' }).success).toBe(false);
    expect(PageTopic.safeParse({ ...topic, url: 'https://news.example.com/a#me' }).success).toBe(false);
  });
});
