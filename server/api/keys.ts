// Optional API keys: shown once when created, stored only as SHA-256 hashes.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key named `name` and returns it (the only time it is ever shown). */
export async function addKey(db: Queryable, name: string): Promise<string> {
  if (!/^[\w.-]{1,64}$/.test(name)) throw new Error('a key name is 1–64 letters, digits, dots, dashes or underscores');
  const key = `uc_${randomBytes(24).toString('base64url')}`;
  const rows = await db.query('INSERT INTO api_keys (name, hash) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name', [name, hashKey(key)]);
  if (!rows.length) throw new Error(`a key named "${name}" exists already (remove it first)`);
  return key;
}

export async function removeKey(db: Queryable, name: string): Promise<boolean> {
  return (await db.query('DELETE FROM api_keys WHERE name = $1 RETURNING name', [name])).length > 0;
}

export async function listKeys(db: Queryable): Promise<{ name: string; created_at: Date }[]> {
  return db.query('SELECT name, created_at FROM api_keys ORDER BY name');
}
