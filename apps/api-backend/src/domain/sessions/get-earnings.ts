/**
 * GET /api/desk/earnings: what the expert's paid orders brought in, net of refunds, by tier, by day (the
 * contract) and by month (`byMonth`, an extra field for monthly statements). UTC dates of payment.
 * Read from the per-day counters the database keeps with every payment and refund (migration 0020):
 * the cost grows with the number of days and tiers, not with the number of orders.
 */
import type { EarningsResponse } from '@lumira/shared';
import { earningsOfExpert } from '../../data/counters-repository';
import type { PaymentsContext } from '../payments/payments-context';

export type EarningsWithMonths = EarningsResponse & {
  byMonth: { month: string; orderCount: number; netAmount: number }[];
};

export async function getEarnings(
  ctx: PaymentsContext,
  input: { expertId: string },
): Promise<EarningsWithMonths> {
  const rows = await earningsOfExpert(ctx.db, input.expertId);
  const byTier = new Map<string, { orderCount: number; netAmount: number }>();
  const byDay = new Map<string, { orderCount: number; netAmount: number }>();
  const byMonth = new Map<string, { orderCount: number; netAmount: number }>();
  let gross = 0;
  let refunded = 0;
  let count = 0;
  for (const row of rows) {
    gross += row.grossAmount;
    refunded += row.refundedAmount;
    count += row.orderCount;
    const net = row.grossAmount - row.refundedAmount;
    for (const [map, key] of [
      [byTier, row.tierId],
      [byDay, row.day],
      [byMonth, row.day.slice(0, 7)],
    ] as const) {
      const entry = map.get(key) ?? { orderCount: 0, netAmount: 0 };
      entry.orderCount += row.orderCount;
      entry.netAmount += net;
      map.set(key, entry);
    }
  }
  return {
    currency: (rows[0]?.currency ?? 'EUR') as EarningsResponse['currency'],
    grossAmount: gross,
    refundedAmount: refunded,
    netAmount: gross - refunded,
    orderCount: count,
    byTier: [...byTier].map(([tier, v]) => ({
      tier: tier as EarningsResponse['byTier'][number]['tier'],
      ...v,
    })),
    byMonth: [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v })),
    byDay: [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, v]) => ({ date, ...v })),
  };
}
