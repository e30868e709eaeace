// The options page: secrets shown only as set / not set, saving settings and typed
// secrets, testing connections, sites, cache, export without secrets, import — with axe.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { OptionsPage, hostOf } from '../../../components/OptionsPage';
import { Settings } from '../../../utils/schema';
import type { SecretsPresence } from '../../../utils/messaging/protocol';
import { axeViolations, fakeSend, ok } from './helpers';

afterEach(cleanup);

const unset = { set: false, origin: null, usable: false };
const container = () => document.body;
const HOSTED_SET: SecretsPresence = { hostedApiKey: { set: true, origin: 'https://api.example.org', usable: true }, blueskyAppPassword: unset, anthropicApiKey: unset };

function setup(presence: SecretsPresence = HOSTED_SET, initial = Settings.parse({ hostedApi: { baseUrl: 'https://api.example.org' }, ui: { sites: { 'spam.example': 'deny' } } })) {
  let stored = initial;
  let secretsSet = { ...presence };
  // The background's binding, as far as the page can see it: a key is usable while its endpoint's origin is the one it was saved for.
  const endpointOf = { hostedApiKey: () => stored.hostedApi.baseUrl, blueskyAppPassword: () => stored.endpoints.blueskyService, anthropicApiKey: () => stored.endpoints.anthropic };
  const rebind = () => {
    for (const k of Object.keys(secretsSet) as (keyof SecretsPresence)[]) {
      const s = secretsSet[k];
      if (s.set) secretsSet = { ...secretsSet, [k]: { ...s, usable: s.origin === new URL(endpointOf[k]()).origin } };
    }
  };
  const send = fakeSend({
    getOptions: () => ok({ settings: stored, secrets: secretsSet }),
    getNarrativeCost: () => ok({ last: { model: 'claude-sonnet-4-5', inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 0, usd: 0.0081, attempts: 1, at: new Date().toISOString() }, spentToday: 1500, dailyBudget: 200000 }),
    saveSettings: (d) => {
      const parsed = Settings.safeParse(d.settings);
      if (!parsed.success) return { ok: false, error: { code: 'bad-request', message: 'saveSettings: hostedApi.baseUrl: Invalid URL' } };
      stored = parsed.data;
      rebind();
      return ok(stored);
    },
    saveSecrets: (d) => {
      for (const [k, v] of Object.entries(d.secrets)) {
        const origin = (d.origins as Record<string, string> | undefined)?.[k] ?? null;
        secretsSet = { ...secretsSet, [k]: v ? { set: true, origin, usable: true } : unset };
      }
      return ok(secretsSet);
    },
    testConnection: (d) => ok(d.target === 'hosted' ? { ok: true, message: 'Hosted API answered: 15 beats.' } : { ok: false, message: 'Bluesky: invalid handle or app password.' }),
    clearCache: () => ok({ cleared: true as const }),
  });
  const download = vi.fn<(name: string, text: string) => void>();
  const view = render(<OptionsPage send={send} download={download} />);
  return { send, download, ...view, stored: () => stored };
}

describe('OptionsPage', () => {
  it('shows whether each secret is set, never a value', async () => {
    const { container } = setup();
    await screen.findByRole('heading', { name: 'Options' });
    expect(screen.getByTestId('hostedApiKey-state').textContent).toBe('set');
    expect(screen.getByTestId('blueskyAppPassword-state').textContent).toBe('not set');
    const key = screen.getByLabelText('API key', { selector: '#hosted-key' }) as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    expect(screen.getByTestId('narrative-cost').textContent).toContain('$0.0081');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('saves settings and only the secrets typed in, then clears the typed values', async () => {
    const { send, stored } = setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.input(screen.getByLabelText('Base URL'), { target: { value: 'http://127.0.0.1:8787' } });
    fireEvent.input(screen.getByLabelText('Handle'), { target: { value: 'me.bsky.social' } });
    fireEvent.input(screen.getByLabelText('App password'), { target: { value: 'abcd-efgh-ijkl-mnop' } });
    fireEvent.click(screen.getByLabelText('Mastodon'));
    fireEvent.click(screen.getByLabelText(/Underline model and company names/));
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Saved.'));
    expect(stored().hostedApi.baseUrl).toBe('http://127.0.0.1:8787');
    expect(stored().bluesky.handle).toBe('me.bsky.social');
    expect(stored().sources.mastodon).toBe(false);
    expect(stored().ui.highlights).toBe(false);
    // Bound to the origin the page showed beside the field.
    expect(send.calls.find((c) => c.name === 'saveSecrets')!.data).toEqual({ secrets: { blueskyAppPassword: 'abcd-efgh-ijkl-mnop' }, origins: { blueskyAppPassword: 'https://bsky.social' } });
    expect((screen.getByLabelText('App password') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('blueskyAppPassword-state').textContent).toBe('set');
  });

  it('feed mode is on for the five sites by default; a site and the chips can be turned off', async () => {
    const { stored } = setup();
    await screen.findByRole('heading', { name: 'Options' });
    for (const id of ['x', 'bluesky', 'reddit', 'mastodon', 'hackernews']) expect((screen.getByTestId(`feed-${id}`) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('feed-chips') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Feed mode on Reddit'));
    fireEvent.click(screen.getByLabelText(/Show a chip after posts about AI/));
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Saved.'));
    expect(stored().ui.feeds).toEqual({ x: true, bluesky: true, reddit: false, mastodon: true, hackernews: true });
    expect(stored().ui.feedChips).toBe(false);
  });

  it('reports a settings error from the background', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.input(screen.getByLabelText('Base URL'), { target: { value: 'ftp://example.com' } });
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Not saved: saveSettings: hostedApi.baseUrl: Invalid URL'));
  });

  it('tests connections and shows the answer', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.click(screen.getByTestId('test-hosted'));
    await waitFor(() => expect(screen.getByTestId('test-hosted-result').textContent).toBe('Hosted API answered: 15 beats.'));
    fireEvent.click(screen.getByTestId('test-bluesky'));
    await waitFor(() => expect(screen.getByTestId('test-bluesky-result').textContent).toBe('Bluesky: invalid handle or app password.'));
    expect(screen.getByTestId('test-bluesky-result').className).toContain('uc-bad');
  });

  it('removes a secret', async () => {
    const { send } = setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove API key' }));
    await waitFor(() => expect(screen.getByTestId('hostedApiKey-state').textContent).toBe('not set'));
    expect(send.calls.at(-1)).toEqual({ name: 'saveSecrets', data: { secrets: { hostedApiKey: '' } } });
  });

  it('adds, switches and forgets sites', async () => {
    const { stored } = setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.input(screen.getByLabelText('Site host name'), { target: { value: 'https://News.Example.com/a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    fireEvent.change(screen.getByLabelText('Undercurrent on spam.example'), { target: { value: 'allow' } });
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(stored().ui.sites).toEqual({ 'spam.example': 'allow', 'news.example.com': 'deny' }));
    fireEvent.click(screen.getByRole('button', { name: 'Forget spam.example' }));
    fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(stored().ui.sites).toEqual({ 'news.example.com': 'deny' }));
  });

  it('exports settings without secrets and imports a file, dropping secret fields', async () => {
    const { download, send, stored } = setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    const [name, text] = download.mock.calls[0]!;
    expect(name).toBe('undercurrent-settings.json');
    expect(Settings.parse(JSON.parse(text))).toEqual(stored());
    expect(text).not.toMatch(/apiKey|appPassword|secret/i);

    const file = new File([JSON.stringify({ ...JSON.parse(text), cacheTtlMinutes: 90, hostedApiKey: 'sk-leak' })], 'in.json', { type: 'application/json' });
    fireEvent.change(screen.getByTestId('import'), { target: { files: [file] } });
    // Nothing is saved before the user confirms the diff.
    await screen.findByTestId('import-review');
    expect(screen.getByTestId('import-diff').textContent).toContain('cacheTtlMinutes3090');
    expect(stored().cacheTtlMinutes).toBe(30);
    fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Settings imported: 1 change.'));
    expect(stored().cacheTtlMinutes).toBe(90);
    expect(JSON.stringify(send.calls.filter((c) => c.name === 'saveSettings'))).not.toContain('sk-leak');
  });

  it('rejects an import that is not JSON', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.change(screen.getByTestId('import'), { target: { files: [new File(['{nope'], 'x.json')] } });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Not imported: the file is not JSON. Nothing was changed.'));
  });

  it('imports endpoints only when ticked, and says which keys stay bound to their old origin', async () => {
    const presence: SecretsPresence = { ...HOSTED_SET, anthropicApiKey: { set: true, origin: 'https://api.anthropic.com', usable: true } };
    const { send, stored, container } = setup(presence);
    await screen.findByRole('heading', { name: 'Options' });
    const hostile = JSON.stringify({ endpoints: { anthropic: 'http://127.0.0.1:6666', blueskyService: 'http://127.0.0.1:6666' }, languages: ['en', 'fr'] });
    const choose = () => fireEvent.change(screen.getByTestId('import'), { target: { files: [new File([hostile], 'evil.json')] } });

    choose();
    await screen.findByTestId('import-review');
    expect(screen.getByTestId('import-endpoints').textContent).toMatch(/endpoints\.anthropic.*http:\/\/127\.0\.0\.1:6666/);
    expect((screen.getByTestId('import-endpoints-opt-in') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByTestId('import-confirm').textContent).toBe('Import 1 change');
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Settings imported: 1 change.'));
    expect(stored().languages).toEqual(['en', 'fr']);
    expect(stored().endpoints.anthropic).toBe('https://api.anthropic.com');

    choose();
    await screen.findByTestId('import-review');
    fireEvent.click(screen.getByTestId('import-endpoints-opt-in'));
    expect(screen.getByTestId('import-stranded').textContent).toContain('Anthropic API key (saved for https://api.anthropic.com)');
    fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Settings imported: 2 changes.'));
    expect(stored().endpoints.anthropic).toBe('http://127.0.0.1:6666');
    // The key is shown as saved for its origin and not sent to the new one; the endpoint is flagged as local development.
    await waitFor(() => expect(screen.getByTestId('anthropicApiKey-state').textContent).toBe('saved for https://api.anthropic.com — not sent to http://127.0.0.1:6666; enter it again to use it there'));
    expect(screen.getByTestId('anthropic-url-local').textContent).toBe('Local development: plain http to this computer');
    expect(send.calls.some((c) => c.name === 'saveSecrets')).toBe(false);
  });

  it('cancels an import without saving anything', async () => {
    const { send } = setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.change(screen.getByTestId('import'), { target: { files: [new File([JSON.stringify({ cacheTtlMinutes: 5 })], 'a.json')] } });
    await screen.findByTestId('import-review');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Import cancelled. Nothing was changed.'));
    expect(send.calls.some((c) => c.name === 'saveSettings')).toBe(false);
  });

  it('shows every endpoint, flags loopback http and explains a refused one', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Options' });
    for (const id of ['hosted-url', 'bsky-service', 'anthropic-url', 'endpoint-hackernews', 'endpoint-gdelt', 'endpoint-mastodon', 'endpoint-huggingface']) {
      expect(container().querySelector(`#${id}`), id).not.toBeNull();
    }
    expect((screen.getByLabelText('API endpoint') as HTMLInputElement).value).toBe('https://api.anthropic.com');
    fireEvent.input(screen.getByLabelText('Hacker News search'), { target: { value: 'http://localhost:8080' } });
    expect(screen.getByTestId('endpoint-hackernews-local').textContent).toBe('Local development: plain http to this computer');
    fireEvent.input(screen.getByLabelText('Hacker News search'), { target: { value: 'http://hn.example.org' } });
    expect(screen.getByTestId('endpoint-hackernews-note').textContent).toMatch(/^Not allowed: plain http is allowed only to this computer/);
    // Editing a key's endpoint here says at once that the saved key will not follow.
    fireEvent.input(screen.getByLabelText('Base URL'), { target: { value: 'https://other.example.org' } });
    expect(screen.getByTestId('hostedApiKey-state').textContent).toBe('saved for https://api.example.org — not sent to https://other.example.org; enter it again to use it there');
  });

  it('clears the cache', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.click(screen.getByRole('button', { name: 'Clear cache' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Cache cleared. The sample pack was loaded again.'));
  });

  it.each([
    ['news.example.com', 'news.example.com'],
    ['https://News.Example.com/path?q=1', 'news.example.com'],
    ['localhost', null],
    ['', null],
    ['not a host!', null],
  ])('hostOf(%j) = %j', (input, expected) => {
    expect(hostOf(input)).toBe(expected);
  });
});
