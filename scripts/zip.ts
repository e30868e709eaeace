// `npm run zip`: the store packages. Builds both targets, then writes to .output/
//   undercurrent-<version>-chrome.zip    the Chrome Web Store upload (.output/chrome-mv3)
//   undercurrent-<version>-firefox.zip   the AMO upload (.output/firefox-mv3)
//   undercurrent-<version>-sources.zip   the sources AMO asks for: what `npm install &&
//                                        npm run build:firefox` needs to rebuild it, nothing else
// Reproducible: entries sorted by path, one fixed timestamp and mode, no extra fields, so
// the same tree gives the same bytes (tests/e2e/store-packages.spec.ts checks). No source
// maps, tests, fixtures, benchmarks or dev files go in. `--no-build` packages what is built.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import yazl from 'yazl';

export const ROOT = resolve(import.meta.dirname, '..');

/**
 * What the sources zip holds, from the repository root: the build's inputs and the
 * instructions (README's "Build from source"). tests/, bench/, docs/, server/ and the CI
 * files are not part of the add-on and stay out.
 */
export const SOURCE_ENTRIES = [
  'README.md',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'wxt.config.ts',
  'scripts/vite-preact-no-inner-html.ts',
  'entrypoints',
  'components',
  'utils',
  'public',
] as const;

/** Never packaged: source maps, OS and editor litter, tests inside source folders. */
const EXCLUDED = [/\.map$/, /(^|\/)\.[^/]+$/, /(^|\/)(node_modules|\.output|\.wxt)(\/|$)/, /\.(test|spec)\.[cm]?[jt]sx?$/];

// A local-time constructor and DOS timestamps only: the DOS fields are local time, so this
// gives the same bytes in every time zone (yazl's extra UTC field would not).
const MTIME = new Date(2000, 0, 1, 0, 0, 0);
const MODE = 0o100644;

export interface Package {
  path: string;
  entries: string[];
}

/** Every file under `dir` (or `dir` itself), as paths relative to `base` with forward slashes, sorted. */
function filesUnder(base: string, dir: string): string[] {
  const abs = join(base, dir);
  if (!existsSync(abs)) throw new Error(`Missing ${abs}: nothing to package`);
  if (statSync(abs).isFile()) return [dir.split(sep).join('/')];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(base, join(d.parentPath, d.name)).split(sep).join('/'));
}

/** Writes `entries` (relative to `base`) into a zip at `out`, sorted, with fixed metadata. */
export async function writeZip(base: string, entries: string[], out: string): Promise<Package> {
  const sorted = [...new Set(entries)].filter((e) => !EXCLUDED.some((re) => re.test(e))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const zip = new yazl.ZipFile();
  for (const entry of sorted) {
    zip.addBuffer(readFileSync(join(base, entry)), entry, { mtime: MTIME, mode: MODE, compress: true, forceDosTimestamp: true });
  }
  zip.end();
  await new Promise<void>((res, rej) => {
    const stream = createWriteStream(out);
    zip.outputStream.pipe(stream).on('close', () => res()).on('error', rej);
    zip.outputStream.on('error', rej);
  });
  return { path: out, entries: sorted };
}

/** The three store packages from the builds in `root`/.output, written to `outDir`. */
export async function packageAll(opts: { root?: string; outDir?: string } = {}): Promise<{ chrome: Package; firefox: Package; sources: Package }> {
  const root = opts.root ?? ROOT;
  const outDir = opts.outDir ?? join(root, '.output');
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const built = (target: string) => {
    const dir = join(root, '.output', target);
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No build in ${dir}: run \`npm run build:all\` (or \`npm run zip\` without --no-build)`);
    return dir;
  };
  const chromeDir = built('chrome-mv3');
  const firefoxDir = built('firefox-mv3');
  return {
    chrome: await writeZip(chromeDir, filesUnder(chromeDir, '.'), join(outDir, `${name}-${version}-chrome.zip`)),
    firefox: await writeZip(firefoxDir, filesUnder(firefoxDir, '.'), join(outDir, `${name}-${version}-firefox.zip`)),
    sources: await writeZip(root, SOURCE_ENTRIES.flatMap((e) => filesUnder(root, e)), join(outDir, `${name}-${version}-sources.zip`)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.argv.includes('--no-build')) {
    const wxt = join(ROOT, 'node_modules/.bin/wxt');
    execFileSync(wxt, ['build'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(wxt, ['build', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: 'inherit' });
  }
  const out = await packageAll();
  for (const p of Object.values(out)) console.log(`${relative(ROOT, p.path)}  ${p.entries.length} files, ${statSync(p.path).size} bytes`);
}
