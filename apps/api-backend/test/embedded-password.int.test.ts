/**
 * The development database (embedded PostgreSQL) has a generated superuser password, kept beside its
 * data folder with mode 0600 and reused across restarts; the old fixed password opens nothing.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type EmbeddedPostgresHandle,
  embeddedPasswordFile,
  startEmbeddedPostgres,
} from '../src/data/embedded-postgres';
import { freePort } from './harness';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lumira-pgpass-'));
chmodSync(dir, 0o755); // as root, PostgreSQL runs as 'postgres' and must traverse it
let handle: EmbeddedPostgresHandle | null = null;

afterAll(async () => {
  await handle?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function canConnect(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('embedded PostgreSQL password', () => {
  it('is generated for a new data folder, kept 0600 beside it, reused after a restart', {
    timeout: 120_000,
  }, async () => {
    const dataDir = path.join(dir, 'postgres');
    const port = await freePort();
    handle = await startEmbeddedPostgres({ dataDir, port, ephemeral: false });
    const file = embeddedPasswordFile(dataDir);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(handle.url).toContain(password);
    expect(await canConnect(port, password)).toBe(true);
    expect(await canConnect(port, 'lumira-embedded')).toBe(false);

    await handle.stop();
    handle = await startEmbeddedPostgres({ dataDir, port, ephemeral: false });
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
    expect(await canConnect(port, password)).toBe(true);
  });
});
