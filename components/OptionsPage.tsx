// The options page: hosted API, Bluesky, Anthropic, every endpoint, sources, per-site
// switches, page UI, cache, and export/import of the settings. Secret values never come
// back from the background: the page only knows whether each is set and for which origin.
import { FEED_SITES } from '../utils/feeds';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { NarrativeCost, SecretsPresence } from '../utils/messaging/protocol';
import { SECRET_ENDPOINTS, type Secrets, type Settings } from '../utils/schema';
import { checkEndpoint, endpointOrigin, isLocalDevEndpoint } from '../utils/schema/endpoint';
import { MAX_IMPORT_BYTES, TOO_LARGE, applyImport, planImport, type SettingChange } from '../utils/settings/import';
import type { Send } from './client';
import { relativeTime } from './format';
import { LimitsFieldset } from './LimitsFieldset';

export interface OptionsPageProps {
  send: Send;
  /** Saves a text file for the user (the export); injectable for tests. */
  download?: (filename: string, text: string) => void;
}

type Status = { text: string; ok: boolean } | null;
type SecretKey = keyof Secrets;
type SourceKey = keyof Settings['sources'];
type EndpointKey = keyof Settings['endpoints'];

/** Sources and the endpoint each one searches (Bluesky's service is with its login). */
const SOURCES: { key: SourceKey; label: string; endpoint?: { key: EndpointKey; label: string } }[] = [
  { key: 'bluesky', label: 'Bluesky' },
  { key: 'hackernews', label: 'Hacker News', endpoint: { key: 'hackernews', label: 'Hacker News search' } },
  { key: 'news', label: 'News (GDELT)', endpoint: { key: 'gdelt', label: 'GDELT API' } },
  { key: 'mastodon', label: 'Mastodon', endpoint: { key: 'mastodon', label: 'Mastodon server' } },
  { key: 'huggingface', label: 'Hugging Face Hub figures', endpoint: { key: 'huggingface', label: 'Hugging Face Hub' } },
];

/** A settings file read and compared, waiting for the user's confirmation. */
interface PendingImport {
  name: string;
  next: Settings;
  changes: SettingChange[];
  ignored: string[];
}

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
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [importEndpoints, setImportEndpoints] = useState(false);
  const reviewTitle = useRef<HTMLHeadingElement>(null);
  // A review the user has not seen is no confirmation: bring it into view and focus.
  useEffect(() => {
    if (!pending) return;
    reviewTitle.current?.scrollIntoView?.({ block: 'start' });
    reviewTitle.current?.focus();
  }, [pending]);

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
      // Each key is bound to the origin shown beside it; the background refuses it if the
      // stored endpoint has moved meanwhile.
      const origins: Partial<Record<SecretKey, string>> = {};
      for (const key of Object.keys(typed) as SecretKey[]) {
        const origin = endpointOrigin(SECRET_ENDPOINTS[key](r.value));
        if (origin) origins[key] = origin;
      }
      const s = await send('saveSecrets', { secrets: typed, origins });
      if (!s.ok) {
        setStatus({ text: `Settings saved, but the keys were not: ${s.error.message}`, ok: false });
        return false;
      }
      setPresence(s.value);
      setSecrets({ hostedApiKey: '', blueskyAppPassword: '', anthropicApiKey: '' });
    } else {
      await refreshPresence();
    }
    setStatus({ text: 'Saved.', ok: true });
    return true;
  }

  /** Asks which secrets are set and usable again (after an endpoint changed). */
  async function refreshPresence() {
    const o = await send('getOptions', {});
    if (o.ok) setPresence(o.value.secrets);
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

  /** Reads a settings file and shows what it would change; nothing is saved before the user confirms. */
  async function importSettings(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again
    if (!file) return;
    setPending(null);
    setImportEndpoints(false);
    // Too big to be a settings file: refused unread.
    if (file.size > MAX_IMPORT_BYTES) return setStatus({ text: `Not imported: ${TOO_LARGE}. Nothing was changed.`, ok: false });
    const plan = planImport(settings!, await file.text());
    if (!plan.ok) return setStatus({ text: `Not imported: ${plan.error}. Nothing was changed.`, ok: false });
    if (!plan.changes.length) return setStatus({ text: 'Nothing to import: the file matches the current settings.', ok: true });
    setStatus(null);
    setPending({ name: file.name, next: plan.next, changes: plan.changes, ignored: plan.ignored });
  }

  async function confirmImport() {
    if (!pending) return;
    const next = applyImport(settings!, pending.next, importEndpoints);
    const r = await send('saveSettings', { settings: next });
    if (!r.ok) return setStatus({ text: `Not imported: ${r.error.message}. Nothing was changed.`, ok: false });
    const applied = pending.changes.filter((c) => importEndpoints || !c.endpoint).length;
    setSettings(r.value);
    setPending(null);
    await refreshPresence();
    setStatus({ text: `Settings imported: ${applied} change${applied === 1 ? '' : 's'}.`, ok: true });
  }

  /** An endpoint input: invalid ones say why; plain-http loopback ones are flagged as local development. */
  const endpointField = (id: string, label: string, value: string, onValue: (v: string) => void, placeholder?: string) => {
    const verdict = value ? checkEndpoint(value) : null;
    return (
      <div class="uc-field" key={id}>
        <label for={id}>{label}</label>
        <div class="uc-endpoint">
          <input
            id={id}
            type="url"
            placeholder={placeholder}
            value={value}
            aria-invalid={verdict && !verdict.ok ? 'true' : undefined}
            aria-describedby={`${id}-note`}
            onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value.trim())}
          />
          <span id={`${id}-note`} data-testid={`${id}-note`}>
            {verdict && !verdict.ok ? (
              <span class="uc-bad">Not allowed: {verdict.reason}.</span>
            ) : isLocalDevEndpoint(value) ? (
              <span class="uc-flag" data-testid={`${id}-local`}>
                Local development: plain http to this computer
              </span>
            ) : null}
          </span>
        </div>
      </div>
    );
  };

  const secretField = (key: SecretKey, label: string, id: string) => {
    const state = presence[key];
    // The origin this secret would be sent to with the endpoint as typed on this page.
    const target = endpointOrigin(SECRET_ENDPOINTS[key](settings));
    const boundElsewhere = state.set && state.origin !== target;
    const stateText = !state.set ? 'not set' : boundElsewhere ? `saved for ${state.origin} — not sent to ${target ?? 'this endpoint'}; enter it again to use it there` : 'set';
    const stateSpan = (
      <span id={`${id}-state`} class={!state.set ? 'uc-muted' : boundElsewhere ? 'uc-notice uc-error' : 'uc-ok'} data-testid={`${key}-state`}>
        {stateText}
      </span>
    );
    return (
      <div class="uc-field">
        <label for={id}>{label}</label>
        <div class="uc-endpoint">
          <div class="uc-actions">
            <input
              id={id}
              type="password"
              class="uc-input"
              style={{ flex: '1 1 200px', width: 'auto' }}
              autoComplete="off"
              value={secrets[key]}
              placeholder={state.set && !boundElsewhere ? 'set — type to replace' : 'not set'}
              aria-describedby={`${id}-state`}
              onInput={(e) => setSecrets({ ...secrets, [key]: (e.currentTarget as HTMLInputElement).value })}
            />
            {boundElsewhere ? null : stateSpan}
            {state.set ? (
              <button type="button" class="uc-btn" onClick={() => void removeSecret(key)}>
                Remove<span class="uc-sr"> {label}</span>
              </button>
            ) : null}
          </div>
          {/* A key bound to another origin: said on a line of its own, where it cannot be missed. */}
          {boundElsewhere ? stateSpan : null}
        </div>
      </div>
    );
  };

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

  /** The diff of a pending import, the opt-in for endpoints, and the confirm / cancel buttons. */
  function importReview(p: PendingImport) {
    const plain = p.changes.filter((c) => !c.endpoint);
    const endpoints = p.changes.filter((c) => c.endpoint);
    const row = (c: SettingChange) => (
      <tr key={c.path} class={c.endpoint && !importEndpoints ? 'uc-skipped' : undefined}>
        <th scope="row">{c.path}</th>
        <td>{short(c.from)}</td>
        <td>{short(c.to)}</td>
      </tr>
    );
    // Keys bound to an endpoint the file moves: they would not be sent to the new one.
    const stranded = (Object.keys(SECRET_ENDPOINTS) as SecretKey[]).filter((k) => presence![k].set && presence![k].origin !== endpointOrigin(SECRET_ENDPOINTS[k](p.next)));
    return (
      <section class="uc-import" role="region" aria-labelledby="import-title" data-testid="import-review">
        <h2 class="uc-h2" id="import-title" tabIndex={-1} ref={reviewTitle}>
          Review the import: {p.name}
        </h2>
        {plain.length ? (
          <table class="uc-diff" data-testid="import-diff">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Now</th>
                <th scope="col">From the file</th>
              </tr>
            </thead>
            <tbody>{plain.map(row)}</tbody>
          </table>
        ) : (
          <p class="uc-muted">No change outside the endpoints.</p>
        )}
        {endpoints.length ? (
          <div class="uc-notice" data-testid="import-endpoints">
            <p>
              <strong>The file also changes {endpoints.length === 1 ? 'an endpoint' : `${endpoints.length} endpoints`}</strong> — where searches and keys would be sent. They are left
              as they are unless you tick the box.
            </p>
            <table class="uc-diff">
              <tbody>{endpoints.map(row)}</tbody>
            </table>
            <label class="uc-check">
              <input type="checkbox" checked={importEndpoints} data-testid="import-endpoints-opt-in" onChange={(e) => setImportEndpoints((e.currentTarget as HTMLInputElement).checked)} />
              Also change the endpoints
            </label>
            {importEndpoints && stranded.length ? (
              <p data-testid="import-stranded">
                Your keys stay bound to where they were saved and will not be sent to the new endpoints:{' '}
                {stranded.map((k) => `${SECRET_LABELS[k]} (saved for ${presence![k].origin})`).join(', ')}. Enter them again if you trust the new ones.
              </p>
            ) : null}
          </div>
        ) : null}
        {p.ignored.length ? <p class="uc-muted">Ignored (keys and passwords are never imported): {p.ignored.join(', ')}.</p> : null}
        <div class="uc-actions">
          <button type="button" class="uc-btn uc-btn-primary" data-testid="import-confirm" onClick={() => void confirmImport()}>
            Import {plain.length + (importEndpoints ? endpoints.length : 0)} change{plain.length + (importEndpoints ? endpoints.length : 0) === 1 ? '' : 's'}
          </button>
          <button
            type="button"
            class="uc-btn"
            onClick={() => {
              setPending(null);
              setStatus({ text: 'Import cancelled. Nothing was changed.', ok: true });
            }}
          >
            Cancel
          </button>
        </div>
      </section>
    );
  }

  return (
    <main class="uc-root uc-options">
      <header>
        <p class="uc-brand">Undercurrent</p>
        <h1>Options</h1>
        <p class="uc-muted">
          Settings stay in this browser. Keys and passwords are kept encrypted where only the extension's background can read them, are sent only to the
          address they were saved for, and are never exported.
        </p>
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
          {endpointField('hosted-url', 'Base URL', settings.hostedApi.baseUrl, (v) => set((s) => ({ ...s, hostedApi: { baseUrl: v } })), 'https://api.example.org (empty: use local sources)')}
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
          {endpointField('bsky-service', 'Service (PDS)', settings.endpoints.blueskyService, (v) => set((s) => ({ ...s, endpoints: { ...s.endpoints, blueskyService: v } })))}
          {secretField('blueskyAppPassword', 'App password', 'bsky-password')}
          <p class="uc-muted">Bluesky search needs a login. Create an app password under Settings → Privacy and security → App passwords.</p>
          {testRow('bluesky', 'Test login')}
        </fieldset>

        <fieldset class="uc-fieldset">
          <legend>Narratives (Anthropic)</legend>
          {endpointField('anthropic-url', 'API endpoint', settings.endpoints.anthropic, (v) => set((s) => ({ ...s, endpoints: { ...s.endpoints, anthropic: v } })))}
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
              : 'No narrative generated yet. Without a key, the story is a briefing written by code from the posts: counts, mood and verbatim quotes, no AI.'}
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
          <h2 class="uc-h2">Endpoints</h2>
          <p class="uc-muted">Where each source is searched. https only; plain http only to this computer, for local development.</p>
          {SOURCES.map(({ endpoint: e }) =>
            e ? endpointField(`endpoint-${e.key}`, e.label, settings.endpoints[e.key], (v) => set((s) => ({ ...s, endpoints: { ...s.endpoints, [e.key]: v } }))) : null,
          )}
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
          <h2 class="uc-h2">Feeds</h2>
          <p class="uc-muted">On timelines and listings, each post about AI gets a quiet chip and its names are underlined; the popup shows the post in the middle of the screen. Post text and handles stay on this machine.</p>
          <div class="uc-feed-switches" role="group" aria-label="Feed mode per site">
            {FEED_SITES.map((site) => (
              <label class="uc-check" key={site.id}>
                <input
                  type="checkbox"
                  data-testid={`feed-${site.id}`}
                  checked={settings.ui.feeds[site.id]}
                  onChange={(e) => set((s) => ({ ...s, ui: { ...s.ui, feeds: { ...s.ui.feeds, [site.id]: (e.currentTarget as HTMLInputElement).checked } } }))}
                />
                Feed mode on {site.label}
              </label>
            ))}
          </div>
          <label class="uc-check">
            <input type="checkbox" data-testid="feed-chips" checked={settings.ui.feedChips} onChange={(e) => set((s) => ({ ...s, ui: { ...s.ui, feedChips: (e.currentTarget as HTMLInputElement).checked } }))} />
            Show a chip after posts about AI (beat · mood · posts today)
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

        <LimitsFieldset settings={settings} set={set} />

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
            <input type="file" accept="application/json,.json" class="uc-sr" data-testid="import" onChange={(e) => void importSettings(e.currentTarget as HTMLInputElement)} />
          </label>
        </div>
        <p class="uc-muted">Exports leave out every key and password. An import shows what it would change and asks first.</p>
        {pending ? importReview(pending) : null}
      </fieldset>
    </main>
  );
}

const SECRET_LABELS: Record<SecretKey, string> = {
  hostedApiKey: 'hosted API key',
  blueskyAppPassword: 'Bluesky app password',
  anthropicApiKey: 'Anthropic API key',
};

/** A setting's value for the diff table, cut short. */
function short(json: string): string {
  return json.length > 120 ? `${json.slice(0, 119)}…` : json;
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
