// Settings and secrets in extension storage (@wxt-dev/storage), parsed on every read.
// Secrets are a separate item so export/import can leave them out and only the
// background reads them.
import { storage } from '@wxt-dev/storage';
import { Secrets, Settings } from '../schema';

/** Non-secret settings (exportable). */
export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: {} });
/** API keys and passwords: read by the background only, never exported, logged or sent to a page. */
export const secretsItem = storage.defineItem<unknown>('local:secrets', { fallback: {} });

/** Reads the settings; a stored value that no longer parses falls back to the defaults field by field. */
export async function getSettings(): Promise<Settings> {
  const raw = await settingsItem.getValue();
  const parsed = Settings.safeParse(raw);
  return parsed.success ? parsed.data : Settings.parse({});
}

/** Merges a partial change into the settings and saves the parsed result (throws on invalid input). */
export async function updateSettings(patch: (current: Settings) => Settings): Promise<Settings> {
  const next = Settings.parse(patch(await getSettings()));
  await settingsItem.setValue(next);
  return next;
}

export async function getSecrets(): Promise<Secrets> {
  const parsed = Secrets.safeParse(await secretsItem.getValue());
  return parsed.success ? parsed.data : Secrets.parse({});
}

/** Writes the secrets present in `patch` ('' removes one) and keeps every other. */
export async function updateSecrets(patch: Partial<Secrets>): Promise<void> {
  const present = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  await secretsItem.setValue(Secrets.parse({ ...(await getSecrets()), ...present }));
}

/** Which secrets are set, without their values: what the options page may know. */
export async function secretsPresence(): Promise<Record<keyof Secrets, boolean>> {
  const s = await getSecrets();
  return { hostedApiKey: !!s.hostedApiKey, blueskyAppPassword: !!s.blueskyAppPassword, anthropicApiKey: !!s.anthropicApiKey };
}
