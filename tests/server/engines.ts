// The two engines every server test runs on: PGlite (in memory) and a real Postgres
// (one server per test file, a fresh database per `fresh()` call).
import postgres from 'postgres';
import { openDb, type Db } from '../../server/db';
import { startPostgres, type PostgresServer } from './postgres';

export interface Engine {
  name: 'pglite' | 'postgres';
  /** A new, migrated, empty database, and its URL (Postgres only). */
  fresh(): Promise<{ db: Db; databaseUrl?: string }>;
  stop(): Promise<void>;
}

export function pgliteEngine(): Engine {
  return { name: 'pglite', fresh: async () => ({ db: await openDb({ dataDir: 'memory://' }) }), stop: async () => {} };
}

export function postgresEngine(): Engine {
  let server: PostgresServer | undefined;
  let n = 0;
  return {
    name: 'postgres',
    async fresh() {
      server ??= await startPostgres();
      const name = `uc_test_${process.pid}_${++n}`;
      const admin = postgres(server.url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name}`);
      await admin.end();
      const databaseUrl = server.url.replace(/\/postgres$/, `/${name}`);
      return { db: await openDb({ databaseUrl, dataDir: '' }), databaseUrl };
    },
    async stop() {
      await server?.stop();
      server = undefined;
    },
  };
}

/** Both engines, for describe.each. */
export const ENGINES: (() => Engine)[] = [pgliteEngine, postgresEngine];

/** Waits until `check` returns true (polling a condition, never a fixed sleep). */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
