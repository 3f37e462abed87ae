import { startSandbox } from './index';
import { THREE_DS_MODES, type ThreeDSMode } from './server/options';

/** `npm run sandbox`: the sandbox on SANDBOX_HOST:SANDBOX_PORT (127.0.0.1:12111). */
function fail(message: string): never {
  console.error(`[stripe-sandbox] ${message}`);
  process.exit(1);
}

const env = process.env;
const port = Number(env.SANDBOX_PORT ?? 12111);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`SANDBOX_PORT must be a port number, got ${env.SANDBOX_PORT}`);
const mode = (env.SANDBOX_3DS_MODE || 'manual') as ThreeDSMode;
if (!THREE_DS_MODES.includes(mode)) fail(`SANDBOX_3DS_MODE must be one of ${THREE_DS_MODES.join(', ')}`);
let retrySchedule: number[] | undefined;
if (env.SANDBOX_RETRY_SCHEDULE) {
  retrySchedule = env.SANDBOX_RETRY_SCHEDULE.split(',').map(Number);
  if (retrySchedule.some((n) => !Number.isFinite(n) || n < 0))
    fail('SANDBOX_RETRY_SCHEDULE must be comma-separated seconds');
}
const webhookSecret = env.SANDBOX_WEBHOOK_SECRET || undefined;
if (webhookSecret && !webhookSecret.startsWith('whsec_'))
  fail('SANDBOX_WEBHOOK_SECRET must start with whsec_');

const handle = await startSandbox({
  port,
  host: env.SANDBOX_HOST || '127.0.0.1',
  webhookUrl: env.SANDBOX_WEBHOOK_URL || undefined,
  webhookSecret,
  threeDSMode: mode,
  persistFile: env.SANDBOX_PERSIST_FILE || undefined,
  publicUrl: env.SANDBOX_PUBLIC_URL || undefined,
  retrySchedule,
}).catch((e: NodeJS.ErrnoException) =>
  fail(e.code === 'EADDRINUSE' ? `port ${port} is already in use (set SANDBOX_PORT)` : String(e)),
);

console.log(`[stripe-sandbox] listening on ${handle.url}`);
console.log(
  `[stripe-sandbox]   SDK:       new Stripe('sk_test_...', { host: '127.0.0.1', port: ${handle.port}, protocol: 'http' })`,
);
console.log(`[stripe-sandbox]   Stripe.js: ${handle.url}/v3/stripe.js`);
if (env.SANDBOX_WEBHOOK_URL) {
  console.log(`[stripe-sandbox]   webhooks -> ${env.SANDBOX_WEBHOOK_URL}`);
  if (!webhookSecret) {
    console.warn(
      '[stripe-sandbox]   SANDBOX_WEBHOOK_SECRET is not set: deliveries are signed with a random secret your receiver cannot know.',
    );
  }
}

const shutdown = () => {
  handle.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
