// Production builds of the front ends for the local stack, cached by content: the build is redone only
// when the app's files, the shared package, the lockfile or the VITE_* values change.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startService } from './processes.mjs';

const SKIP = new Set(['node_modules', 'dist', 'e2e', 'test-results', 'coverage', 'logs', '.tsbuild']);

/** @param {string} dir @param {string[]} out */
function listFiles(dir, out) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, out);
    else if (entry.isFile() && !/\.(test|spec)\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * @param {{ root: string; appDir: string; env: Record<string, string> }} options
 * @returns {string} hex digest
 */
export function buildKey({ root, appDir, env }) {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(appDir, []),
    ...listFiles(join(root, 'packages', 'shared', 'src'), []),
    join(root, 'packages', 'shared', 'package.json'),
    join(root, 'package-lock.json'),
  ].sort();
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const key of Object.keys(env).sort()) hash.update(`${key}=${env[key]}\n`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds `apps/<app>` with Vite into a cache directory and returns it (or returns the cached build).
 * @param {{ root: string; app: string; env: Record<string, string>; childEnv: NodeJS.ProcessEnv; prefix: string;
 *   track: (service: import('./processes.mjs').Service) => void }} options
 * @returns {Promise<{ dir: string; cached: boolean }>}
 */
export async function buildWebApp({ root, app, env, childEnv, prefix, track }) {
  const appDir = join(root, 'apps', app);
  const cacheRoot = join(root, 'node_modules', '.cache', 'lumira-web');
  const key = buildKey({ root, appDir, env });
  const dir = join(cacheRoot, `${app}-${key}`);
  if (existsSync(join(dir, 'index.html'))) return { dir, cached: true };

  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const service = startService({
    name: `${app} build`,
    command: process.execPath,
    args: [vite, 'build', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'warn', '--sourcemap', 'false'],
    cwd: appDir,
    env: { ...childEnv, ...env, NODE_ENV: 'production' },
    prefix,
  });
  track(service);
  const { code, signal } = await service.exited;
  if (code !== 0 || !existsSync(join(tmp, 'index.html'))) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(
      signal
        ? `${app}: build stopped (${signal})`
        : `${app}: vite build failed (exit code ${code}), see above`,
    );
  }
  if (existsSync(dir)) rmSync(tmp, { recursive: true, force: true });
  else renameSync(tmp, dir);
  pruneOldBuilds(cacheRoot, app, dir);
  return { dir, cached: false };
}

/** Keeps the 4 most recent builds of an app. @param {string} cacheRoot @param {string} app @param {string} keep */
function pruneOldBuilds(cacheRoot, app, keep) {
  const builds = readdirSync(cacheRoot)
    .filter((name) => name.startsWith(`${app}-`) && !name.includes('.tmp-'))
    .map((name) => join(cacheRoot, name))
    .filter((path) => path !== keep)
    .map((path) => ({ path, mtime: statSync(path).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(3)) rmSync(old.path, { recursive: true, force: true });
}
