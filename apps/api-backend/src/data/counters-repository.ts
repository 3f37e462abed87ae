/**
 * Counters kept by the database's triggers in the same transaction as each change (migration 0020,
 * docs/decisions/0080): orders per expert and status, earnings per expert / UTC day / tier, payment
 * failures and refunds per UTC day. Each counter is split over slots; these reads add the slots up, so
 * their cost depends on the number of experts, statuses and days, never on the number of orders.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: the counter tables are read with raw SQL only.
type AnyKysely = Kysely<any>;

/** Orders per status, all experts together (the `lumira_orders_by_status` gauge). */
export async function countOrdersByStatusFromCounters(db: AnyKysely): Promise<Record<string, number>> {
  const { rows } = await sql<{ status: string; n: string }>`
    select status, sum(n) as n from order_counts group by status having sum(n) <> 0`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Orders in the given statuses per expert (expert assignment). */
export async function countOrdersByExpertFromCounters(
  db: AnyKysely,
  statuses: readonly string[],
): Promise<Map<string, number>> {
  const { rows } = await sql<{ expert_id: string; n: string }>`
    select expert_id, sum(n) as n from order_counts
    where status = any(${sql.val([...statuses])}::text[])
    group by expert_id`.execute(db);
  return new Map(rows.map((r) => [String(r.expert_id), Number(r.n)]));
}

export type EarningsCounterRow = {
  day: string;
  tierId: string;
  currency: string;
  orderCount: number;
  grossAmount: number;
  refundedAmount: number;
};

/** An expert's paid orders per UTC day of payment and tier (gross and refunded amounts). */
export async function earningsOfExpert(db: AnyKysely, expertId: string): Promise<EarningsCounterRow[]> {
  const { rows } = await sql<{
    day: string;
    tier_id: string;
    currency: string;
    order_count: string;
    gross_amount: string;
    refunded_amount: string;
  }>`
    select to_char(day, 'YYYY-MM-DD') as day, tier_id, currency, sum(order_count) as order_count,
           sum(gross_amount) as gross_amount, sum(refunded_amount) as refunded_amount
    from earnings_daily where expert_id = ${expertId}
    group by day, tier_id, currency
    having sum(order_count) <> 0 or sum(gross_amount) <> 0 or sum(refunded_amount) <> 0
    order by day, tier_id`.execute(db);
  return rows.map((r) => ({
    day: r.day,
    tierId: r.tier_id,
    currency: String(r.currency).trim(),
    orderCount: Number(r.order_count),
    grossAmount: Number(r.gross_amount),
    refundedAmount: Number(r.refunded_amount),
  }));
}

type DayRow = { date: string; count: number; amount: number };

/** The admin payments overview per UTC day since `since`: payments succeeded, failed, refunds. */
export async function paymentsOverviewFromCounters(
  db: AnyKysely,
  since: Date,
): Promise<{ succeeded: DayRow[]; failed: DayRow[]; refunds: DayRow[] }> {
  const sinceDay = since.toISOString().slice(0, 10);
  const [paid, other] = await Promise.all([
    sql<{ date: string; count: string; amount: string }>`
      select to_char(day, 'YYYY-MM-DD') as date, sum(order_count) as count, sum(gross_amount) as amount
      from earnings_daily where day >= ${sinceDay}::date
      group by day having sum(order_count) <> 0 order by day`.execute(db),
    sql<{ date: string; failed: string; refunds: string; refunded: string }>`
      select to_char(day, 'YYYY-MM-DD') as date, sum(failed_count) as failed, sum(refund_count) as refunds,
             sum(refunded_amount) as refunded
      from payments_daily where day >= ${sinceDay}::date
      group by day order by day`.execute(db),
  ]);
  return {
    succeeded: paid.rows.map((r) => ({ date: r.date, count: Number(r.count), amount: Number(r.amount) })),
    failed: other.rows
      .filter((r) => Number(r.failed) !== 0)
      .map((r) => ({ date: r.date, count: Number(r.failed), amount: 0 })),
    refunds: other.rows
      .filter((r) => Number(r.refunds) !== 0)
      .map((r) => ({ date: r.date, count: Number(r.refunds), amount: Number(r.refunded) })),
  };
}

/** Folds past days' counter slots into one row each (see migration 0020); answers the rows written. */
export async function compactCounters(db: AnyKysely): Promise<number> {
  const { rows } = await sql<{ n: string }>`select lumira_compact_counters() as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
