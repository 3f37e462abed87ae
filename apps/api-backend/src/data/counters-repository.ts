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

export type EarningsSums = { orderCount: number; grossAmount: number; refundedAmount: number };
export type EarningsCounterRow = EarningsSums & { key: string; tierId: string; currency: string };

type SumsRow = { key: string; tier_id: string; currency: string; n: string; gross: string; refunded: string };
const SUMS = sql`sum(order_count) as n, sum(gross_amount) as gross, sum(refunded_amount) as refunded`;
const NON_ZERO = sql`having sum(order_count) <> 0 or sum(gross_amount) <> 0 or sum(refunded_amount) <> 0`;
const toSums = (r: SumsRow): EarningsCounterRow => ({
  key: r.key,
  tierId: r.tier_id,
  currency: String(r.currency).trim(),
  orderCount: Number(r.n),
  grossAmount: Number(r.gross),
  refundedAmount: Number(r.refunded),
});

/**
 * An expert's paid orders (gross and refunded amounts) by tier: all time (`earnings_totals`), per UTC
 * month since `sinceMonth` (`earnings_monthly`) and per UTC day since `sinceDay` (`earnings_daily`),
 * each read by a range of its primary key. Every part is bounded by its window and the number of tiers,
 * never by the length of the history (migrations 0020 and 0021). One round trip.
 */
export async function earningsOfExpert(
  db: AnyKysely,
  expertId: string,
  window: { sinceDay: string; sinceMonth: string },
): Promise<{ totals: EarningsCounterRow[]; months: EarningsCounterRow[]; days: EarningsCounterRow[] }> {
  const { rows } = await sql<SumsRow & { part: 't' | 'm' | 'd' }>`
    select 't' as part, '' as key, tier_id, currency, ${SUMS}
    from earnings_totals where expert_id = ${expertId}
    group by tier_id, currency ${NON_ZERO}
    union all
    select 'm', to_char(month, 'YYYY-MM'), tier_id, currency, ${SUMS}
    from earnings_monthly where expert_id = ${expertId} and month >= ${window.sinceMonth}::date
    group by month, tier_id, currency ${NON_ZERO}
    union all
    select 'd', to_char(day, 'YYYY-MM-DD'), tier_id, currency, ${SUMS}
    from earnings_daily where expert_id = ${expertId} and day >= ${window.sinceDay}::date
    group by day, tier_id, currency ${NON_ZERO}
    order by 1, 2, 3`.execute(db);
  const pick = (part: string) => rows.filter((r) => r.part === part).map(toSums);
  return { totals: pick('t'), months: pick('m'), days: pick('d') };
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
