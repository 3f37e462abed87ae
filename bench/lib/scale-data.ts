/**
 * Bulk data for `npm run bench:scale`: customers and orders written straight into PostgreSQL with
 * `generate_series` (one INSERT ... SELECT per table and batch), after the API has created the schema.
 *
 * The mix (by order number i): 2 % pending_payment, 2 % paid, 4 % expired, 2 % refunded (with a
 * succeeded refund row), the rest completed. Every order has its history rows (1 to 4), every order that
 * was paid has its webhook inbox row. Orders are spread over the 3 bench experts, 60 % of them belong to
 * one of the customers (the rest are guest orders), and `created_at` grows with i (30 s apart, the
 * newest ending about now), so loading more orders appends newer ones.
 *
 * Loaded rows follow fixed patterns so that the bench can address them:
 *   order id      'a' + 23 hex digits of i          access token  'scale-token-<i>'
 *   customer id   'c' + 23 hex digits of k          email         'customer<k>@scale.test'
 *   refund id     'd' + 23 hex digits of i
 */
import { REFUND_POLICY_VERSION } from '@lumira/shared';
import type pg from 'pg';

export const SCALE_EXPERT_IDS = [
  '674123456789abcdef012345',
  '674123456789abcdef012346',
  '674123456789abcdef012347',
] as const;
export const SCALE_ORDER_SPACING_SECONDS = 30;
/** Orders written per statement (keeps each transaction and its WAL burst moderate). */
const BATCH = 100_000;

export function scaleOrderId(i: number): string {
  return `a${i.toString(16).padStart(23, '0')}`;
}
export function scaleOrderToken(i: number): string {
  return `scale-token-${i}`;
}
export function scaleCustomerEmail(k: number): string {
  return `customer${k}@scale.test`;
}
/** Order i's customer number (k), or null for a guest order. */
export function scaleOrderCustomer(i: number, customers: number): number | null {
  return i % 10 < 6 ? (i % customers) + 1 : null;
}
/** Status of order i in the mix. */
export function scaleOrderStatus(i: number): string {
  const r = i % 50;
  if (r === 0) return 'pending_payment';
  if (r === 1) return 'paid';
  if (r === 2 || r === 3) return 'expired';
  if (r === 4) return 'refunded';
  return 'completed';
}

export async function loadCustomers(client: pg.Client, count: number, passwordHash: string): Promise<void> {
  await client.query(
    `INSERT INTO users (id, email, name, role, password_hash)
     SELECT 'c' || lpad(to_hex(k), 23, '0'), 'customer' || k || '@scale.test', 'Client ' || k, 'customer', $2
     FROM generate_series(1, $1::int) AS k`,
    [count, passwordHash],
  );
}

/**
 * Appends orders number `from` .. `to - 1` (and their history, inbox and refund rows). `baseEpoch` is
 * the creation time of order 0 in seconds since the epoch.
 */
export async function loadOrders(
  client: pg.Client,
  options: { from: number; to: number; customers: number; baseEpoch: number },
  onBatch: (done: number) => void = () => undefined,
): Promise<void> {
  for (let start = options.from; start < options.to; start += BATCH) {
    const end = Math.min(options.to, start + BATCH);
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE scale_batch ON COMMIT DROP AS
       SELECT i,
              'a' || lpad(to_hex(i), 23, '0') AS id,
              (ARRAY['674123456789abcdef012345','674123456789abcdef012346','674123456789abcdef012347'])[1 + i % 3] AS expert_id,
              CASE i % 3
                WHEN 0 THEN (ARRAY['basic','premium','vip'])[1 + (i / 3) % 3]
                WHEN 1 THEN (ARRAY['basic','premium'])[1 + (i / 3) % 2]
                ELSE (ARRAY['premium','vip'])[1 + (i / 3) % 2]
              END AS tier_id,
              CASE WHEN i % 10 < 6 THEN (i % $3::int) + 1 END AS customer,
              CASE
                WHEN i % 50 = 0 THEN 'pending_payment'
                WHEN i % 50 = 1 THEN 'paid'
                WHEN i % 50 IN (2, 3) THEN 'expired'
                WHEN i % 50 = 4 THEN 'refunded'
                ELSE 'completed'
              END AS status,
              to_timestamp($4::bigint + i::bigint * ${SCALE_ORDER_SPACING_SECONDS}) AS created_at
       FROM generate_series($1::int, $2::int - 1) AS i`,
      [start, end, options.customers, options.baseEpoch],
    );
    await client.query(
      `INSERT INTO orders (id, tier_id, tier_name, amount, currency, duration_minutes, refund_policy_version,
         customer_email, customer_name, user_id, expert_id, payment_intent_id, access_token_hash, status,
         created_at, updated_at, paid_at, expires_at, session_started_at, session_ended_at, session_end_reason,
         refunded_amount)
       SELECT b.id, b.tier_id, t.name, t.price_amount, t.currency, t.duration_minutes, $1,
         CASE WHEN b.customer IS NULL THEN 'guest' || b.i || '@example.org' ELSE 'customer' || b.customer || '@scale.test' END,
         CASE WHEN b.customer IS NULL THEN 'Invité ' || b.i ELSE 'Client ' || b.customer END,
         CASE WHEN b.customer IS NULL THEN NULL ELSE 'c' || lpad(to_hex(b.customer), 23, '0') END,
         b.expert_id,
         CASE WHEN b.status IN ('pending_payment', 'expired') THEN NULL ELSE 'pi_scale' || b.i END,
         encode(sha256(convert_to('lumira-order-token:scale-token-' || b.i, 'UTF8')), 'hex'),
         b.status,
         b.created_at,
         b.created_at + CASE b.status WHEN 'completed' THEN interval '3 hours' WHEN 'refunded' THEN interval '1 day' WHEN 'expired' THEN interval '30 minutes' WHEN 'paid' THEN interval '2 minutes' ELSE interval '0' END,
         CASE WHEN b.status IN ('paid', 'completed', 'refunded') THEN b.created_at + interval '2 minutes' END,
         b.created_at + interval '30 minutes',
         CASE WHEN b.status = 'completed' THEN b.created_at + interval '2 hours' END,
         CASE WHEN b.status = 'completed' THEN b.created_at + interval '2 hours' + make_interval(mins => t.duration_minutes) END,
         CASE WHEN b.status = 'completed' THEN 'completed' END,
         CASE WHEN b.status = 'refunded' THEN t.price_amount ELSE 0 END
       FROM scale_batch b JOIN service_tiers t ON t.id = b.tier_id`,
      [REFUND_POLICY_VERSION],
    );
    await client.query(
      `INSERT INTO order_events (order_id, from_status, to_status, cause, note, at)
       SELECT b.id, e.from_status, e.to_status, e.cause, e.note, b.created_at + e.after
       FROM scale_batch b
       CROSS JOIN LATERAL (VALUES
         (1, NULL::text, 'pending_payment', 'customer', 'order created', interval '0'),
         (2, 'pending_payment', 'paid', 'provider_event', NULL, interval '2 minutes'),
         (3, 'pending_payment', 'expired', 'reconciliation', 'not paid in time', interval '30 minutes'),
         (4, 'paid', 'in_session', 'expert', NULL, interval '2 hours'),
         (5, 'in_session', 'completed', 'expert', NULL, interval '3 hours'),
         (6, 'paid', 'refunded', 'provider_event', 'refund succeeded', interval '1 day')
       ) AS e(step, from_status, to_status, cause, note, after)
       WHERE e.step = 1
          OR (e.step = 2 AND b.status IN ('paid', 'completed', 'refunded'))
          OR (e.step = 3 AND b.status = 'expired')
          OR (e.step IN (4, 5) AND b.status = 'completed')
          OR (e.step = 6 AND b.status = 'refunded')
       ORDER BY b.i, e.step`,
    );
    await client.query(
      `INSERT INTO payment_events (id, type, object_id, order_id, received_at, processed_at)
       SELECT 'evt_scale' || b.i, 'payment_intent.succeeded', 'pi_scale' || b.i, b.id,
              b.created_at + interval '2 minutes', b.created_at + interval '2 minutes'
       FROM scale_batch b WHERE b.status IN ('paid', 'completed', 'refunded')`,
    );
    await client.query(
      `INSERT INTO refunds (id, order_id, stripe_refund_id, amount, currency, status, reason, idempotency_key,
         requested_by, created_at, updated_at)
       SELECT 'd' || lpad(to_hex(b.i), 23, '0'), b.id, 're_scale' || b.i, o.amount, o.currency, 'succeeded',
              'customer cancelled before the session', 'refund:d' || lpad(to_hex(b.i), 23, '0'), NULL,
              b.created_at + interval '20 hours', b.created_at + interval '1 day'
       FROM scale_batch b JOIN orders o ON o.id = b.id WHERE b.status = 'refunded'`,
    );
    await client.query('COMMIT');
    onBatch(end - options.from);
  }
}

/**
 * After a bulk load: fold the counters of past days (what the API's reconciliation pass does every few
 * minutes), refresh the planner's statistics (what autovacuum would do a little later) and compact the
 * earnings roll-ups the load rewrote in bulk.
 */
export async function analyzeTables(client: pg.Client): Promise<void> {
  await client.query('SELECT lumira_compact_counters()');
  await client.query(
    'VACUUM ANALYZE orders, order_events, payment_events, refunds, users, order_counts, earnings_daily, payments_daily',
  );
  // The earnings roll-ups (migration 0021) are moved by a row trigger on earnings_daily: a bulk load
  // rewrites each of their few hundred rows tens of thousands of times in one transaction, leaving
  // thousands of dead pages that no vacuum could reclaim meanwhile. Payments arriving one at a time
  // leave one dead version each, which autovacuum reuses; so the bench compacts them once after loading.
  await client.query('VACUUM FULL ANALYZE earnings_monthly, earnings_totals');
  // The daily counters the same way: the load writes 16 slots per expert, tier and day, then
  // lumira_compact_counters() folds past days into one row each, so the 1,000,000-order load left
  // earnings_daily at 2,491 live rows in 525 pages and payments_daily at 364 rows in 146 pages, where
  // payments arriving over a year (one slot row updated in place, folded the next day, the space reused)
  // leave about 31 and 3. Compacted, the year-long reads of earnings and the payments overview read 58
  // and 37 buffers instead of 552 and 674.
  await client.query('VACUUM FULL ANALYZE earnings_daily, payments_daily');
}
