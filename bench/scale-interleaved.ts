/**
 * `node --import tsx bench/scale-interleaved.ts <database A> <database B>`: the same requests on two API
 * processes (bundled, production mode, one Stripe sandbox), interleaved one by one, A then B then B then
 * A..., so that whatever else the machine runs falls on both alike. Used to tell growth with the table
 * from noise: A a database kept by `npm run bench:scale -- --keep-db` (1,000,000 orders), B an empty one.
 *
 *   N=40 (samples per write)  R=100 (samples per read)  ONLY=id,id (endpoint ids, as in bench:scale)
 *
 * The API issues at start the factures and avoirs that paid orders and refunds lack (orders paid before
 * invoicing existed); the bulk-loaded orders have none, so this first gives them the documents a real
 * database would hold (series of the year 2000, apart from the API's own numbers) rather than let the
 * API issue 900,000 of them while it is measured. Prints a Markdown table: p50 / p99 on each side and the
 * largest answer of each read (a growth that follows the size of the answer is not the table's).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { buildApiBundle } from './bench';
import { percentile, type RequestSpec, timedRequest } from './lib/http-client';
import {
  type ApiProcess,
  DEMO_EXPERT_ID,
  eventPayload,
  paymentIntentIdFromClientSecret,
  runSecrets,
  signedWebhookRequest,
  startApiProcess,
  startSandboxProcess,
} from './lib/stack';

const [urlA, urlB] = process.argv.slice(2);
if (!urlA || !urlB) throw new Error('usage: bench/scale-interleaved.ts <database URL A> <database URL B>');
const N = Number(process.env.N ?? 40);
const R = Number(process.env.R ?? 100);
const only = process.env.ONLY?.split(',');
const wants = (id: string) => !only || only.includes(id);

/** Factures for paid orders and avoirs for succeeded refunds that have none (bulk-loaded rows). */
async function addMissingDocuments(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A fresh database has no schema yet: the API migrates it at start.
    const schema = await client.query<{ t: string | null }>(`SELECT to_regclass('orders')::text AS t`);
    if (!schema.rows[0]?.t) return;
    const missing = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders o WHERE paid_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.kind = 'invoice')`,
    );
    if ((missing.rows[0]?.n ?? 0) === 0) return;
    console.log(`${path.basename(url)}: ${missing.rows[0]!.n} paid orders without a facture: adding them`);
    await client.query('BEGIN');
    await client.query(`
      INSERT INTO invoices (id, kind, series, year, number, reference, order_id, total, currency, issued_at, document)
      SELECT substr(md5(o.id || ':facture'), 1, 24), 'invoice', 'F', 2000, n, 'F-2000-' || lpad(n::text, 7, '0'),
             o.id, o.amount, o.currency, o.paid_at, '{}'::jsonb
      FROM (SELECT o.*, row_number() OVER (ORDER BY paid_at, id) AS n FROM orders o WHERE paid_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.kind = 'invoice')) o`);
    await client.query(`
      INSERT INTO invoices (id, kind, series, year, number, reference, order_id, refund_id, corrects_id, total,
                            currency, issued_at, document)
      SELECT substr(md5(r.id || ':avoir'), 1, 24), 'credit_note', 'AV', 2000, n, 'AV-2000-' || lpad(n::text, 7, '0'),
             r.order_id, r.id, (SELECT i.id FROM invoices i WHERE i.order_id = r.order_id AND i.kind = 'invoice'),
             r.amount, r.currency, r.updated_at, '{}'::jsonb
      FROM (SELECT r.*, row_number() OVER (ORDER BY r.id) AS n FROM refunds r WHERE status = 'succeeded'
              AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.refund_id = r.id)) r`);
    await client.query(`
      INSERT INTO invoice_counters (series, year, last_number)
      SELECT series, 2000, max(number) FROM invoices WHERE year = 2000 GROUP BY series
      ON CONFLICT (series, year) DO UPDATE SET last_number = excluded.last_number`);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE invoices');
  } finally {
    await client.end();
  }
}

await addMissingDocuments(urlA);
await addMissingDocuments(urlB);
const secrets = runSecrets();
const sandbox = await startSandboxProcess({});
const entry = await buildApiBundle();
const apis: ApiProcess[] = [];
const json = { 'content-type': 'application/json' };
const run = randomBytes(3).toString('hex');
const samples = new Map<string, [number[], number[]]>();
const largest = new Map<string, [number, number]>();

try {
  for (const [name, url] of [
    ['A', urlA],
    ['B', urlB],
  ] as const) {
    apis.push(
      await startApiProcess({
        name,
        databaseUrl: url,
        sandboxUrl: sandbox.url,
        secrets,
        entry,
        node: { plain: true },
      }),
    );
  }
  const call = async (side: number, p: string, spec: RequestSpec, expect: number) => {
    const res = await timedRequest(`${apis[side]!.url}${p}`, spec);
    if (res.status !== expect) throw new Error(`${p}: expected ${expect}, got ${res.status} ${res.body}`);
    return res;
  };
  const login = async (side: number, email: string, password: string) =>
    (
      JSON.parse(
        (
          await call(
            side,
            '/api/auth/login',
            { method: 'POST', headers: json, body: JSON.stringify({ email, password }) },
            200,
          )
        ).body,
      ) as { token: string }
    ).token;
  const admin = [
    await login(0, 'admin@lumira.test', 'admin-demo-2026'),
    await login(1, 'admin@lumira.test', 'admin-demo-2026'),
  ];
  const expert = [
    await login(0, 'expert@lumira.test', 'expert-demo-2026'),
    await login(1, 'expert@lumira.test', 'expert-demo-2026'),
  ];
  const signed = (object: unknown) =>
    signedWebhookRequest(
      eventPayload(`evt_il${randomBytes(10).toString('hex')}`, 'payment_intent.succeeded', object),
      secrets.webhookSecret,
    );

  // Fixtures: 3N checkouts per side, their PaymentIntents confirmed in the sandbox (not measured).
  type Fixture = { orderId: string; paymentIntentId: string; confirmed: unknown };
  const fixtures: Fixture[][] = [[], []];
  if (wants('confirm-payment') || wants('webhook') || wants('admin-refund')) {
    for (const side of [0, 1]) {
      for (let i = 0; i < 3 * N; i++) {
        const res = await call(
          side,
          '/api/payments/create-payment-intent',
          {
            method: 'POST',
            headers: { ...json, 'idempotency-key': `il-${run}-${side}-${i}` },
            body: JSON.stringify({
              level: 'premium',
              customerEmail: `il-${run}-${i}@example.test`,
              customerName: 'Client Bench',
              expertId: DEMO_EXPERT_ID,
            }),
          },
          201,
        );
        const body = JSON.parse(res.body) as { orderId: string; clientSecret: string };
        const paymentIntentId = paymentIntentIdFromClientSecret(body.clientSecret);
        const confirmed = await timedRequest(`${sandbox.url}/v1/payment_intents/${paymentIntentId}/confirm`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${secrets.secretKey}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'payment_method=pm_card_visa',
        });
        fixtures[side]!.push({
          orderId: body.orderId,
          paymentIntentId,
          confirmed: JSON.parse(confirmed.body),
        });
      }
    }
  }

  const writes: [string, (side: number, i: number) => Promise<number>][] = [
    [
      'confirm-payment',
      async (side, i) =>
        (
          await call(
            side,
            '/api/payments/confirm-payment',
            {
              method: 'POST',
              headers: json,
              body: JSON.stringify({ paymentIntentId: fixtures[side]![i]!.paymentIntentId }),
            },
            200,
          )
        ).ms,
    ],
    [
      'webhook',
      async (side, i) =>
        (await call(side, '/api/payments/webhook', signed(fixtures[side]![N + i]!.confirmed), 200)).ms,
    ],
    [
      'admin-refund',
      async (side, i) => {
        const f = fixtures[side]![2 * N + i]!;
        await call(side, '/api/payments/webhook', signed(f.confirmed), 200); // paid first, not measured
        const res = await call(
          side,
          `/api/admin/orders/${f.orderId}/refund`,
          {
            method: 'POST',
            headers: { ...json, authorization: `Bearer ${admin[side]}` },
            body: JSON.stringify({ reason: 'annulation demandée par le client' }),
          },
          201,
        );
        return res.ms;
      },
    ],
    [
      'register',
      async (side, i) =>
        (
          await call(
            side,
            '/api/auth/register',
            {
              method: 'POST',
              headers: json,
              body: JSON.stringify({
                email: `il-new-${run}-${side}-${i}@example.test`,
                password: 'scale-password-2026',
                name: 'Nouveau',
              }),
            },
            202,
          )
        ).ms,
    ],
    [
      'login',
      async (side) =>
        (
          await call(
            side,
            '/api/auth/login',
            {
              method: 'POST',
              headers: json,
              body: JSON.stringify({ email: 'client@lumira.test', password: 'client-demo-2026' }),
            },
            200,
          )
        ).ms,
    ],
  ];
  const record = (id: string, side: number, ms: number) => {
    const entry = samples.get(id) ?? [[], []];
    entry[side]!.push(ms);
    samples.set(id, entry);
  };
  for (const [id, request] of writes) {
    if (!wants(id)) continue;
    for (let i = 0; i < N; i++)
      for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) record(id, side, await request(side, i));
  }

  const day = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const reads: [string, (i: number) => string, string[]][] = [
    ['desk-earnings-year', () => '/api/desk/earnings?days=366', expert],
    ['payments-overview-year', () => '/api/admin/payments/overview?days=366', admin],
    ['admin-orders', () => '/api/admin/orders', admin],
    ['admin-orders-search', (i) => `/api/admin/orders?q=customer${(i % 100_000) + 1}%40scale.test`, admin],
    ['admin-orders-search-start', (i) => `/api/admin/orders?q=customer${(i % 900) + 100}`, admin],
    ['admin-orders-search-broad', (i) => `/api/admin/orders?q=customer${(i % 9) + 1}`, admin],
    ['admin-orders-search-short', (i) => `/api/admin/orders?q=${['c', 'cu', 'g', 'gu'][i % 4]}`, admin],
    ['admin-orders-day', () => `/api/admin/orders?from=${day}&to=${day}`, admin],
  ];
  for (const [id, pathOf, tokens] of reads) {
    if (!wants(id)) continue;
    for (let i = -3; i < R; i++) {
      for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) {
        const res = await call(
          side,
          pathOf(Math.abs(i)),
          { headers: { authorization: `Bearer ${tokens[side]}` } },
          200,
        );
        if (i < 0) continue; // warm-up
        record(id, side, res.ms);
        const size = largest.get(id) ?? [0, 0];
        size[side] = Math.max(size[side]!, Buffer.byteLength(res.body));
        largest.set(id, size);
      }
    }
  }

  const ms = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));
  console.log('\n| endpoint | p50 A | p50 B | p99 A | p99 B | samples each | largest answer A / B (bytes) |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const [id, [a, b]] of samples) {
    a.sort((x, y) => x - y);
    b.sort((x, y) => x - y);
    const size = largest.get(id);
    console.log(
      `| ${id} | ${ms(percentile(a, 50))} | ${ms(percentile(b, 50))} | ${ms(percentile(a, 99))} | ${ms(percentile(b, 99))} | ${a.length} | ${size ? `${size[0]} / ${size[1]}` : ''} |`,
    );
  }
} finally {
  for (const api of apis) await api.proc.stop().catch(() => undefined);
  await sandbox.proc.stop().catch(() => undefined);
}
process.exit(0);
