/**
 * `npm run start -w @lumira/mail-catcher`: the catcher on MAIL_CATCHER_HOST (127.0.0.1), SMTP on
 * MAIL_CATCHER_SMTP_PORT (1025), web page and API on MAIL_CATCHER_HTTP_PORT (8025).
 * MAIL_CATCHER_IGNORE_DUPLICATE_IDS=true drops repeated Message-IDs.
 */
import { startMailCatcher } from './index';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`[mail-catcher] ${name} must be a port number, got ${raw}`);
    process.exit(1);
  }
  return value;
}

const handle = await startMailCatcher({
  host: process.env.MAIL_CATCHER_HOST || '127.0.0.1',
  smtpPort: port('MAIL_CATCHER_SMTP_PORT', 1025),
  httpPort: port('MAIL_CATCHER_HTTP_PORT', 8025),
  ignoreDuplicateIds: /^(1|true|yes)$/i.test(process.env.MAIL_CATCHER_IGNORE_DUPLICATE_IDS ?? ''),
}).catch((error: NodeJS.ErrnoException) => {
  console.error(
    `[mail-catcher] ${error.code === 'EADDRINUSE' ? 'a port is already in use (set MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT)' : String(error)}`,
  );
  process.exit(1);
});

console.log(`[mail-catcher] SMTP ${handle.smtpUrl}   web + API ${handle.httpUrl}`);
const shutdown = () => {
  handle.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
