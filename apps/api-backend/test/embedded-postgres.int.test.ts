/**
 * Embedded PostgreSQL where CI might put it: running as root, under a folder the `postgres` user
 * cannot enter. The server must still start (data and binaries staged under the temp folder), never
 * crash the process with an unhandled 'error' event.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/data/db';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../src/data/embedded-postgres';
import { freePort } from './harness';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const embeddedMode = (process.env.LUMIRA_TEST_DB ?? 'embedded') === 'embedded';

describe.skipIf(!isRoot || !embeddedMode)('embedded PostgreSQL under an untraversable folder (root)', () => {
  const locked = mkdtempSync(path.join(os.tmpdir(), 'lumira-locked-'));
  chmodSync(locked, 0o700);
  let handle: EmbeddedPostgresHandle | null = null;

  afterAll(async () => {
    await handle?.stop();
    rmSync(locked, { recursive: true, force: true });
  });

  it('stages the data folder and the binaries under the temp folder and starts', async () => {
    handle = await startEmbeddedPostgres({
      dataDir: path.join(locked, 'postgres'),
      port: await freePort(),
      ephemeral: true,
      stageBinaries: 'always',
    });
    expect(handle.dataDir.startsWith(locked)).toBe(false);
    const db = createDb(handle.url);
    try {
      const result = await sql<{ answer: number }>`select 41 + 1 as answer`.execute(db);
      expect(result.rows[0]?.answer).toBe(42);
    } finally {
      await db.destroy();
    }
  });
});
