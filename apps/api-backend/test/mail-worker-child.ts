/**
 * A mail worker alone in its own process (for the crash test): reads the API's configuration from its
 * environment, claims outbox rows from DATABASE_URL and sends them to SMTP_URL until it is killed.
 */
import { loadConfig } from '../src/config';
import { createDb } from '../src/data/db';
import { startMailWorker } from '../src/domain/mail/mail-worker';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { SmtpMailTransport } from '../src/providers/mail-transport';

const config = loadConfig(process.env);
if (!config.databaseUrl || !config.mail.smtpUrl) throw new Error('DATABASE_URL and SMTP_URL are required');
const logger = createLogger({ level: config.logLevel, logDir: null, stdout: true });
const db = createDb(config.databaseUrl, { logger });
startMailWorker(
  { db, config, logger, metrics: createMetrics({ collectDefault: false }) },
  new SmtpMailTransport({ url: config.mail.smtpUrl }),
);
process.stdout.write('mail worker started\n');
