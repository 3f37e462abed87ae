/**
 * GET /api/desk/earnings: what the expert's paid orders brought in, net of refunds: all-time totals and
 * by tier, by UTC month for the last `EARNINGS_MONTHS` months (`byMonth`, an extra field the desk shows)
 * and by UTC day for the last `days` days (the contract's `byDay`; default 31, at most 366). UTC dates
 * of payment. Read from the counters the database keeps with every payment and refund (migrations 0020
 * and 0021): the cost is bounded by the windows and the tiers, not by the orders nor the days of history.
 */
import type { EarningsResponse } from '@lumira/shared';
import { type EarningsCounterRow, earningsOfExpert } from '../../data/counters-repository';
import type { PaymentsContext } from '../payments/payments-context';

export const EARNINGS_DEFAULT_DAYS = 31;
export const EARNINGS_MONTHS = 24;

export type EarningsWithMonths = EarningsResponse & {
  byMonth: { month: string; orderCount: number; netAmount: number }[];
};

type Figure = { orderCount: number; netAmount: number };

/** Rows summed per key (tier, month or day) in their order: counts and net amounts. */
function fold<K extends string>(
  rows: EarningsCounterRow[],
  keyOf: (r: EarningsCounterRow) => string,
  name: K,
) {
  const out = new Map<string, Figure>();
  for (const row of rows) {
    const key = keyOf(row);
    const entry = out.get(key) ?? { orderCount: 0, netAmount: 0 };
    entry.orderCount += row.orderCount;
    entry.netAmount += row.grossAmount - row.refundedAmount;
    out.set(key, entry);
  }
  return [...out].map(([key, v]) => ({ [name]: key, ...v }) as { [P in K]: string } & Figure);
}

export async function getEarnings(
  ctx: PaymentsContext,
  input: { expertId: string; days?: number; now?: Date },
): Promise<EarningsWithMonths> {
  const now = input.now ?? new Date();
  const days = input.days ?? EARNINGS_DEFAULT_DAYS;
  const sinceDay = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const sinceMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (EARNINGS_MONTHS - 1), 1))
    .toISOString()
    .slice(0, 10);
  const {
    totals,
    months,
    days: perDay,
  } = await earningsOfExpert(ctx.db, input.expertId, { sinceDay, sinceMonth });
  let gross = 0;
  let refunded = 0;
  let count = 0;
  for (const row of totals) {
    gross += row.grossAmount;
    refunded += row.refundedAmount;
    count += row.orderCount;
  }
  return {
    currency: (totals[0]?.currency ?? 'EUR') as EarningsResponse['currency'],
    grossAmount: gross,
    refundedAmount: refunded,
    netAmount: gross - refunded,
    orderCount: count,
    byTier: fold(totals, (r) => r.tierId, 'tier') as EarningsResponse['byTier'],
    byMonth: fold(months, (r) => r.key, 'month'),
    byDay: fold(perDay, (r) => r.key, 'date'),
  };
}
