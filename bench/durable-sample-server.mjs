// The second peer of `npm run bench`: the Stripe-sample peer (stripe-sample-server.mjs) plus one durable
// order write. Per request: one transaction that inserts the order, then `paymentIntents.create` with an
// idempotency key from the order id, then the PaymentIntent's id stored on the order, then the client
// secret back. It costs what any checkout costs that records its order before calling the provider: the
// floor under ours on this machine. Plain JavaScript run by plain node, as the sample is; pg pool of 10.
import { randomUUID } from 'node:crypto';
import express from 'express';
import pg from 'pg';
import Stripe from 'stripe';

const sandbox = new URL(process.env.STRIPE_API_BASE ?? 'http://127.0.0.1:12111');
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, {
  host: sandbox.hostname,
  port: Number(sandbox.port),
  protocol: sandbox.protocol.replace(':', ''),
});

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', (e) => console.error(`idle database client: ${e.message}`));
await pool.query(`CREATE TABLE IF NOT EXISTS bench_orders (
  id uuid PRIMARY KEY,
  amount integer NOT NULL,
  currency text NOT NULL,
  status text NOT NULL,
  payment_intent_id text
)`);

async function insertOrder(order) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO bench_orders(id, amount, currency, status) VALUES ($1, $2, $3, $4)', [
      order.id,
      order.amount,
      order.currency,
      'pending_payment',
    ]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

const app = express();
app.use(
  express.json({
    // As in the sample: keep the raw body for the webhook route's signature check.
    verify: (req, _res, buf) => {
      if (req.originalUrl.startsWith('/webhook')) req.rawBody = buf.toString();
    },
  }),
);

app.get('/config', (_req, res) => {
  res.send({ publishableKey: process.env.STRIPE_PUBLISHABLE_KEY ?? 'pk_test_sample' });
});

app.post('/create-payment-intent', async (req, res) => {
  const { paymentMethodType, currency } = req.body;
  const order = { id: randomUUID(), amount: 5999, currency: currency ?? 'eur' };
  const params = {
    payment_method_types: [paymentMethodType ?? 'card'],
    amount: order.amount,
    currency: order.currency,
  };
  try {
    await insertOrder(order);
    const paymentIntent = await stripe.paymentIntents.create(params, {
      idempotencyKey: `order:${order.id}:pi`,
    });
    await pool.query('UPDATE bench_orders SET payment_intent_id=$1 WHERE id=$2', [
      paymentIntent.id,
      order.id,
    ]);
    res.send({ clientSecret: paymentIntent.client_secret, nextAction: paymentIntent.next_action });
  } catch (e) {
    return res.status(400).send({ error: { message: e.message } });
  }
});

const server = app.listen(Number(process.env.SAMPLE_PORT ?? 0), '127.0.0.1', () => {
  console.log(`durable sample listening on ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
