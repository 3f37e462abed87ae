/**
 * Manual check: the real stack (sandbox + API + PostgreSQL) and the built desk, for looking at pages.
 * `npx tsx apps/expert-desk/e2e/support/dev-stack.ts [deskPort]` from the repo root; Ctrl-C stops it.
 */
import { startTestStack } from '../../../api-backend/test/harness';
import { startDeskApp } from './desk-app';

const port = Number(process.argv[2] ?? 14100);
const stack = await startTestStack({ env: { FRONTEND_URL: `http://127.0.0.1:${port}` } });
const desk = await startDeskApp({ apiUrl: stack.apiUrl, port });
console.log(`desk ${desk.url}\napi ${stack.apiUrl}\nsandbox ${stack.sandboxUrl}`);
console.log(`expert ${stack.demo.expertEmail} / ${stack.demo.expertPassword}`);
console.log(`admin ${stack.demo.adminEmail} / ${stack.demo.adminPassword}`);
const stop = async () => {
  await desk.close();
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
