// The options page: hosted API, Bluesky, Anthropic, sources, per-site switches, page UI,
// cache, and export/import of the settings. Secret values never come back from the
// background: the page only knows whether each is set.
import { useEffect, useState } from 'preact/hooks';
import type { NarrativeCost, SecretsPresence } from '../utils/messaging/protocol';
import type { Secrets, Settings } from '../utils/schema';
import type { Send } from './client';
import { relativeTime } from './format';

export interface OptionsPageProps {
  send: Send;
  /** Saves a text file for the user (the export); injectable for tests. */
  download?: (filename: string, text: string) => void;
}

type Status = { text: string; ok: boolean } | null;
type SecretKey = keyof Secrets;
type SourceKey = keyof Settings['sources'];

const SOURCES: { key: SourceKey; label: string }[] = [
  { key: 'bluesky', label: 'Bluesky' },
  { key: 'hackernews', label: 'Hacker News' },
  { key: 'news', label: 'News (GDELT)' },
  { key: 'mastodon', label: 'Mastodon' },
  { key: 'huggingface', label: 'Hugging Face Hub figures' },
];

function defaultDownload(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Where `npm run server` listens by default. */
const LOCAL_SERVER = 'http://127.0.0.1:8787';

export function OptionsPage({ send, download = defaultDownload }: OptionsPageProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [presence, setPresence] = useState<SecretsPresence | null>(null);
  const [secrets, setSecrets] = useState<Record<SecretKey, string>>({ hostedApiKey: '', blueskyAppPassword: '', anthropicApiKey: '' });
  const [cost, setCost] = useState<{ last: NarrativeCost | null; spentToday: number; dailyBudget: number } | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [tests, setTests] = useState<Partial<Record<'hosted' | 'bluesky' | 'anthropic', Status>>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [newSite, setNewSite] = useState('');
  const [newSiteMode, setNewSiteMode] = useState<'allow' | 'deny'>('deny');

  useEffect(() => {
    void send('getOptions', {}).then((r) => {
      if (!r.ok) return setLoadError(r.error.message);
      setSettings(r.value.settings);
      setPresence(r.value.secrets);
    });
    void send('getNarrativeCost', {}).then((r) => r.ok && setCost(r.value));
  }, [send]);

  if (loadError) {
    return (
      <main class="uc-root uc-options">
        <h1>Undercurrent options</h1>
        <p class="uc-notice uc-error" role="alert">
          The settings could not be loaded: {loadError}. Reload this page; if it persists, reinstall the extension.
        </p>
      </main>
    );
  }
  if (!settings || !presence) {
    return (
      <main class="uc-root uc-options" aria-busy="true">
        <h1>Undercurrent options</h1>
        <p role="status">Loading settings…</p>
      </main>
    );
  }

  const set = (patch: (s: Settings) => Settings) => setSettings(patch(settings));

  /** Saves the settings and any secrets typed in; returns whether both went through. */
  async function save(): Promise<boolean> {
    const r = await send('saveSettings', { settings: settings! });
    if (!r.ok) {
      setStatus({ text: `Not saved: ${r.error.message}`, ok: false });
      return false;
    }
    setSettings(r.value);
    const typed = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== '')) as Partial<Secrets>;
    if (Object.keys(typed).length) {
      const s = await send('saveSecrets', { secrets: typed });
      if (!s.ok) {
        setStatus({ text: `Settings saved, but the keys were not: ${s.error.message}`, ok: false });
        return false;
      }
      setPresence(s.value);
      setSecrets({ hostedApiKey: '', blueskyAppPassword: '', anthropicApiKey: '' });
    }
    setStatus({ text: 'Saved.', ok: true });
    return true;
  }

  async function removeSecret(key: SecretKey) {
    const r = await send('saveSecrets', { secrets: { [key]: '' } });
    if (r.ok) setPresence(r.value);
    setStatus(r.ok ? { text: 'Removed.', ok: true } : { text: `Not removed: ${r.error.message}`, ok: false });
  }

  async function test(target: 'hosted' | 'bluesky' | 'anthropic') {
    setTests({ ...tests, [target]: { text: 'Testing…', ok: true } });
    if (!(await save())) return setTests((t) => ({ ...t, [target]: { text: 'Save failed; not tested.', ok: false } }));
    const r = await send('testConnection', { target });
    setTests((t) => ({ ...t, [target]: r.ok ? { text: r.value.message, ok: r.value.ok } : { text: r.error.message, ok: false } }));
  }

  async function clearCache() {
    const r = await send('clearCache', {});
    setStatus(r.ok ? { text: 'Cache cleared. The sample pack was loaded again.', ok: true } : { text: `Cache not cleared: ${r.error.message}`, ok: false });
  }

  function exportSettings() {
    download('undercurrent-settings.json', `${JSON.stringify(settings, null, 2)}\n`);
    setStatus({ text: 'Settings exported (keys and passwords are never exported).', ok: true });
  }

  async function importSettings(file: File | undefined) {
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setStatus({ text: 'Not imported: the file is not JSON.', ok: false });
    }
    // Secrets are never imported, even if a hand-edited file carries them.
    if (parsed && typeof parsed === 'object') for (const k of ['hostedApiKey', 'blueskyAppPassword', 'anthropicApiKey', 'secrets']) delete (parsed as Record<string, unknown>)[k];
    const r = await send('saveSettings', { settings: parsed as Settings });
    if (!r.ok) return setStatus({ text: `Not imported: ${r.error.message}`, ok: false });
    setSettings(r.value);
    setStatus({ text: 'Settings imported.', ok: true });
  }

  const secretField = (key: SecretKey, label: string, id: string) => (
    <div class="uc-field">
      <label for={id}>{label}</label>
      <div class="uc-actions">
        <input
          id={id}
          type="password"
          class="uc-input"
          style={{ flex: '1 1 200px', width: 'auto' }}
          autoComplete="off"
          value={secrets[key]}
          placeholder={presence[key] ? 'set — type to replace' : 'not set'}
          aria-describedby={`${id}-state`}
          onInput={(e) => setSecrets({ ...secrets, [key]: (e.currentTarget as HTMLInputElement).value })}
        />
        <span id={`${id}-state`} class={presence[key] ? 'uc-ok' : 'uc-muted'} data-testid={`${key}-state`}>
          {presence[key] ? 'set' : 'not set'}
        </span>
        {presence[key] ? (
          <button type="button" class="uc-btn" onClick={() => void removeSecret(key)}>
            Remove<span class="uc-sr"> {label}</span>
          </button>
        ) : null}
      </div>
    </div>
  );

  const testRow = (target: 'hosted' | 'bluesky' | 'anthropic', label: string) => (
    <div class="uc-actions">
      <button type="button" class="uc-btn" onClick={() => void test(target)} data-testid={`test-${target}`}>
        {label}
      </button>
      <span role="status" class={`uc-status ${tests[target] ? (tests[target]!.ok ? 'uc-ok' : 'uc-bad') : ''}`} data-testid={`test-${target}-result`}>
        {tests[target]?.text ?? ''}
      </span>
    </div>
  );

  const sites = Object.entries(settings.ui.sites);

  return (
    <main class="uc-root uc-options">
      <header>
        <p class="uc-brand">Undercurrent</p>
        <h1>Options</h1>
        <p class="uc-muted">Settings stay in this browser. Keys and passwords are stored in extension storage, read only by the background, and never exported.</p>
      </header>
      <form
        class="uc-context"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset class="uc-fieldset">
          <legend>Hosted API</legend>
          <div class="uc-field">
            <label for="hosted-url">Base URL</label>
            <input
              id="hosted-url"
              type="url"
              placeholder="https://api.example.org (empty: use local sources)"
              value={settings.hostedApi.baseUrl}
              onInput={(e) => set((s) => ({ ...s, hostedApi: { baseUrl: (e.currentTarget as HTMLInputElement).value.trim() } }))}
            />
          </div>
          <p>
            <button type="button" class="uc-btn" data-testid="use-local-server" onClick={() => set((s) => ({ ...s, hostedApi: { baseUrl: LOCAL_SERVER } }))}>
              Use the Undercurrent server on this machine (127.0.0.1:8787)
            </button>{' '}
            <span class="uc-muted">started with <code>npm run server</code></span>
          </p>
          {secretField('hostedApiKey', 'API key', 'hosted-key')}
          {testRow('hosted', 'Test connection')}
        </fieldset>

        <fieldset class="uc-fieldset">
          <legend>Bluesky</legend>
          <div class="uc-field">
            <label for="bsky-handle">Handle</label>
            <input
              id="bsky-handle"
              type="text"
              placeholder="you.bsky.social"
              autoComplete="username"
              value={settings.bluesky.handle}
              onInput={(e) => set((s) => ({ ...s, bluesky: { handle: (e.currentTarget as HTMLInputElement).value.trim() } }))}
            />
          </div>
          {secretField('blueskyAppPassword', 'App password', 'bsky-password')}
          <p class="uc-muted">Bluesky search needs a login. Create an app password under Settings → Privacy and security → App passwords.</p>
          {testRow('bluesky', 'Test login')}
        </fieldset>

        <fieldset class="uc-fieldset">
          <legend>Narratives (Anthropic)</legend>
          {secretField('anthropicApiKey', 'API key', 'anthropic-key')}
          <div class="uc-field">
            <label for="anthropic-model">Model</label>
            <input
              id="anthropic-model"
              type="text"
              value={settings.anthropic.model}
              onInput={(e) => set((s) => ({ ...s, anthropic: { ...s.anthropic, model: (e.currentTarget as HTMLInputElement).value.trim() } }))}
            />
          </div>
          <div class="uc-field">
            <label for="anthropic-budget">Daily token budget</label>
            <input
              id="anthropic-budget"
              type="number"
              min={0}
              step={1000}
              value={settings.anthropic.dailyTokenBudget}
              onInput={(e) => set((s) => ({ ...s, anthropic: { ...s.anthropic, dailyTokenBudget: Math.max(0, Math.floor(Number((e.currentTarget as HTMLInputElement).value) || 0)) } }))}
            />
          </div>
          <p class="uc-muted" data-testid="narrative-cost">
            {cost?.last
              ? `Last narrative: ${cost.last.model}, ${cost.last.inputTokens + cost.last.outputTokens} tokens, ${cost.last.usd === null ? 'price unknown' : `$${cost.last.usd.toFixed(4)}`}, ${relativeTime(cost.last.at)}. Used today: ${cost.spentToday} of ${cost.dailyBudget} tokens.`
              : 'No narrative generated yet. Without a key, narratives quote posts and add no generated text.'}
          </p>
          {testRow('anthropic', 'Test key')}
        </fieldset>

        <fieldset class="uc-fieldset">
          <legend>Sources</legend>
          {SOURCES.map(({ key, label }) => (
            <label class="uc-check" key={key}>
              <input type="checkbox" checked={settings.sources[key]} onChange={(e) => set((s) => ({ ...s, sources: { ...s.sources, [key]: (e.currentTarget as HTMLInputElement).checked } }))} />
              {label}
            </label>
          ))}
        </fieldset>

        <fieldset class="uc-fieldset">
          <legend>On pages</legend>
          <label class="uc-check">
            <input type="checkbox" checked={settings.ui.highlights} onChange={(e) => set((s) => ({ ...s, ui: { ...s.ui, highlights: (e.currentTarget as HTMLInputElement).checked } }))} />
            Underline model and company names; show a card on hover or focus
          </label>
          <label class="uc-field">
            <span>Which mentions to underline</span>
            <select
              class="uc-input"
              data-testid="underline-policy"
              value={settings.ui.underline}
              onChange={(e) => set((s) => ({ ...s, ui: { ...s.ui, underline: (e.currentTarget as HTMLSelectElement).value as Settings['ui']['underline'] } }))}
            >
              <option value="first">The first mention of each name in each section</option>
              <option value="all">Every mention</option>
              <option value="none">None</option>
            </select>
          </label>
          <label class="uc-check">
            <input type="checkbox" checked={settings.ui.sidebar} onChange={(e) => set((s) => ({ ...s, ui: { ...s.ui, sidebar: (e.currentTarget as HTMLInputElement).checked } }))} />
            Show the sidebar tab on AI news articles
          </label>
          <h2 class="uc-h2">Sites</h2>
          {sites.length ? (
            <ul class="uc-sites" aria-label="Per-site settings">
              {sites.map(([host, mode]) => (
                <li key={host}>
                  <span>{host}</span>
                  <select
                    class="uc-input"
                    style={{ width: 'auto' }}
                    aria-label={`Undercurrent on ${host}`}
                    value={mode}
                    onChange={(e) => set((s) => ({ ...s, ui: { ...s.ui, sites: { ...s.ui.sites, [host]: (e.currentTarget as HTMLSelectElement).value as 'allow' | 'deny' } } }))}
                  >
                    <option value="allow">on</option>
                    <option value="deny">off</option>
                  </select>
                  <button
                    type="button"
                    class="uc-btn"
                    onClick={() =>
                      set((s) => {
                        const next = { ...s.ui.sites };
                        delete next[host];
                        return { ...s, ui: { ...s.ui, sites: next } };
                      })
                    }
                  >
                    Forget<span class="uc-sr"> {host}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="uc-muted">Undercurrent runs on every site. Turn it off for one here or from its sidebar.</p>
          )}
          <div class="uc-actions">
            <input class="uc-input" style={{ width: '220px' }} type="text" aria-label="Site host name" placeholder="news.example.com" value={newSite} onInput={(e) => setNewSite((e.currentTarget as HTMLInputElement).value)} />
            <select class="uc-input" style={{ width: 'auto' }} aria-label="On or off for that site" value={newSiteMode} onChange={(e) => setNewSiteMode((e.currentTarget as HTMLSelectElement).value as 'allow' | 'deny')}>
              <option value="deny">off</option>
              <option value="allow">on</option>
            </select>
            <button
              type="button"
              class="uc-btn"
              onClick={() => {
                const host = hostOf(newSite);
                if (!host) return setStatus({ text: 'Type a host name such as news.example.com.', ok: false });
                set((s) => ({ ...s, ui: { ...s.ui, sites: { ...s.ui.sites, [host]: newSiteMode } } }));
                setNewSite('');
              }}
            >
              Add site
            </button>
          </div>
        </fieldset>

        <div class="uc-actions">
          <button type="submit" class="uc-btn uc-btn-primary" data-testid="save">
            Save
          </button>
          <span role="status" class={`uc-status ${status ? (status.ok ? 'uc-ok' : 'uc-bad') : ''}`} data-testid="status">
            {status?.text ?? ''}
          </span>
        </div>
      </form>

      <fieldset class="uc-fieldset">
        <legend>Data</legend>
        <div class="uc-actions">
          <button type="button" class="uc-btn" onClick={() => void clearCache()}>
            Clear cache
          </button>
          <button type="button" class="uc-btn" onClick={exportSettings}>
            Export settings
          </button>
          <label class="uc-btn">
            Import settings…
            <input type="file" accept="application/json,.json" class="uc-sr" data-testid="import" onChange={(e) => void importSettings((e.currentTarget as HTMLInputElement).files?.[0])} />
          </label>
        </div>
        <p class="uc-muted">Exports leave out every key and password.</p>
      </fieldset>
    </main>
  );
}

/** "https://News.Example.com/path" → "news.example.com"; null when it is not a host name. */
export function hostOf(input: string): string | null {
  const raw = input.trim();
  if (!raw) return null;
  try {
    const host = new URL(raw.includes('://') ? raw : `https://${raw}`).hostname.toLowerCase();
    return /^[a-z0-9.-]+$/.test(host) && host.includes('.') ? host : null;
  } catch {
    return null;
  }
}
