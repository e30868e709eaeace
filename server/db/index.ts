// One small database interface over the two engines the server runs on: PGlite (real
// Postgres in WASM, data in a folder — the embedded default) and a Postgres server via
// `DATABASE_URL` (porsager's `postgres` client). Same SQL, same migrations on both.
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { MIGRATIONS } from './migrations';

/** Something SQL can be sent to: the database, or one transaction of it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A session that holds one connection for as long as it lives (advisory locks are per session). */
export interface Session extends Queryable {
  release(): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction (rolled back when it throws). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** A dedicated connection (PGlite has only one: it is shared). */
  session(): Promise<Session>;
  close(): Promise<void>;
}

/** PGlite in `dataDir` (a folder; `memory://` for tests and benchmarks). */
export async function openPglite(dataDir: string): Promise<Db> {
  const pg = await PGlite.create(dataDir);
  const db: Db = {
    engine: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pg.query<T>(sql, params)).rows;
    },
    transaction: (fn) => pg.transaction((tx) => fn({ query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows })),
    async session() {
      return { query: db.query, release: async () => {} };
    },
    close: () => pg.close(),
  };
  return db;
}

/** A Postgres server at `url` (postgres://user:pass@host:port/db). */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Db> {
  const client = (max: number) =>
    postgres(url, {
      max,
      onnotice: () => {},
      // Counts come back as numbers, as PGlite gives them.
      types: { bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) } },
    });
  const sql = client(opts.max ?? 10);
  const q =
    (s: postgres.Sql | postgres.TransactionSql) =>
    async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
      [...(await s.unsafe(text, params as postgres.ParameterOrJSON<never>[]))] as T[];
  return {
    engine: 'postgres',
    query: q(sql),
    transaction: async (fn) => (await sql.begin((tx) => fn({ query: q(tx) }))) as Awaited<ReturnType<typeof fn>>,
    async session() {
      // A client of its own with one connection: the session (and its advisory locks) is
      // that connection, and a dead one is simply ended.
      const own = client(1);
      return { query: q(own), release: () => own.end({ timeout: 1 }) };
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Opens the database the environment names (DATABASE_URL, else PGlite in `dataDir`) and migrates it. */
export async function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl) : await openPglite(opts.dataDir);
  await migrate(db);
  return db;
}

/** Applies the migrations not applied yet, each in its own transaction, under an advisory lock so two processes starting at once do not race. */
export async function migrate(db: Db): Promise<number> {
  const s = await db.session();
  try {
    await s.query('SELECT pg_advisory_lock(8787001)');
    await s.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await s.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    let applied = 0;
    for (const [i, m] of MIGRATIONS.entries()) {
      const version = i + 1;
      if (done.has(version)) continue;
      await db.transaction(async (tx) => {
        for (const statement of m.split(/;\s*\n/).map((x) => x.trim()).filter(Boolean)) await tx.query(statement);
        await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      });
      applied++;
    }
    return applied;
  } finally {
    await s.query('SELECT pg_advisory_unlock(8787001)').catch(() => {});
    await s.release();
  }
}
