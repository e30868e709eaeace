// The options page: secrets shown only as set / not set, saving settings and typed
// secrets, testing connections, sites, cache, export without secrets, import — with axe.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { OptionsPage, hostOf } from '../../../components/OptionsPage';
import { Settings } from '../../../utils/schema';
import type { SecretsPresence } from '../../../utils/messaging/protocol';
import { axeViolations, fakeSend, ok } from './helpers';

afterEach(cleanup);

function setup(presence: SecretsPresence = { hostedApiKey: true, blueskyAppPassword: false, anthropicApiKey: false }) {
  let stored = Settings.parse({ ui: { sites: { 'spam.example': 'deny' } } });
  let secretsSet = { ...presence };
  const send = fakeSend({
    getOptions: () => ok({ settings: stored, secrets: secretsSet }),
    getNarrativeCost: () => ok({ last: { model: 'claude-sonnet-4-5', inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 0, usd: 0.0081, attempts: 1, at: new Date().toISOString() }, spentToday: 1500, dailyBudget: 200000 }),
    saveSettings: (d) => {
      const parsed = Settings.safeParse(d.settings);
      if (!parsed.success) return { ok: false, error: { code: 'bad-request', message: 'saveSettings: hostedApi.baseUrl: Invalid URL' } };
      stored = parsed.data;
      return ok(stored);
    },
    saveSecrets: (d) => {
      for (const [k, v] of Object.entries(d.secrets)) secretsSet = { ...secretsSet, [k]: !!v };
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
    expect(send.calls.find((c) => c.name === 'saveSecrets')!.data).toEqual({ secrets: { blueskyAppPassword: 'abcd-efgh-ijkl-mnop' } });
    expect((screen.getByLabelText('App password') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('blueskyAppPassword-state').textContent).toBe('set');
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
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Settings imported.'));
    expect(stored().cacheTtlMinutes).toBe(90);
    expect(JSON.stringify(send.calls.at(-1)!.data)).not.toContain('sk-leak');
  });

  it('rejects an import that is not JSON', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Options' });
    fireEvent.change(screen.getByTestId('import'), { target: { files: [new File(['{nope'], 'x.json')] } });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Not imported: the file is not JSON.'));
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
