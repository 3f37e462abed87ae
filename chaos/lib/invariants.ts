/**
 * The money invariants checked at the end of a chaos run, against the database (pg) and the provider
 * (the official SDK listing everything the sandbox holds).
 */
import type { Delivery } from '@lumira/stripe-sandbox';
import pg from 'pg';
import type Stripe from 'stripe';

export interface InvariantResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface InvariantReport {
  ok: boolean;
  results: InvariantResult[];
  counts: {
    orders: number;
    ordersByStatus: Record<string, number>;
    paymentIntents: number;
    paymentIntentsByStatus: Record<string, number>;
    paidOrders: number;
    paidTotalCents: { database: number; provider: number };
    refunds: {
      database: number;
      provider: number;
      succeededCents: { database: number; provider: number; orders: number };
    };
    webhookEvents: { deliveredOk: number; inbox: number; providerEvents: number };
    /** History entries by cause and target status (who moved the orders: webhook, return path, reconciliation). */
    transitionsByCause: Record<string, number>;
    /** Rows of payment_anomalies by reason (PaymentIntents that named an order but could not pay it). */
    anomaliesByReason: Record<string, number>;
  };
  lines: string[];
}

/** A PaymentIntent the run created directly at the provider, naming one of its orders (never ours). */
export interface ForeignPaymentIntent {
  id: string;
  orderId: string;
  /** The anomaly the API must record: wrong money, or the right money on an order that has its own. */
  expected: 'amount_mismatch' | 'foreign_payment_intent';
}

export interface AnomalyRow {
  payment_intent_id: string;
  order_id: string;
  reason: string;
}

/**
 * No order is paid by a foreign PaymentIntent: none is stored on an order, each is recorded as an
 * anomaly of the order it names with the expected reason, and each that took money was refunded in full
 * at the provider (succeeded refunds summing to its amount received).
 */
export function foreignPaymentIntentProblems(input: {
  foreign: ForeignPaymentIntent[];
  orders: { id: string; payment_intent_id: string | null; status: string }[];
  anomalies: AnomalyRow[];
  paymentIntents: { id: string; status: string; amount_received: number }[];
  providerRefunds: { payment_intent: string | null; status: string | null; amount: number }[];
}): string[] {
  const problems: string[] = [];
  const foreignIds = new Set(input.foreign.map((f) => f.id));
  for (const o of input.orders)
    if (o.payment_intent_id && foreignIds.has(o.payment_intent_id))
      problems.push(`order ${o.id} (${o.status}) holds foreign PaymentIntent ${o.payment_intent_id}`);
  const anomalyByPi = new Map(input.anomalies.map((a) => [a.payment_intent_id, a]));
  const piById = new Map(input.paymentIntents.map((p) => [p.id, p]));
  for (const f of input.foreign) {
    const anomaly = anomalyByPi.get(f.id);
    if (!anomaly) problems.push(`${f.id}: not recorded as an anomaly`);
    else if (anomaly.order_id.trim() !== f.orderId || anomaly.reason !== f.expected)
      problems.push(
        `${f.id}: recorded as ${anomaly.reason} of ${anomaly.order_id}, expected ${f.expected} of ${f.orderId}`,
      );
    const pi = piById.get(f.id);
    if (!pi) {
      problems.push(`${f.id}: unknown to the provider`);
      continue;
    }
    if (pi.status !== 'succeeded') continue;
    const refunded = input.providerRefunds
      .filter((r) => r.payment_intent === f.id && r.status === 'succeeded')
      .reduce((s, r) => s + r.amount, 0);
    if (refunded !== pi.amount_received)
      problems.push(`${f.id}: took ${pi.amount_received}, refunded ${refunded}`);
  }
  return problems;
}

const PENDING = ['pending_payment', 'requires_action', 'payment_failed'];
const NEVER_PAID = ['pending_payment', 'requires_action', 'payment_failed', 'expired'];

interface OrderRow {
  id: string;
  status: string;
  amount: number;
  payment_intent_id: string | null;
  paid_at: Date | null;
  refunded_amount: number;
}

/** Every item of an SDK list, page by page (`starting_after`). */
async function listAll<T>(list: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of list) items.push(item);
  return items;
}

export async function checkInvariants(input: {
  databaseUrl: string;
  stripe: Stripe;
  deliveries: Delivery[];
  /** PaymentIntents the run created directly at the provider naming its orders (none: no such check). */
  foreign?: ForeignPaymentIntent[];
}): Promise<InvariantReport> {
  const foreign = input.foreign ?? [];
  const foreignIds = new Set(foreign.map((f) => f.id));
  const client = new pg.Client({ connectionString: input.databaseUrl });
  await client.connect();
  let orders: OrderRow[];
  let refunds: {
    id: string;
    order_id: string;
    stripe_refund_id: string | null;
    amount: number;
    status: string;
  }[];
  let inbox: { id: string; type: string }[];
  let history: { order_id: string; from_status: string | null; to_status: string; n: string }[];
  let causes: { cause: string; to_status: string; n: string }[];
  let paidTwice: { order_id: string; n: string }[];
  let anomalies: AnomalyRow[];
  try {
    orders = (
      await client.query<OrderRow>(
        'SELECT id, status, amount, payment_intent_id, paid_at, refunded_amount FROM orders',
      )
    ).rows;
    refunds = (await client.query('SELECT id, order_id, stripe_refund_id, amount, status FROM refunds')).rows;
    inbox = (await client.query('SELECT id, type FROM payment_events')).rows;
    history = (
      await client.query(
        `SELECT order_id, from_status, to_status, count(*) AS n FROM order_events
         GROUP BY order_id, from_status, to_status HAVING count(*) > 1`,
      )
    ).rows;
    // A payment is applied once per order: a second move into `paid` (e.g. cancelled -> paid after the
    // order had been paid) would mean a re-settlement moved the order backwards.
    paidTwice = (
      await client.query(
        `SELECT order_id, count(*) AS n FROM order_events WHERE to_status = 'paid'
         GROUP BY order_id HAVING count(*) > 1`,
      )
    ).rows;
    anomalies = (
      await client.query<AnomalyRow>('SELECT payment_intent_id, order_id, reason FROM payment_anomalies')
    ).rows;
    causes = (
      await client.query(
        'SELECT cause, to_status, count(*) AS n FROM order_events GROUP BY cause, to_status ORDER BY cause, to_status',
      )
    ).rows;
  } finally {
    await client.end();
  }

  const pis = await listAll(input.stripe.paymentIntents.list({ limit: 100 }));
  const providerRefunds = await listAll(input.stripe.refunds.list({ limit: 100 }));
  const events = await listAll(input.stripe.events.list({ limit: 100 }));

  const results: InvariantResult[] = [];
  const check = (name: string, problems: string[], okDetail: string) => {
    results.push({
      name,
      ok: problems.length === 0,
      detail:
        problems.length === 0
          ? okDetail
          : `${problems.length} problem(s): ${problems.slice(0, 5).join('; ')}`,
    });
  };

  const ordersByPi = new Map<string, OrderRow[]>();
  for (const o of orders) {
    if (!o.payment_intent_id) continue;
    const list = ordersByPi.get(o.payment_intent_id) ?? [];
    list.push(o);
    ordersByPi.set(o.payment_intent_id, list);
  }
  const piById = new Map(pis.map((p) => [p.id, p]));
  // Ours: created by the API for an order (the run's foreign PaymentIntents name orders too).
  const ours = pis.filter((p) => p.metadata?.orderId && !foreignIds.has(p.id));
  const succeeded = ours.filter((p) => p.status === 'succeeded');
  const paidOrders = orders.filter((o) => o.paid_at !== null);

  // 1. every succeeded PaymentIntent has exactly one paid order
  {
    const problems: string[] = [];
    for (const pi of succeeded) {
      const list = ordersByPi.get(pi.id) ?? [];
      if (list.length !== 1) problems.push(`${pi.id}: ${list.length} orders`);
      else if (list[0]!.paid_at === null || NEVER_PAID.includes(list[0]!.status)) {
        problems.push(`${pi.id}: order ${list[0]!.id} is ${list[0]!.status}`);
      } else if (list[0]!.id !== pi.metadata.orderId) problems.push(`${pi.id}: metadata names another order`);
    }
    check(
      'every succeeded PaymentIntent has exactly one paid order',
      problems,
      `${succeeded.length} succeeded PaymentIntents, each with one paid order`,
    );
  }
  // 2. every paid order has a succeeded PaymentIntent for its amount
  {
    const problems: string[] = [];
    for (const o of paidOrders) {
      const pi = o.payment_intent_id ? piById.get(o.payment_intent_id) : undefined;
      if (!pi) problems.push(`${o.id}: no PaymentIntent at the provider`);
      else if (pi.status !== 'succeeded') problems.push(`${o.id}: PaymentIntent ${pi.id} is ${pi.status}`);
      else if (pi.amount_received !== o.amount)
        problems.push(`${o.id}: paid ${pi.amount_received} for ${o.amount}`);
    }
    check(
      'every paid order has a succeeded PaymentIntent for its amount',
      problems,
      `${paidOrders.length} paid orders`,
    );
  }
  // 3. totals
  const dbPaid = paidOrders.reduce((s, o) => s + o.amount, 0);
  const providerPaid = succeeded.reduce((s, p) => s + p.amount_received, 0);
  const dbRefundsOk = refunds.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amount, 0);
  const orderRefunded = orders.reduce((s, o) => s + o.refunded_amount, 0);
  // Refunds of the orders' own payments (the refunds of foreign PaymentIntents are checked apart).
  const refundPi = (r: Stripe.Refund) =>
    typeof r.payment_intent === 'string' ? r.payment_intent : (r.payment_intent?.id ?? null);
  const ourRefunds = providerRefunds.filter((r) => {
    const pi = refundPi(r);
    return r.metadata?.refundId && !(pi && foreignIds.has(pi));
  });
  const providerRefundsOk = ourRefunds
    .filter((r) => r.status === 'succeeded')
    .reduce((s, r) => s + r.amount, 0);
  check(
    'totals in the database equal totals at the provider',
    [
      ...(dbPaid !== providerPaid
        ? [`paid ${dbPaid} in the database vs ${providerPaid} at the provider`]
        : []),
      ...(dbRefundsOk !== providerRefundsOk
        ? [`refunded ${dbRefundsOk} in the database vs ${providerRefundsOk} at the provider`]
        : []),
      ...(orderRefunded !== dbRefundsOk
        ? [`orders.refunded_amount ${orderRefunded} vs refunds ${dbRefundsOk}`]
        : []),
    ],
    `paid ${dbPaid} cents = ${providerPaid}; refunded ${dbRefundsOk} cents = ${providerRefundsOk} = sum of orders.refunded_amount`,
  );
  // 4. every webhook event applied once
  const deliveredOk = new Set(
    input.deliveries.filter((d) => d.outcome === 'succeeded').map((d) => d.eventId),
  );
  const inboxIds = new Set(inbox.map((e) => e.id));
  {
    const problems: string[] = [];
    for (const id of deliveredOk)
      if (!inboxIds.has(id)) problems.push(`${id} answered 2xx but not in the inbox`);
    const providerEventIds = new Set(events.map((e) => e.id));
    for (const id of inboxIds) {
      if (!providerEventIds.has(id)) problems.push(`${id} in the inbox but unknown to the provider`);
    }
    for (const h of history) {
      problems.push(`order ${h.order_id}: ${h.from_status ?? '∅'} -> ${h.to_status} recorded ${h.n} times`);
    }
    for (const p of paidTwice) problems.push(`order ${p.order_id}: moved into paid ${p.n} times`);
    check(
      'every webhook event applied once',
      problems,
      `${deliveredOk.size} events acknowledged, each once in the inbox (${inbox.length} rows, primary key on the event id); no transition recorded twice, no order moved into paid twice`,
    );
  }
  // 5. nothing pending
  {
    const pending = orders.filter((o) => PENDING.includes(o.status));
    const processing = ours.filter((p) => p.status === 'processing' || p.status === 'requires_capture');
    check(
      'no order left pending after reconciliation',
      [
        ...pending.map((o) => `${o.id} still ${o.status}`),
        ...processing.map((p) => `${p.id} still ${p.status} at the provider`),
      ],
      `0 of ${orders.length} orders awaiting payment`,
    );
  }
  // 6. refunds settled
  {
    const problems: string[] = [];
    for (const r of refunds) if (r.status !== 'succeeded') problems.push(`refund ${r.id} is ${r.status}`);
    const byProviderId = new Map(refunds.map((r) => [r.stripe_refund_id, r]));
    for (const pr of ourRefunds) {
      const row = byProviderId.get(pr.id);
      if (!row) problems.push(`provider refund ${pr.id} has no row`);
      else if (row.status !== pr.status)
        problems.push(`refund ${row.id} is ${row.status}, provider says ${pr.status}`);
      else if (row.amount !== pr.amount)
        problems.push(`refund ${row.id} amount ${row.amount} vs ${pr.amount}`);
    }
    const byOrder = new Map<string, number>();
    for (const r of refunds)
      if (r.status === 'succeeded') byOrder.set(r.order_id, (byOrder.get(r.order_id) ?? 0) + r.amount);
    for (const o of orders) {
      const sum = byOrder.get(o.id) ?? 0;
      if (sum !== o.refunded_amount)
        problems.push(`order ${o.id} refunded_amount ${o.refunded_amount} vs ${sum}`);
      if (sum > 0 && sum === o.amount && o.status !== 'refunded')
        problems.push(`order ${o.id} fully refunded but ${o.status}`);
    }
    check(
      'refunds issued during the run settled',
      problems,
      `${refunds.length} refunds, all succeeded, matching the provider`,
    );
  }

  // 7. foreign PaymentIntents naming our orders never paid them
  if (input.foreign) {
    const foreignRefunded = providerRefunds
      .filter((r) => {
        const pi = refundPi(r);
        return pi && foreignIds.has(pi) && r.status === 'succeeded';
      })
      .reduce((s, r) => s + r.amount, 0);
    check(
      'no order paid by a foreign PaymentIntent',
      foreignPaymentIntentProblems({
        foreign,
        orders,
        anomalies,
        paymentIntents: pis,
        providerRefunds: providerRefunds.map((r) => ({
          payment_intent: refundPi(r),
          status: r.status,
          amount: r.amount,
        })),
      }),
      `${foreign.length} foreign PaymentIntents, none on an order, each recorded as an anomaly; ${foreignRefunded} cents taken by them refunded in full`,
    );
  }

  const tally = (values: string[]) => {
    const out: Record<string, number> = {};
    for (const v of values) out[v] = (out[v] ?? 0) + 1;
    return out;
  };
  const report: InvariantReport = {
    ok: results.every((r) => r.ok),
    results,
    counts: {
      orders: orders.length,
      ordersByStatus: tally(orders.map((o) => o.status)),
      paymentIntents: ours.length,
      paymentIntentsByStatus: tally(ours.map((p) => p.status)),
      paidOrders: paidOrders.length,
      paidTotalCents: { database: dbPaid, provider: providerPaid },
      refunds: {
        database: refunds.length,
        provider: ourRefunds.length,
        succeededCents: { database: dbRefundsOk, provider: providerRefundsOk, orders: orderRefunded },
      },
      webhookEvents: { deliveredOk: deliveredOk.size, inbox: inbox.length, providerEvents: events.length },
      transitionsByCause: Object.fromEntries(
        causes.map((c) => [`${c.cause} -> ${c.to_status}`, Number(c.n)]),
      ),
      anomaliesByReason: tally(anomalies.map((a) => a.reason)),
    },
    lines: [],
  };
  report.lines = [
    `orders by status: ${JSON.stringify(report.counts.ordersByStatus)}`,
    `PaymentIntents by status: ${JSON.stringify(report.counts.paymentIntentsByStatus)}`,
    `transitions by cause: ${JSON.stringify(report.counts.transitionsByCause)}`,
    `payment anomalies by reason: ${JSON.stringify(report.counts.anomaliesByReason)}`,
    ...results.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: ${r.detail}`),
  ];
  return report;
}
