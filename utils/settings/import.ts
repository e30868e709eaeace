// Importing a settings file: treated as hostile input. It is parsed whole (a bad file
// changes nothing), compared with the current settings so the user sees every change
// before confirming, and its endpoints — where searches and keys are sent — are applied
// only when the user ticks them in.
import { Settings, describeZodError } from '../schema';

/** Larger than any real settings file by far; a bigger one is refused unread. */
export const MAX_IMPORT_BYTES = 256 * 1024;
/** The error for a file over that size. */
export const TOO_LARGE = `the file is larger than ${MAX_IMPORT_BYTES / 1024} KB; a settings file is a few KB`;

/** Fields that decide where requests go: changed by an import only when the user opts in. */
export function isEndpointPath(path: string): boolean {
  return path === 'hostedApi.baseUrl' || path.startsWith('endpoints.');
}

/** Keys a settings file must never carry (secrets are not imported; prototype keys are not merged). */
const SECRET_KEYS = new Set(['secrets', 'hostedApiKey', 'blueskyAppPassword', 'anthropicApiKey', 'blueskySession', 'password', 'apiKey']);
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Merged as one value: the file's list replaces the current one. */
const WHOLE_VALUES = new Set(['ui.sites', 'languages']);

export interface SettingChange {
  path: string;
  from: string;
  to: string;
  /** An endpoint (hosted API base URL or `endpoints.*`). */
  endpoint: boolean;
}

export type ImportPlan =
  | {
      ok: true;
      /** The current settings with everything the file sets, endpoints included. */
      next: Settings;
      changes: SettingChange[];
      /** Fields of the file that were left out (secrets), by path. */
      ignored: string[];
    }
  | { ok: false; error: string };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lays the file's values over `base`, skipping secrets and prototype keys; records what was skipped. */
function merge(base: unknown, incoming: unknown, path: string, ignored: string[]): unknown {
  if (!isPlainObject(incoming) || !isPlainObject(base) || WHOLE_VALUES.has(path)) return incoming;
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(incoming)) {
    const at = path ? `${path}.${key}` : key;
    if (UNSAFE_KEYS.has(key) || SECRET_KEYS.has(key)) {
      ignored.push(at);
      continue;
    }
    out[key] = merge(base[key], incoming[key], at, ignored);
  }
  return out;
}

/** Flattens settings to `path → JSON` leaves (lists and per-site records are one leaf each). */
function leaves(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (isPlainObject(value) && !WHOLE_VALUES.has(path)) {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, JSON.stringify(value));
  }
  return out;
}

/** Every leaf that differs between two settings, endpoints marked. */
export function diffSettings(from: Settings, to: Settings): SettingChange[] {
  const a = leaves(from);
  const b = leaves(to);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((p) => ({ path: p, from: a.get(p) ?? '(none)', to: b.get(p) ?? '(none)', endpoint: isEndpointPath(p) }));
}

/** Reads a settings file against the current settings: what it would change, or why it cannot be imported. */
export function planImport(current: Settings, text: string): ImportPlan {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, error: TOO_LARGE };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the file is not JSON' };
  }
  if (!isPlainObject(raw)) return { ok: false, error: 'the file is not a settings object' };
  const ignored: string[] = [];
  const merged = merge(current, raw, '', ignored);
  const parsed = Settings.safeParse(merged);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  return { ok: true, next: parsed.data, changes: diffSettings(current, parsed.data), ignored };
}

/** The settings to save: the plan's, with the current endpoints kept unless `includeEndpoints`. */
export function applyImport(current: Settings, next: Settings, includeEndpoints: boolean): Settings {
  if (includeEndpoints) return next;
  return Settings.parse({ ...next, hostedApi: current.hostedApi, endpoints: current.endpoints });
}
