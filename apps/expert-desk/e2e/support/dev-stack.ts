/**
 * Manual check: the real stack (sandbox + API + PostgreSQL) and the built desk, for looking at pages,
 * with a few demo orders for "Expert Test" (three paid and waiting, one completed, one interrupted).
 * `npx tsx apps/expert-desk/e2e/support/dev-stack.ts [deskPort]` from the repo root; Ctrl-C stops it.
 */
import type { TierId } from '@lumira/shared';
import { startTestStack } from '../../../api-backend/test/harness';
import { createOrder, payWithVisa } from './customer';
import { startDeskApp } from './desk-app';

const port = Number(process.argv[2] ?? 14100);
const stack = await startTestStack({ env: { FRONTEND_URL: `http://127.0.0.1:${port}` } });
const desk = await startDeskApp({ apiUrl: stack.apiUrl, port });

const expertToken = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
const desk$ = (path: string, body: unknown) =>
  fetch(`${stack.apiUrl}/api/desk${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${expertToken}` },
    body: JSON.stringify(body),
  });
const customers: [TierId, string][] = [
  ['premium', 'Léa Martin'],
  ['basic', 'Hugo Bernard'],
  ['vip', 'Chloé Petit'],
  ['basic', 'Nina Robert'],
  ['premium', 'Louis Richard'],
];
const paid: string[] = [];
for (const [level, name] of customers) {
  const order = await createOrder(stack.apiUrl, {
    level,
    expertId: stack.demo.expertId,
    customerEmail: `${name
      .split(' ')[0]!
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()}@example.test`,
    customerName: name,
  });
  await payWithVisa(stack.stripe, order);
  paid.push(order.orderId);
}
await new Promise((r) => setTimeout(r, 1500)); // webhooks settle the orders
await desk$(`/orders/${paid[3]}/start`, {});
await desk$(`/orders/${paid[3]}/end`, { reason: 'completed' });
await desk$(`/orders/${paid[4]}/start`, {});
await desk$(`/orders/${paid[4]}/end`, { reason: 'interrupted', notes: 'Coupure réseau' });

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
