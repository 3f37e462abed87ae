/**
 * Manual check: the real stack (sandbox + API + PostgreSQL) and the built app, for looking at pages.
 * `npx tsx apps/main-app/e2e/support/dev-stack.ts [webPort]` from the repo root; Ctrl-C stops it.
 */
import { startTestStack } from '../../../api-backend/test/harness';
import { startWebApp } from './web-app';

const port = Number(process.argv[2] ?? 14000);
const stack = await startTestStack({ env: { FRONTEND_URL: `http://127.0.0.1:${port}` } });
const web = await startWebApp({
  apiUrl: stack.apiUrl,
  stripeJsUrl: `${stack.sandboxUrl}/v3/stripe.js`,
  port,
});
console.log(`web ${web.url}\napi ${stack.apiUrl}\nsandbox ${stack.sandboxUrl}`);
const stop = async () => {
  await web.close();
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
