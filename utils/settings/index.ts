// Settings in extension storage (@wxt-dev/storage), parsed on every read, and the
// secret vault: API keys, the Bluesky app password and session, each bound to the origin
// it was saved for and kept encrypted in the extension's own IndexedDB (secret-store.ts).
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';
import { SECRET_ENDPOINTS, Secrets, Settings, type SecretsPatch, type SecretState } from '../schema';
import { endpointOrigin } from '../schema/endpoint';
import type { SecretName, SecretStore } from './secret-store';

/** Non-secret settings (exportable). Content scripts can read and write storage.local, so nothing here is trusted for secrets. */
export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: {} });

/**
 * Parses stored settings, keeping every field that is valid: a field that no longer
 * parses (an old http endpoint, a hand-edited value) falls back to its default alone.
 */
export function parseSettings(raw: unknown): { settings: Settings; dropped: string[] } {
  const direct = Settings.safeParse(raw ?? {});
  if (direct.success) return { settings: direct.data, dropped: [] };
  const value: unknown = raw && typeof raw === 'object' ? structuredClone(raw) : {};
  const dropped: string[] = [];
  for (let round = 0; round < 20; round++) {
    const parsed = Settings.safeParse(value);
    if (parsed.success) return { settings: parsed.data, dropped };
    for (const issue of parsed.error.issues) {
      if (!issue.path.length) return { settings: Settings.parse({}), dropped: ['(root)'] };
      dropped.push(issue.path.join('.'));
      removePath(value, issue.path);
    }
  }
  return { settings: Settings.parse({}), dropped: ['(root)'] };
}

function removePath(root: unknown, path: readonly PropertyKey[]): void {
  let node = root as Record<PropertyKey, unknown> | undefined;
  for (const key of path.slice(0, -1)) {
    const next = node?.[key];
    if (!next || typeof next !== 'object') return;
    node = next as Record<PropertyKey, unknown>;
  }
  if (node && typeof node === 'object') delete node[path.at(-1)!];
}

/** Reads the settings; a stored field that no longer parses falls back to its default. */
export async function getSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue()).settings;
}

/** Merges a partial change into the settings and saves the parsed result (throws on invalid input). */
export async function updateSettings(patch: (current: Settings) => Settings): Promise<Settings> {
  const next = Settings.parse(patch(await getSettings()));
  await settingsItem.setValue(next);
  return next;
}

/** Where secrets were kept before the vault (readable by content scripts): migrated once, then deleted. */
const legacySecretsItem = storage.defineItem<unknown>('local:secrets', { fallback: null });
const legacySessionItem = storage.defineItem<unknown>('local:blueskySession', { fallback: null });

const USER_SECRETS = ['hostedApiKey', 'blueskyAppPassword', 'anthropicApiKey'] as const satisfies readonly (keyof Secrets & SecretName)[];
type UserSecret = (typeof USER_SECRETS)[number];

const SessionWithService = z.object({ service: z.string() }).passthrough();

/** An error the vault throws for a request it refuses; the message is for the options page. */
export class SecretBindingError extends Error {
  readonly code = 'bad-request' as const;
}

/**
 * The background's only way to secrets. The design a password manager uses for saved
 * logins: a secret is bound to the origin it was saved for, and is handed out only for
 * that origin — like a saved password that is never autofilled on another site.
 *
 * - Changing an endpoint (on the options page, by an import, or by anything that can
 *   write storage.local) does not move its secret: it stays bound to the old origin, is
 *   not sent to the new one, and the options page says so and asks for it to be entered
 *   again. It is not deleted, so switching back (say from a local test server) needs no
 *   re-entry, and a hostile settings file cannot destroy the user's keys either.
 * - Entering a secret binds it to the origin the options page showed next to it; if the
 *   stored endpoint has changed meanwhile, the save is refused rather than bound to an
 *   origin the user never saw.
 * - The check is made where the secret is handed out (`forUse`), against the same
 *   settings the request is built from, so no stale check can let it through.
 */
export class SecretVault {
  private ready?: Promise<void>;

  constructor(
    private readonly deps: {
      store: SecretStore;
      getSettings: () => Promise<Settings>;
      /** Told once per migration of secrets out of storage.local. */
      onMigrated?: (names: string[]) => void;
    },
  ) {}

  /** Moves secrets that older versions kept in storage.local into the vault, once, and deletes them there. */
  migrate(): Promise<void> {
    this.ready ??= this.doMigrate().catch((err) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  private async doMigrate(): Promise<void> {
    const [legacy, legacySession] = await Promise.all([legacySecretsItem.getValue(), legacySessionItem.getValue()]);
    if (legacy === null && legacySession === null) return;
    const moved: string[] = [];
    // Only the first migration imports: a value written into storage.local later (by a
    // content script, say) is deleted, never taken in as a key or a session.
    if (!(await this.deps.store.isMigrated())) {
      const settings = await this.deps.getSettings();
      const parsed = Secrets.safeParse(legacy ?? {});
      if (parsed.success) {
        for (const name of USER_SECRETS) {
          // Bound to where it was being sent: the endpoint configured now, if it is allowed.
          const origin = endpointOrigin(SECRET_ENDPOINTS[name](settings));
          if (parsed.data[name] && origin) {
            await this.deps.store.put(name, parsed.data[name], origin);
            moved.push(name);
          }
        }
      }
      const session = SessionWithService.safeParse(legacySession);
      const sessionOrigin = session.success ? endpointOrigin(session.data.service) : null;
      if (session.success && sessionOrigin) {
        await this.deps.store.put('blueskySession', session.data, sessionOrigin);
        moved.push('blueskySession');
      }
      await this.deps.store.markMigrated();
    }
    await Promise.all([legacySecretsItem.removeValue(), legacySessionItem.removeValue()]);
    if (moved.length) this.deps.onMigrated?.(moved);
  }

  /**
   * The secrets to use with `settings` (read them together): each secret whose bound
   * origin is not its endpoint's origin now is left out ('').
   */
  async forUse(settings: Settings): Promise<Secrets> {
    await this.migrate();
    const out = Secrets.parse({});
    for (const name of USER_SECRETS) {
      const stored = await this.deps.store.get<string>(name);
      const origin = endpointOrigin(SECRET_ENDPOINTS[name](settings));
      if (stored && typeof stored.value === 'string' && origin !== null && stored.origin === origin) out[name] = stored.value;
    }
    return out;
  }

  /** Reads the settings and the secrets usable with them, as one consistent pair. */
  async withSettings(): Promise<{ settings: Settings; secrets: Secrets }> {
    const settings = await this.deps.getSettings();
    return { settings, secrets: await this.forUse(settings) };
  }

  /** What the options page may know: set or not, bound to which origin, in use or not. */
  async state(): Promise<Record<UserSecret, SecretState>> {
    await this.migrate();
    const settings = await this.deps.getSettings();
    const entries = await Promise.all(
      USER_SECRETS.map(async (name) => {
        const stored = await this.deps.store.get(name);
        const origin = endpointOrigin(SECRET_ENDPOINTS[name](settings));
        return [name, { set: !!stored, origin: stored?.origin ?? null, usable: !!stored && stored.origin === origin }] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<UserSecret, SecretState>;
  }

  /**
   * Writes the secrets present in `patch` ('' removes one), each bound to its endpoint's
   * origin now. `expected` is the origin the user saw beside each field: a save for any
   * other origin is refused, nothing written.
   */
  async save(patch: SecretsPatch, expected: Partial<Record<UserSecret, string>> = {}): Promise<void> {
    await this.migrate();
    const settings = await this.deps.getSettings();
    const writes: [UserSecret, string, string | null][] = [];
    for (const name of USER_SECRETS) {
      const value = patch[name];
      if (value === undefined) continue;
      if (value === '') {
        writes.push([name, '', null]);
        continue;
      }
      const endpoint = SECRET_ENDPOINTS[name](settings);
      const origin = endpointOrigin(endpoint);
      if (!origin) throw new SecretBindingError(`${LABELS[name]}: set an https endpoint first (now "${endpoint || 'none'}").`);
      if (expected[name] !== undefined && expected[name] !== origin) {
        throw new SecretBindingError(`${LABELS[name]} not saved: it was typed for ${expected[name]}, but the endpoint is now ${origin}. Check the endpoint and enter it again.`);
      }
      writes.push([name, value, origin]);
    }
    for (const [name, value, origin] of writes) {
      if (origin === null) await this.deps.store.delete(name);
      else await this.deps.store.put(name, value, origin);
    }
  }

  /** The Bluesky session port: tokens kept in the vault, handed out only for the service they came from. */
  readonly session = {
    get: async (): Promise<unknown> => {
      await this.migrate();
      const stored = await this.deps.store.get('blueskySession');
      if (!stored) return null;
      const origin = endpointOrigin((await this.deps.getSettings()).endpoints.blueskyService);
      return origin !== null && stored.origin === origin ? stored.value : null;
    },
    set: async (value: unknown): Promise<void> => {
      await this.migrate();
      const parsed = SessionWithService.safeParse(value);
      const origin = parsed.success ? endpointOrigin(parsed.data.service) : null;
      if (!origin) return this.deps.store.delete('blueskySession');
      await this.deps.store.put('blueskySession', value, origin);
    },
  };
}

const LABELS: Record<UserSecret, string> = {
  hostedApiKey: 'Hosted API key',
  blueskyAppPassword: 'Bluesky app password',
  anthropicApiKey: 'Anthropic API key',
};
