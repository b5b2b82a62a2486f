#!/usr/bin/env node
/**
 * Builds the web UI (web/ → web/dist) when the build is missing or older than its sources; otherwise
 * does nothing. Runs before `npm start` and before the browser tests, so a fresh clone shows the UI
 * after `npm ci && npm start` with no network at run time.
 *
 * The build goes to a folder of its own and replaces web/dist only when complete, so an interrupted
 * build never leaves half a UI behind, and two runs at once each leave a whole one.
 *
 *   node scripts/ensure-web-build.mjs           build if stale
 *   node scripts/ensure-web-build.mjs --force   build anyway
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'web');
const dist = join(web, 'dist');
/** The file written last by a build: its time is the build's time. */
const builtMarker = join(dist, 'portal', 'index.html');

/** What the build reads: the UI's sources and config, and the installed versions of its packages. */
const SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/portal/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function webBuildIsStale() {
  if (!existsSync(join(dist, 'index.html')) || !existsSync(builtMarker)) return true;
  const built = statSync(builtMarker).mtimeMs;
  return SOURCES.some((p) => newestMtime(join(root, p)) > built);
}

export async function buildWeb() {
  const started = performance.now();
  const out = join(web, `.dist-${process.pid}`);
  const { build } = await import('vite');
  try {
    await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
    rmSync(dist, { recursive: true, force: true });
    try {
      renameSync(out, dist);
    } catch (err) {
      // Another run put its build in place between our rm and rename: it is built from the same sources.
      if (!existsSync(join(dist, 'index.html'))) throw err;
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return (performance.now() - started) / 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const force = process.argv.includes('--force');
  if (force || webBuildIsStale()) {
    process.stdout.write('Building the web UI (web/ → web/dist)…\n');
    try {
      const seconds = await buildWeb();
      process.stdout.write(`Web UI built in ${seconds.toFixed(1)} s\n`);
    } catch (err) {
      process.stderr.write(`The web UI did not build: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
}
