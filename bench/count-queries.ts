/**
 * How many SQL statements and provider calls each benchmarked request makes (the round trips that
 * bound throughput): `node --import tsx bench/count-queries.ts`. Runs the API in-process through the
 * test harness, counts every pg query, prints the statements of one request of each kind.
 */
import pg from 'pg';
import { startTestStack } from '../apps/api-backend/test/harness';
import { stripeSignature } from './lib/stack';

const seen: string[] = [];
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function patched(this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  seen.push(typeof first === 'string' ? first : (first?.text ?? '?'));
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const stack = await startTestStack({ db: process.env.LUMIRA_TEST_DB === 'server' ? 'server' : 'embedded' });
try {
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${stack.apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const measure = async (label: string, run: () => Promise<unknown>) => {
    await run(); // warm
    seen.length = 0;
    await run();
    const statements = seen.filter((s) => !/^LISTEN|^UNLISTEN/.test(s));
    console.log(`\n${label}: ${statements.length} SQL statements`);
    for (const s of statements) console.log(`  ${s.replace(/\s+/g, ' ').slice(0, 150)}`);
  };
  let n = 0;
  let last = { orderId: '', token: '', pi: '' };
  await measure('create-payment-intent', async () => {
    n++;
    const res = await post(
      '/api/payments/create-payment-intent',
      JSON.stringify({ level: 'premium', customerEmail: `count-${n}@example.test` }),
      { 'idempotency-key': `count-${n}` },
    );
    const body = (await res.json()) as { orderId: string; orderAccessToken: string; clientSecret: string };
    last = {
      orderId: body.orderId,
      token: body.orderAccessToken,
      pi: body.clientSecret.split('_secret_')[0]!,
    };
  });
  const pi = await stack.stripe.paymentIntents.confirm(last.pi, { payment_method: 'pm_card_visa' });
  await stack.sandbox.webhooksIdle();
  // The sandbox already delivered its own events; send one more unique signed event for a fresh order.
  const fresh = await post(
    '/api/payments/create-payment-intent',
    JSON.stringify({ level: 'basic', customerEmail: 'count-webhook@example.test' }),
    {},
  ).then((r) => r.json() as Promise<{ clientSecret: string }>);
  stack.sandbox.setFaults({ dropAll: true });
  const freshPi = await stack.stripe.paymentIntents.confirm(fresh.clientSecret.split('_secret_')[0]!, {
    payment_method: 'pm_card_visa',
  });
  await stack.sandbox.webhooksIdle();
  let e = 0;
  await measure('webhook (payment_intent.succeeded)', async () => {
    e++;
    const payload = JSON.stringify({
      id: `evt_count_${e}`,
      object: 'event',
      created: Math.floor(Date.now() / 1000),
      type: 'payment_intent.succeeded',
      data: { object: e === 1 ? pi : freshPi },
      livemode: false,
    });
    await post('/api/payments/webhook', payload, {
      'stripe-signature': stripeSignature(payload, stack.config.stripe.webhookSecret),
    });
  });
  await measure('order read', async () => {
    await fetch(`${stack.apiUrl}/api/payments/order/${last.orderId}`, {
      headers: { 'x-order-token': last.token },
    });
  });
} finally {
  await stack.stop();
}
