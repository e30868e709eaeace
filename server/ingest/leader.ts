// Exactly one ingester per database: the process holding a session-level Postgres
// advisory lock ingests; the others serve the API and try for the lock every few
// seconds, so one takes over soon after the leader dies (its session ends, the lock goes).
import type { Db, Session } from '../db';

export const INGEST_LOCK = 8787002;

export interface LeaderOptions {
  db: Db;
  /** Between two tries for the lock, and between two checks that the lock's session lives. */
  retryMs?: number;
  onElected: () => Promise<void>;
  onLost: () => Promise<void>;
  log?: (line: string) => void;
}

export class LeaderElection {
  private stopped = false;
  private session: Session | undefined;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  leader = false;

  constructor(private readonly o: LeaderOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => {
      const t = setTimeout(r, ms);
      this.wake = () => {
        clearTimeout(t);
        r();
      };
    });
  }

  private async run(): Promise<void> {
    const retry = this.o.retryMs ?? 3000;
    while (!this.stopped) {
      try {
        if (!this.leader) {
          this.session ??= await this.o.db.session();
          const [row] = await this.session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [INGEST_LOCK]);
          if (row?.locked && !this.stopped) {
            this.leader = true;
            this.o.log?.('ingest: this process holds the ingest lock');
            await this.o.onElected();
          }
        } else {
          // The lock lives as long as the session's connection: a client that quietly
          // reconnected has a new backend without the lock, so ask for the lock itself.
          const [row] = await this.session!.query<{ held: boolean }>(
            "SELECT count(*) > 0 AS held FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND pid = pg_backend_pid() AND granted",
            [INGEST_LOCK],
          );
          if (!row?.held) throw new Error('the ingest lock is no longer held by this session');
        }
      } catch (err) {
        this.o.log?.(`ingest: lock session failed (${(err as Error).message})`);
        await this.drop();
      }
      if (!this.stopped) await this.sleep(retry);
    }
  }

  private async drop(): Promise<void> {
    if (this.leader) {
      this.leader = false;
      await this.o.onLost().catch(() => {});
    }
    const s = this.session;
    this.session = undefined;
    await s?.release().catch(() => {});
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    if (this.leader) {
      await this.o.onLost().catch(() => {});
      await this.session?.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]).catch(() => {});
      this.leader = false;
    }
    await this.session?.release().catch(() => {});
    this.session = undefined;
  }
}
