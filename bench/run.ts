// `npm run bench`: runs every bench/*.bench.ts in one process (side-by-side ratios in
// one run; these machines are noisy), prints a table and writes bench/results.json.
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './types';

const dir = resolve(import.meta.dirname);
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();

const all: (BenchRow & { suite: string })[] = [];
for (const file of files) {
  const suite = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`\n== ${suite}\n`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: () => Promise<BenchRow[]> };
    const rows = await mod.default();
    for (const r of rows) {
      all.push({ suite, ...r });
      const v = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(r.value < 10 ? 3 : 1);
      console.log(`${r.name.padEnd(62)} ${v.padStart(10)} ${r.unit.padEnd(6)} ${r.budget ? `budget ${r.budget}` : ''}${r.note ? `  (${r.note})` : ''}`);
    }
  } catch (err) {
    console.log(`  failed to run: ${(err as Error).stack ?? err}`);
  }
}
writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ at: new Date().toISOString(), rows: all }, null, 2)}\n`);
console.log(`\nwrote bench/results.json (${all.length} rows)`);
