// The store packages as a reviewer receives them (npm test builds both targets first):
// AMO's linter passes the Firefox zip with nothing to report; the zips are reproducible,
// hold only the build, ask for exactly the permissions README documents, stay small; the
// sources zip rebuilds the Firefox zip's files byte for byte; README's "Load it by hand"
// names the commands and folders the browser tests load.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ROOT, EXTENSION_DIR } from './harness';
import { FIREFOX_EXTENSION_DIR } from './firefox-harness';
import { packageAll, SOURCE_ENTRIES, type Package } from '../../scripts/zip';

const run = promisify(execFile);

/** Every entry of a zip: name → bytes, in the zip's order. */
async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
      out.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return out;
}

function unzipTo(files: Map<string, Buffer>, dir: string): void {
  for (const [name, data] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
}

/** The backticked names in the first column of README's "Permissions" table. */
function documentedPermissions(readme: string): string[] {
  const section = readme.split(/^## Permissions$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .flatMap((l) => [...l.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!))
    .sort();
}

type Manifest = {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: unknown[];
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } } };
};

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
let tmp: string;
let first: { chrome: Package; firefox: Package; sources: Package };
const zips: Record<'chrome' | 'firefox' | 'sources', Map<string, Buffer>> = {} as never;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'undercurrent-zip-'));
  mkdirSync(join(tmp, 'a'));
  first = await packageAll({ outDir: join(tmp, 'a') });
  for (const k of ['chrome', 'firefox', 'sources'] as const) zips[k] = await readZip(first[k].path);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('store packages', () => {
  it('are byte-for-byte identical on a second run', async () => {
    mkdirSync(join(tmp, 'b'));
    const second = await packageAll({ outDir: join(tmp, 'b') });
    for (const k of ['chrome', 'firefox', 'sources'] as const) {
      expect(readFileSync(second[k].path).equals(readFileSync(first[k].path)), `${k} zip differs between runs`).toBe(true);
    }
    // Sorted entries, one timestamp.
    for (const k of ['chrome', 'firefox', 'sources'] as const) expect([...zips[k].keys()]).toEqual([...zips[k].keys()].sort());
  });

  it('hold the build and nothing else: no source maps, tests, fixtures or dev files', () => {
    for (const k of ['chrome', 'firefox'] as const) {
      const names = [...zips[k].keys()];
      expect(names).toContain('manifest.json');
      expect(names.filter((n) => /\.map$|^tests\/|fixtures|\.spec\.|\.test\.|^bench\/|^\.|\/\./.test(n))).toEqual([]);
      expect(names.every((n) => /^(manifest\.json|[a-z]+\.html|background\.js|chunks\/|content-scripts\/|assets\/|icon\/)/.test(n)), names.join(', ')).toBe(true);
    }
    const sources = [...zips.sources.keys()];
    for (const must of ['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md']) expect(sources).toContain(must);
    expect(sources.filter((n) => /^(tests|bench|docs|server|\.ci|\.output|\.wxt|node_modules|test-results)\/|\.map$|\.(test|spec)\.tsx?$|^vitest\.config/.test(n))).toEqual([]);
    expect(sources.every((n) => SOURCE_ENTRIES.some((e) => n === e || n.startsWith(`${e}/`)))).toBe(true);
  });

  it('ask for exactly the permissions README documents', () => {
    const documented = documentedPermissions(readme);
    expect(documented.length).toBeGreaterThan(0);
    for (const k of ['chrome', 'firefox'] as const) {
      const m = JSON.parse(zips[k].get('manifest.json')!.toString('utf8')) as Manifest;
      expect([...(m.permissions ?? []), ...(m.host_permissions ?? [])].sort(), k).toEqual(documented);
      expect(m.optional_permissions ?? [], k).toEqual([]);
      expect(m.optional_host_permissions ?? [], k).toEqual([]);
      // Nothing runs on every page by declaration: the background injects after load.
      expect(m.content_scripts ?? [], k).toEqual([]);
    }
    const chrome = JSON.parse(zips.chrome.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(chrome.background?.service_worker).toBe('background.js');
    expect(chrome.browser_specific_settings).toBeUndefined();
    const firefox = JSON.parse(zips.firefox.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(firefox.background?.scripts).toEqual(['background.js']);
    expect(firefox.browser_specific_settings?.gecko?.id).toBe('undercurrent@undercurrent.dev');
    expect(firefox.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual(['websiteContent']);
  });

  it('stay small', () => {
    for (const k of ['chrome', 'firefox', 'sources'] as const) {
      const size = readFileSync(first[k].path).length;
      // Today about 440 KB for each store zip and 300 KB of sources: twice that is a regression to look at.
      expect(size, `${k} zip is ${size} bytes`).toBeLessThan(1024 * 1024);
      // AMO's reviewers read every script; its linter refuses single files over 4 MB.
      for (const [name, data] of zips[k]) expect(data.length, `${k}: ${name}`).toBeLessThan(4 * 1024 * 1024);
    }
  });

  it('pass web-ext lint (AMO) with no errors, warnings or notices', async () => {
    const dir = join(tmp, 'amo');
    unzipTo(zips.firefox, dir);
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).catch(
      (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
    );
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { summary: unknown; errors: unknown[]; warnings: unknown[]; notices: unknown[] };
    expect({ errors: report.errors, warnings: report.warnings, notices: report.notices }).toEqual({ errors: [], warnings: [], notices: [] });
  }, 180_000);

  it('rebuild from the sources zip into the Firefox zip, file for file', async () => {
    const dir = join(tmp, 'src');
    unzipTo(zips.sources, dir);
    // The reviewer runs `npm install`; the same lockfile's packages are linked here.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // As from a reviewer's shell: without the variables vitest sets (NODE_ENV=test changes the build).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$|MODE$)/.test(k)));
    await run(join(ROOT, 'node_modules/.bin/wxt'), ['build', '-b', 'firefox', '--mv3'], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
    const rebuilt = new Map<string, Buffer>();
    const out = join(dir, '.output/firefox-mv3');
    for (const name of zips.firefox.keys()) rebuilt.set(name, readFileSync(join(out, name)));
    for (const [name, data] of zips.firefox) expect(rebuilt.get(name)!.equals(data), `${name} differs when rebuilt from sources`).toBe(true);
  }, 240_000);
});

describe('README, "Load it by hand"', () => {
  const section = readme.split(/^## Load it by hand$/m)[1]?.split(/^## /m)[0] ?? '';
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('names the build command and folder the Firefox tests load', () => {
    const line = section.split(/\n- /).find((l) => l.includes('**Firefox'))!;
    expect(line).toBeTruthy();
    const [, script] = /`npm run ([\w:]+)`/.exec(line)!;
    expect(scripts[script!]).toBe('wxt build -b firefox --mv3');
    const [, path] = /`(\.output\/[^`]+)`/.exec(line)!;
    expect(join(ROOT, path!)).toBe(join(FIREFOX_EXTENSION_DIR, 'manifest.json'));
    // The minimum version it states is the built manifest's.
    const [, min] = /Firefox \((\d+)\+\)/.exec(line)!;
    const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.browser_specific_settings?.gecko?.strict_min_version).toBe(`${min}.0`);
  });

  it('names the build command and folder the Chromium tests load', async () => {
    const line = section.split(/\n- /).find((l) => l.includes('**Chrome'))!;
    const [, script] = /`npm run ([\w:]+)`/.exec(line)!;
    expect(scripts[script!]).toBe('wxt build');
    const [, path] = /`(\.output\/[^`]+)`/.exec(line)!;
    expect(join(ROOT, path!)).toBe(EXTENSION_DIR);
    // The minimum it states is the manifest's, and the Chromium the tests run is at least that.
    const [, min] = /Edge \((\d+)\+\)/.exec(line)!;
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { minimum_chrome_version?: string };
    expect(manifest.minimum_chrome_version).toBe(min);
    const { stdout } = await run(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']);
    expect(Number(/(\d+)\./.exec(stdout)![1])).toBeGreaterThanOrEqual(Number(min));
  });
});
