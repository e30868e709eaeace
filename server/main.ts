// `npm run server`: the Undercurrent server on 127.0.0.1:8787 (PGlite in
// .undercurrent-data, or DATABASE_URL). Also `npm run server -- --replay FILE` and
// `npm run server -- keys add|list|remove NAME`.
import { parseArgs } from 'node:util';
import { configFromEnv, startServer } from './server';
import { openDb } from './db';
import { addKey, listKeys, removeKey } from './api/keys';

const USAGE = `usage:
  npm run server [-- --port N] [--host H] [--data DIR] [--no-ingest]
  npm run server -- --replay FILE [--keep-times]
  npm run server -- keys add NAME | keys list | keys remove NAME`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      replay: { type: 'string' },
      'keep-times': { type: 'boolean' },
      'no-ingest': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const cfg = configFromEnv();
  if (values.port) cfg.port = Number(values.port);
  if (values.host) cfg.host = values.host;
  if (values.data) cfg.dataDir = values.data;
  if (!Number.isInteger(cfg.port) || cfg.port < 0 || cfg.port > 65535) throw new Error(`--port: not a port number (${values.port})`);

  if (positionals[0] === 'keys') {
    const db = await openDb({ ...(cfg.databaseUrl ? { databaseUrl: cfg.databaseUrl } : {}), dataDir: cfg.dataDir });
    try {
      const [, cmd, name] = positionals;
      if (cmd === 'add' && name) {
        const key = await addKey(db, name);
        console.log(`Key "${name}" (shown once, stored only as a hash):\n${key}`);
      } else if (cmd === 'remove' && name) {
        if (!(await removeKey(db, name))) throw new Error(`no key named "${name}"`);
        console.log(`removed key "${name}"`);
      } else if (cmd === 'list') {
        for (const k of await listKeys(db)) console.log(`${k.name}\t${new Date(k.created_at).toISOString()}`);
      } else {
        console.error(USAGE);
        return 2;
      }
      return 0;
    } finally {
      await db.close();
    }
  }
  if (positionals.length) {
    console.error(`unknown command "${positionals.join(' ')}"\n${USAGE}`);
    return 2;
  }
  if (values.replay) {
    cfg.ingest = 'replay';
    cfg.replayFile = values.replay;
    cfg.replayKeepTimes = !!values['keep-times'];
  }
  if (values['no-ingest']) cfg.ingest = 'off';
  const server = await startServer(cfg);
  console.log(`[server] listening on ${server.url} — ${server.db.engine === 'pglite' ? `PGlite in ${cfg.dataDir}` : 'Postgres (DATABASE_URL)'}, ingest: ${cfg.ingest}`);
  const shutdown = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(`[server] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
