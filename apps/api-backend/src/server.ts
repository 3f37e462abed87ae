/**
 * `startApi`: builds one API instance (config, logger, database + migrations, catalog seed, demo data,
 * Redis, metrics, payment gateway, order notifier, rate limiters), listens, starts the background jobs,
 * and answers a handle whose `close()` undoes all of it. Tests start several per process.
 */
import type { AddressInfo } from 'node:net';
import { DEFAULT_CATALOG } from '@lumira/shared';
import { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import { type Config, loadConfig } from './config';
import type { AppContext } from './context';
import { countOrdersByStatusFromCounters } from './data/counters-repository';
import { type DatabaseHandle, openDatabase } from './data/db';
import { countMailsByStatus } from './data/mail-outbox-repository';
import { PgOrderNotifier } from './data/order-notifier';
import { seedTiers } from './data/service-tiers-repository';
import { seedDemoData } from './domain/demo/seed-demo-data';
import { issueMissingDocuments } from './domain/invoices/issue-missing-documents';
import { startMailWorker } from './domain/mail/mail-worker';
import { createOrderEffects } from './domain/mail/order-effects';
import { startReconciliationJob } from './domain/reconciliation/start-reconciliation-job';
import { createApp } from './http/app';
import { createRateLimiters } from './http/rate-limit';
import { RedisHealth } from './http/rate-limit-store';
import { createLogger, type Logger, openRotatingLogFiles } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { SmtpMailTransport } from './providers/mail-transport';
import type { PaymentGateway } from './providers/payment-gateway';
import { StripeGateway, stripeGatewayOptions } from './providers/stripe-gateway';

export type StartApiOptions = {
  /** A parsed configuration (wins over `env`). */
  config?: Config;
  /** Environment overrides, merged over `process.env` and parsed (when `config` is not given). */
  env?: Record<string, string | undefined>;
  /** Replace the Stripe gateway (tests that inject provider faults). */
  gateway?: PaymentGateway;
  /** Extra log destination (tests capture logs with it). */
  logStream?: DestinationStream;
  /** Log to stdout (default true). */
  stdoutLogs?: boolean;
  /** Process metrics (CPU, memory...) in /metrics (default true). */
  collectDefaultMetrics?: boolean;
  /** Start the reconciliation job etc. (default true). */
  backgroundJobs?: boolean;
  /** On close, how long requests in flight may take before connections are cut (default 0). */
  shutdownGraceMs?: number;
};

export type ApiHandle = {
  url: string;
  port: number;
  ctx: AppContext;
  /** Whether demo data was written at this start (first start in development). */
  seededDemoData: boolean;
  close(): Promise<void>;
};

type Cleanup = () => Promise<unknown> | unknown;

async function runCleanups(cleanups: Cleanup[], logger: Logger): Promise<void> {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      logger.warn({ err: error }, 'shutdown step failed');
    }
  }
}

/**
 * Redis for the shared rate limits: a command waits at most REDIS_COMMAND_TIMEOUT_MS, is never queued
 * while the connection is down (the limiter decides in memory instead) and never retried; the client
 * reconnects in the background.
 */
async function connectRedis(url: string, logger: Logger, commandTimeoutMs: number): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', (error) => logger.warn({ err: error.message }, 'Redis connection error'));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`REDIS_URL is set but Redis is unreachable: ${(error as Error).message}`);
  }
  return redis;
}

export async function startApi(options: StartApiOptions = {}): Promise<ApiHandle> {
  const config = options.config ?? loadConfig({ ...process.env, ...options.env });
  const logger = createLogger({
    level: config.logLevel,
    logDir: null,
    ...(config.logDir ? { files: await openRotatingLogFiles(config.logDir, config.logFile) } : {}),
    stdout: options.stdoutLogs ?? true,
    ...(options.logStream ? { stream: options.logStream } : {}),
  });
  for (const notice of config.notices) logger.warn(notice);

  const cleanups: Cleanup[] = [];
  let database: DatabaseHandle | null = null;
  try {
    database = await openDatabase({ config, logger });
    const db = database.db;
    const openedDatabase = database;
    cleanups.push(() => openedDatabase.close());

    const insertedTiers = await seedTiers(db, DEFAULT_CATALOG);
    if (insertedTiers > 0) logger.info({ insertedTiers }, 'catalog seeded from the default tiers');
    const seededDemoData = config.seedDemoData ? await seedDemoData(db) : false;
    if (seededDemoData) logger.info('demo experts and logins created (first start)');

    const redis = config.redisUrl
      ? await connectRedis(config.redisUrl, logger, config.redisCommandTimeoutMs)
      : null;
    if (redis) cleanups.push(() => redis.quit().catch(() => redis.disconnect()));

    const metrics = createMetrics({
      countOrdersByStatus: () => countOrdersByStatusFromCounters(db),
      countMailsByStatus: () => countMailsByStatus(db),
      collectDefault: options.collectDefaultMetrics ?? true,
    });
    const redisHealth = redis ? new RedisHealth(redis, metrics, logger) : null;
    const gateway = options.gateway ?? new StripeGateway(stripeGatewayOptions(config.stripe));
    const notifier = new PgOrderNotifier({ connection: database.url, logger });
    // E-mails queued and factures/avoirs issued in the transaction of each order change.
    notifier.effects = createOrderEffects(config);
    await notifier.start();
    cleanups.push(() => notifier.close());

    const ctx: AppContext = {
      config,
      db,
      databaseUrl: database.url,
      logger,
      metrics,
      gateway,
      notifier,
      redis,
      redisHealth,
      rateLimiters: createRateLimiters({ config, redis, metrics, logger, redisHealth }),
    };

    const app = createApp(ctx);
    const server = app.listen(config.port, config.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    server.keepAliveTimeout = 65_000;
    const graceMs = options.shutdownGraceMs ?? 0;
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          let timer: NodeJS.Timeout | undefined;
          server.close(() => {
            clearTimeout(timer);
            resolve();
          });
          // Idle keep-alive sockets go now; requests in flight get `graceMs` to finish, then every
          // remaining connection (SSE streams included) is closed.
          server.closeIdleConnections();
          timer = setTimeout(() => server.closeAllConnections(), graceMs);
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host}:${port}`;

    if (options.backgroundJobs !== false) {
      // ---- BACKGROUND JOBS (reconciliation) -----------------------------------------------------
      const job = startReconciliationJob(ctx);
      cleanups.push(() => job.stop());
      // ---- END BACKGROUND JOBS ----------------------------------------------------------------
    }
    // Orders paid (refunds succeeded) before invoicing existed get their facture (avoir) now.
    void issueMissingDocuments(ctx).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not look for missing factures and avoirs'),
    );
    // The outbox worker runs wherever SMTP is configured (tests that assert on e-mails set SMTP_URL).
    if (config.mail.worker && config.mail.smtpUrl) {
      const mailWorker = startMailWorker(ctx, new SmtpMailTransport({ url: config.mail.smtpUrl }));
      cleanups.push(() => mailWorker.stop());
      ctx.mailWorker = mailWorker;
    } else if (!config.mail.smtpUrl) {
      logger.warn('SMTP_URL not set: e-mails stay queued in the outbox until a worker with SMTP sends them');
    }

    logger.info(
      { url, env: config.env, database: config.databaseUrl ? 'server' : 'embedded' },
      'API listening',
    );
    let closed: Promise<void> | null = null;
    return {
      url,
      port,
      ctx,
      seededDemoData,
      close() {
        closed ??= (async () => {
          await runCleanups(cleanups, logger);
          logger.flush();
        })();
        return closed;
      },
    };
  } catch (error) {
    await runCleanups(cleanups, logger);
    logger.flush();
    throw error;
  }
}
