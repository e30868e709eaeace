// The server configuration the tests start: port 0, PGlite in memory unless told
// otherwise, replaying the committed capture at a fixed clock, quiet; the story writer
// off unless a test turns it on (tests/server/stories.test.ts drives it itself).
import { configFromEnv, type ServerConfig } from '../../server/server';
import { CAPTURE_END, CAPTURE_FILE } from '../../scripts/capture';

/** Half an hour after the capture ends: the tests' fixed "now". */
export const NOW = CAPTURE_END + 30 * 60_000;

export function testConfig(over: Partial<ServerConfig> = {}): ServerConfig {
  const env = configFromEnv({});
  return { ...env, stories: { ...env.stories, enabled: false }, port: 0, dataDir: 'memory://', ingest: 'replay', replayFile: CAPTURE_FILE, replayKeepTimes: true, clock: () => NOW, log: process.env.SERVER_LOG ? (l) => console.log(l) : () => {}, ...over };
}

