/**
 * Where PostgreSQL's CPU goes in one checkout (`POST /api/payments/create-payment-intent`), measured
 * without the HTTP stack: `node --import tsx bench/pg-checkout-cost.ts [options]`.
 *
 * 1. Creates a throwaway database on the PostgreSQL server (LUMIRA_PG_ADMIN_URL, default
 *    postgres://postgres@127.0.0.1:5432/postgres), applies the API's migrations, seeds the catalog and the
 *    demo experts (as the bench's API does at start).
 * 2. Runs ONE real checkout through the use case itself (`createPaymentIntent` with the fake payment
 *    gateway) and records the statements it sends, parameters included: BEGIN, `openCheckout`,
 *    `placeCheckoutOrder`, COMMIT, then the UPDATE that stores the PaymentIntent id.
 * 3. Turns them into pgbench scripts (extended protocol, as node-postgres sends them) in which the values
 *    unique to one checkout (order id, e-mail, Idempotency-Key, access-token hash, PaymentIntent id) come
 *    from a random number per transaction; every other value is the one the use case sent.
 * 4. Runs each variant with pgbench (`nice -n 10`, N clients on one thread) and reports transactions per
 *    second and the CPU of the PostgreSQL backends connected to the database (from /proc, as
 *    bench/lib/cpu.ts reads them for `npm run bench`) per transaction, over a window after a warm-up.
 *    The tables written are emptied and vacuumed before each variant.
 * 5. Drops the database.
 *
 * Variants: the checkout as sent and its parts; experiments on this throwaway database only: without the
 * counter triggers of migration 0020, without the secondary indexes of `orders` the checkout does not
 * read, a final UPDATE that leaves payment_intent_id alone (HOT-able; stores nothing), the statements
 * prepared once per connection instead of parsed and planned each time, `synchronous_commit=off` (never
 * for payments); the floor of five trivial round trips, the orders INSERT alone, and the durable
 * sample's transaction (bench/durable-sample-server.mjs). Then PostgreSQL's own planning and execution
 * time of the checkout's two statements (`EXPLAIN ANALYZE`, smallest of 20).
 * Backend CPU only: the WAL writer, checkpointer and autovacuum are not counted (as in `npm run bench`),
 * so the cleanup of dead row versions left by the UPDATE is not in the figures.
 *
 *   --clients N (10)  --duration S (10, measured)  --warmup S (2)  --rounds N (1: each variant N times,
 *   interleaved; medians)  --only name,name  --prefix NAME (of the database)
 * A speed measurement: nothing here asserts a figure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CATALOG } from '@lumira/shared';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../apps/api-backend/src/config';
import { migrateToLatest } from '../apps/api-backend/src/data/db';
import type { Database } from '../apps/api-backend/src/data/schema';
import { seedTiers } from '../apps/api-backend/src/data/service-tiers-repository';
import { seedDemoData } from '../apps/api-backend/src/domain/demo/seed-demo-data';
import { createPaymentIntent } from '../apps/api-backend/src/domain/payments/create-payment-intent';
import { hashOrderAccessToken } from '../apps/api-backend/src/domain/payments/order-access-token';
import type { PaymentsContext } from '../apps/api-backend/src/domain/payments/payments-context';
import { createLogger } from '../apps/api-backend/src/observability/logger';
import { createMetrics } from '../apps/api-backend/src/observability/metrics';
import { FakePaymentGateway } from '../apps/api-backend/src/providers/fake-payment-gateway';
import { cpuMsSince, postgresBackends, snapshot } from './lib/cpu';
import { createTempDatabase, type TempDatabase } from './lib/database';

const { values } = parseArgs({
  options: {
    clients: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    only: { type: 'string' },
    prefix: { type: 'string' },
    rounds: { type: 'string' },
  },
});
const clients = Number(values.clients ?? 10);
const durationS = Number(values.duration ?? 10);
const warmupS = Number(values.warmup ?? 2);
const rounds = Number(values.rounds ?? 1);
const only = values.only ? new Set(values.only.split(',')) : null;

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the checkout's statements, as the use case sends them ------------------------------------------

type Statement = { sql: string; parameters: readonly unknown[] };

/** The values of the captured checkout that must differ in every transaction, and their pgbench SQL. */
type Unique = { value: string; expression: string };

/** A SQL literal pgbench leaves alone: an escape string in which `:` (pgbench's variable mark) is `\x3a`. */
function literal(text: string): string {
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/:/g, '\\x3a')}'`;
}

/** A parameter as SQL: the unique values replaced by their per-transaction expression. */
function parameterSql(value: unknown, uniques: readonly Unique[], capturedAt: number): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date)
    return `(now() + interval '${Math.round((value.getTime() - capturedAt) / 1000)} seconds')`;
  if (Array.isArray(value))
    return literal(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return literal(String(value));
  if (typeof value !== 'string') throw new Error(`unexpected parameter ${JSON.stringify(value)}`);
  type Part = { text: string } | { sql: string };
  let parts: Part[] = [{ text: value }];
  for (const u of uniques) {
    parts = parts.flatMap((part): Part[] =>
      'sql' in part
        ? [part]
        : part.text
            .split(u.value)
            .flatMap((text, i, all): Part[] => [
              ...(text ? [{ text }] : []),
              ...(i < all.length - 1 ? [{ sql: u.expression }] : []),
            ]),
    );
  }
  const sqls = parts.map((part) => ('sql' in part ? part.sql : literal(part.text)));
  if (sqls.length === 0) return literal('');
  return sqls.length === 1 ? sqls[0]! : `(${sqls.join(' || ')})`;
}

function toScriptSql(s: Statement, uniques: readonly Unique[], capturedAt: number): string {
  const text = s.sql.replace(/\$(\d+)/g, (_, n: string) =>
    parameterSql(s.parameters[Number(n) - 1], uniques, capturedAt),
  );
  return `${text.replace(/\s+/g, ' ').trim()};`;
}

/** Runs one checkout through the use case on `url` and returns its statements as pgbench SQL. */
async function captureCheckout(
  url: string,
): Promise<Record<'begin' | 'open' | 'place' | 'commit' | 'update', string>> {
  const captured: Statement[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query as CompiledQuery);
    },
  });
  const gateway = new FakePaymentGateway();
  // The checkout's context, with the defaults of config.ts (its parser); it neither notifies nor counts metrics.
  const ctx: PaymentsContext = {
    db,
    gateway,
    logger: createLogger({ level: 'silent', logDir: null, stdout: false }),
    metrics: createMetrics({ collectDefault: false }),
    notifier: {
      publish: async () => undefined,
      subscribe: () => () => undefined,
      publishRoom: async () => undefined,
      subscribeRoom: () => () => undefined,
      close: async () => undefined,
    },
    config: loadConfig({ NODE_ENV: 'development' }),
  };
  const email = 'capture-0001@example.test';
  const idempotencyKey = 'capture-key-0001';
  const capturedAt = Date.now();
  const answer = await createPaymentIntent(ctx, {
    body: { level: 'premium', customerEmail: email, customerName: 'Bench Customer' },
    userId: null,
    idempotencyKey,
    clientIp: '127.0.0.1',
  });
  await db.destroy();
  const uniques: Unique[] = [
    // ids sort by creation (8 hex digits of seconds, then random): the run's start plus a random suffix
    { value: answer.orderId, expression: "(:idp || lpad(to_hex(:r::bigint), 16, '0'))" },
    { value: hashOrderAccessToken(answer.orderAccessToken), expression: "lpad(to_hex(:r::bigint), 64, '0')" },
    { value: answer.clientSecret.split('_secret_')[0]!, expression: "('pi_bench_' || to_hex(:r::bigint))" },
    { value: idempotencyKey, expression: "('bench-key-' || :r)" },
    { value: email, expression: "('bench-' || :r || '@example.test')" },
  ];
  // Without the mark of a prepared statement (decision 0091): pgbench's own --protocol decides that.
  const sqls = captured.map((s) =>
    toScriptSql(s, uniques, capturedAt).replace(/^\/\* prepared:[a-z0-9-]+ \*\/ /, ''),
  );
  const find = (re: RegExp) => {
    const found = sqls.find((s) => re.test(s));
    if (!found) throw new Error(`checkout statement ${re} not captured:\n${sqls.join('\n')}`);
    return found;
  };
  return {
    begin: 'BEGIN;',
    open: find(/^with claim as/i),
    place: find(/^with pending as/i),
    commit: 'COMMIT;',
    update: find(/^update "orders" set "payment_intent_id"/i),
  };
}

// ---- variants -----------------------------------------------------------------------------------------

type Variant = {
  name: string;
  what: string;
  statements: string[];
  /** SQL run before the variant (after the tables are emptied), and after it. */
  setup?: string[];
  teardown?: string[];
  pgOptions?: string;
  /** pgbench's protocol: 'extended' (default: unnamed statements, parsed and planned each time, as
   * node-postgres sends a query with parameters) or 'prepared' (parsed once per connection). */
  protocol?: 'extended' | 'prepared';
};

const COUNTER_TRIGGERS = [
  'ALTER TABLE orders DISABLE TRIGGER orders_counters_insert',
  'ALTER TABLE orders DISABLE TRIGGER orders_counters_update',
  'ALTER TABLE order_events DISABLE TRIGGER order_events_counters_insert',
];

/** The orders INSERT of `placeCheckoutOrder` as a plain statement (same values, no CTE, no history). */
function ordersInsert(place: string): string {
  const m = place.match(/insert into orders \(([^)]*)\) select (.*?) from expert, pending/i);
  if (!m) throw new Error('orders insert not found in the placement statement');
  const expertId = place.match(/from experts where id = (E'[0-9a-f]{24}')/i)?.[1];
  if (!expertId) throw new Error('expert id not found in the placement statement');
  return `INSERT INTO orders (${m[1]}) SELECT ${m[2]!.replace(/expert\.id/, expertId)};`;
}

function variants(
  s: Awaited<ReturnType<typeof captureCheckout>>,
  dropIndexes: string[],
  recreateIndexes: string[],
): Variant[] {
  const checkout = [s.begin, s.open, s.place, s.commit, s.update];
  const insert = ordersInsert(s.place);
  return [
    { name: 'checkout', what: 'the checkout as sent (5 statements)', statements: checkout },
    { name: 'checkout-no-update', what: 'without the final UPDATE (4)', statements: checkout.slice(0, 4) },
    { name: 'open-only', what: 'BEGIN; openCheckout; COMMIT', statements: [s.begin, s.open, s.commit] },
    {
      name: 'place-only',
      what: 'BEGIN; placeCheckoutOrder; COMMIT',
      statements: [s.begin, s.place, s.commit],
    },
    {
      name: 'checkout-no-triggers',
      what: 'checkout, counter triggers of 0020 disabled',
      statements: checkout,
      setup: COUNTER_TRIGGERS,
      teardown: COUNTER_TRIGGERS.map((t) => t.replace('DISABLE', 'ENABLE')),
    },
    {
      name: 'checkout-few-indexes',
      what: `checkout, ${dropIndexes.length} secondary indexes of orders dropped`,
      statements: checkout,
      setup: dropIndexes,
      teardown: recreateIndexes,
    },
    {
      name: 'checkout-hot-update',
      what: 'checkout, final UPDATE sets updated_at only (HOT)',
      statements: [...checkout.slice(0, 4), s.update.replace(/"payment_intent_id" = [^,]+, /, '')],
    },
    {
      name: 'checkout-prepared',
      what: 'checkout, statements prepared once per connection',
      statements: checkout,
      protocol: 'prepared',
    },
    {
      name: 'checkout-async-commit',
      what: 'checkout, synchronous_commit=off (experiment)',
      statements: checkout,
      pgOptions: '-c synchronous_commit=off',
    },
    {
      name: 'five-trivial-statements',
      what: 'BEGIN; SELECT 1; SELECT 1; COMMIT; SELECT 1',
      statements: ['BEGIN;', 'SELECT 1;', 'SELECT 1;', 'COMMIT;', 'SELECT 1;'],
    },
    { name: 'orders-insert', what: 'INSERT INTO orders alone (autocommit)', statements: [insert] },
    {
      name: 'orders-insert-no-triggers',
      what: 'the same, counter triggers disabled',
      statements: [insert],
      setup: COUNTER_TRIGGERS,
      teardown: COUNTER_TRIGGERS.map((t) => t.replace('DISABLE', 'ENABLE')),
    },
    {
      name: 'orders-insert-few-indexes',
      what: `the same, ${dropIndexes.length} secondary indexes dropped`,
      statements: [insert],
      setup: dropIndexes,
      teardown: recreateIndexes,
    },
    {
      name: 'durable-sample',
      what: 'BEGIN; INSERT (5 columns); COMMIT; UPDATE',
      statements: [
        'BEGIN;',
        "INSERT INTO bench_orders(id, amount, currency, status) VALUES (lpad(to_hex(:r::bigint), 32, '0')::uuid, 5999, 'eur', 'pending_payment');",
        'COMMIT;',
        "UPDATE bench_orders SET payment_intent_id = 'pi_bench_' || to_hex(:r::bigint) WHERE id = lpad(to_hex(:r::bigint), 32, '0')::uuid;",
      ],
    },
  ];
}

// ---- measurement --------------------------------------------------------------------------------------

type Result = {
  variant: Variant;
  tps: number;
  cpuMsPerTx: number;
  transactions: number;
  /** Updates of orders during the whole pgbench run, and how many of them were HOT (no index entry). */
  ordersUpdates: number;
  ordersHotUpdates: number;
};

async function ordersUpdateCounts(admin: pg.Client): Promise<{ updates: number; hot: number }> {
  const { rows } = await admin.query<{ updates: string; hot: string }>(
    "SELECT n_tup_upd AS updates, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname = 'orders'",
  );
  return { updates: Number(rows[0]?.updates ?? 0), hot: Number(rows[0]?.hot ?? 0) };
}

function runPgbench(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('nice', ['-n', '10', 'pgbench', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`pgbench exited ${code}:\n${out}`)),
    );
  });
}

async function measure(
  database: TempDatabase,
  admin: pg.Client,
  adminPid: number,
  variant: Variant,
  dir: string,
): Promise<Result> {
  await admin.query('TRUNCATE orders, order_events, idempotency_keys, bench_orders CASCADE');
  await admin.query(
    'VACUUM ANALYZE orders, order_events, idempotency_keys, bench_orders, order_counts, earnings_daily, payments_daily',
  );
  for (const q of variant.setup ?? []) await admin.query(q);
  const updatesBefore = await ordersUpdateCounts(admin);
  const script = path.join(dir, `${variant.name}.sql`);
  writeFileSync(script, `\\set r random(1, 9223372036854775806)\n${variant.statements.join('\n')}\n`);
  const logPrefix = path.join(dir, variant.name);
  const url = new URL(database.url);
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
    '-n',
    '-M',
    variant.protocol ?? 'extended',
    '-c',
    String(clients),
    '-j',
    '1',
    '-T',
    String(warmupS + durationS + 1),
    '-D',
    `idp=${Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, '0')}`,
    '-l',
    `--log-prefix=${logPrefix}`,
    '-f',
    script,
    database.name,
  ];
  const env = { ...process.env, ...(variant.pgOptions ? { PGOPTIONS: variant.pgOptions } : {}) };
  const done = runPgbench(args, env);
  let failed: unknown = null;
  done.catch((e) => {
    failed = e;
  });
  await sleep(warmupS * 1000);
  const pids = postgresBackends(database.name).filter((p) => p !== adminPid);
  const before = snapshot(pids);
  await sleep(durationS * 1000);
  const cpuMs = cpuMsSince(before, pids);
  const windowEnd = Date.now();
  await done.catch(() => undefined);
  if (failed) throw failed;
  await sleep(1100); // the backends flushed their statistics when they exited; the collector may lag
  const updatesAfter = await ordersUpdateCounts(admin);
  for (const q of variant.teardown ?? []) await admin.query(q);
  // pgbench's per-transaction log: client, transaction, latency (us), script, epoch seconds, microseconds
  let transactions = 0;
  for (const file of readdirSync(dir).filter(
    (f) => f.startsWith(`${variant.name}.`) && !f.endsWith('.sql'),
  )) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const f = line.split(' ');
      if (f.length < 6) continue;
      const at = Number(f[4]) * 1000 + Number(f[5]) / 1000;
      if (at >= before.at && at < windowEnd) transactions++;
    }
  }
  const seconds = (windowEnd - before.at) / 1000;
  return {
    variant,
    tps: transactions / seconds,
    ordersUpdates: updatesAfter.updates - updatesBefore.updates,
    ordersHotUpdates: updatesAfter.hot - updatesBefore.hot,
    cpuMsPerTx: cpuMs / Math.max(1, transactions),
    transactions,
  };
}

/**
 * Planning and execution time of one statement of the checkout as PostgreSQL reports them
 * (`EXPLAIN (ANALYZE, SUMMARY)`, each run in a transaction rolled back; the smallest of `runs`: the
 * closest to the cost on a shared machine). Planning time excludes parsing; wall-clock milliseconds.
 */
async function planAndExecution(
  admin: pg.Client,
  statement: string,
  runs: number,
): Promise<{ planningMs: number; executionMs: number }> {
  let planningMs = Number.POSITIVE_INFINITY;
  let executionMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const r = Math.floor(Math.random() * 2 ** 52) + 1;
    const text = statement
      .replace(/:idp\b/g, `'${Math.floor(Date.now() / 1000).toString(16)}'`)
      .replace(/:r\b/g, `'${r}'`)
      .replace(/;$/, '');
    await admin.query('BEGIN');
    try {
      const { rows } = await admin.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, SUMMARY, TIMING OFF, COSTS OFF) ${text}`,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      planningMs = Math.min(planningMs, Number(plan.match(/Planning Time: ([\d.]+)/)?.[1] ?? Number.NaN));
      executionMs = Math.min(executionMs, Number(plan.match(/Execution Time: ([\d.]+)/)?.[1] ?? Number.NaN));
    } finally {
      await admin.query('ROLLBACK');
    }
  }
  return { planningMs, executionMs };
}

// ---- main -------------------------------------------------------------------------------------------

const database = await createTempDatabase('server', values.prefix ?? 'lumira_pgcost');
const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-checkout-cost-'));
const admin = new pg.Client({ connectionString: database.url });
try {
  const setupPool = new pg.Pool({ connectionString: database.url, max: 2 });
  const setupDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: setupPool }) });
  await migrateToLatest(setupDb);
  await seedTiers(setupDb, DEFAULT_CATALOG);
  await seedDemoData(setupDb);
  await setupDb.destroy();
  const statements = await captureCheckout(database.url);

  await admin.connect();
  const adminPid = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  await admin.query(`CREATE TABLE bench_orders (
    id uuid PRIMARY KEY, amount integer NOT NULL, currency text NOT NULL, status text NOT NULL, payment_intent_id text)`);
  // The secondary indexes of orders that the checkout's statements do not read: the primary key, the
  // unique constraints and the customer e-mail index (the unpaid-order count) stay.
  const { rows: indexes } = await admin.query<{ indexname: string; indexdef: string }>(`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.tablename = 'orders' AND i.indexname <> 'orders_customer_email_prefix_idx'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
    ORDER BY 1`);
  const all = variants(
    statements,
    indexes.map((i) => `DROP INDEX ${i.indexname}`),
    indexes.map((i) => i.indexdef),
  ).filter((v) => !only || only.has(v.name));

  console.log(
    `pg-checkout-cost: ${clients} clients, ${warmupS} s warm-up, ${durationS} s measured per variant`,
  );
  console.log(`load average at start: ${loadAverage()}`);
  const results = new Map<string, Result[]>(all.map((v) => [v.name, []]));
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) console.log(`round ${round}/${rounds}`);
    for (const variant of all) {
      const r = await measure(database, admin, adminPid, variant, dir);
      results.get(variant.name)?.push(r);
      console.log(
        `  ${variant.name}: ${r.tps.toFixed(0)} tx/s, ${r.cpuMsPerTx.toFixed(3)} ms PostgreSQL CPU per transaction` +
          (r.ordersUpdates ? ` (orders: ${r.ordersUpdates} updates, ${r.ordersHotUpdates} HOT)` : ''),
      );
      if (variant.name === 'checkout' && round === 1) {
        // the tables the checkout wrote, right after its run: order_counts takes one update per order
        // (HOT: its few pages are pruned in place), orders one insert and one (non-HOT) update
        const { rows } = await admin.query(`
          SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, pg_relation_size(relid) / 8192 AS pages
          FROM pg_stat_user_tables WHERE relname IN ('orders', 'order_counts', 'idempotency_keys') ORDER BY 1`);
        for (const row of rows) console.log(`    ${JSON.stringify(row)}`);
      }
    }
  }
  console.log(`load average at end: ${loadAverage()}`);
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  console.log(
    `\n| variant | what | TPS | PostgreSQL CPU ms per transaction${rounds > 1 ? ` (median of ${rounds}) | range` : ''} |`,
  );
  console.log(`|---|---|---:|---:|${rounds > 1 ? '---|' : ''}`);
  for (const v of all) {
    const rs = results.get(v.name) ?? [];
    const cpu = rs.map((r) => r.cpuMsPerTx);
    const range = `${Math.min(...cpu).toFixed(2)} - ${Math.max(...cpu).toFixed(2)}`;
    console.log(
      `| ${v.name} | ${v.what} | ${median(rs.map((r) => r.tps)).toFixed(0)} | ${median(cpu).toFixed(2)} |${rounds > 1 ? ` ${range} |` : ''}`,
    );
  }
  console.log('\n| statement | planning ms | execution ms |');
  console.log('|---|---:|---:|');
  for (const key of ['open', 'place'] as const) {
    const t = await planAndExecution(admin, statements[key], 20);
    console.log(`| ${key} | ${t.planningMs.toFixed(3)} | ${t.executionMs.toFixed(3)} |`);
  }
  console.log('\nScripts (transaction of each variant):');
  for (const v of all) console.log(`\n-- ${v.name}\n${v.statements.join('\n')}`);
} finally {
  await admin.end().catch(() => undefined);
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}
