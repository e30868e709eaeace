// What each built script weighs, gzipped: the detector runs on every web page, the UI
// only on pages about AI, the background once per browser session.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './types';

const OUT = resolve(import.meta.dirname, '../.output/chrome-mv3');

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

export default async function bench(): Promise<BenchRow[]> {
  if (!existsSync(join(OUT, 'manifest.json'))) execSync('npx wxt build', { cwd: resolve(OUT, '../..'), stdio: 'inherit' });
  const chunks = readdirSync(join(OUT, 'chunks')).map((f) => join(OUT, 'chunks', f));
  const popup = chunks.filter((f) => /\/(popup|styles)-/.test(f)).reduce((a, f) => a + gz(f), 0);
  return [
    { name: 'detector script (every web page, after load), gzipped', value: gz(join(OUT, 'content-scripts/content.js')), unit: 'KB', budget: '≤ 15 KB (issue), ≤ 35 KB (project budget)' },
    { name: 'page UI script (AI pages only), gzipped', value: gz(join(OUT, 'content-scripts/ui.js')) + gz(join(OUT, 'content-scripts/ui.css')), unit: 'KB', note: 'JS + CSS' },
    { name: 'popup JS (own chunk + shared chunk), gzipped', value: popup, unit: 'KB' },
    { name: 'background service worker, gzipped', value: gz(join(OUT, 'background.js')), unit: 'KB', note: '@atproto/api, @anthropic-ai/sdk, zod, idb' },
  ];
}
