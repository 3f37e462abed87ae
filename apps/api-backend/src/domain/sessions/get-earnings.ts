/**
 * GET /api/desk/earnings: what the expert's paid orders brought in, net of refunds, by tier, by day (the
 * contract) and by month (`byMonth`, an extra field for monthly statements). UTC dates of payment.
 */
import type { EarningsResponse } from '@lumira/shared';
import { listOrdersOfExpert } from '../../data/orders-repository';
import type { PaymentsContext } from '../payments/payments-context';

export type EarningsWithMonths = EarningsResponse & {
  byMonth: { month: string; orderCount: number; netAmount: number }[];
};

export async function getEarnings(
  ctx: PaymentsContext,
  input: { expertId: string },
): Promise<EarningsWithMonths> {
  const orders = (await listOrdersOfExpert(ctx.db, input.expertId, {}, 100_000)).filter((o) => o.paidAt);
  const byTier = new Map<string, { orderCount: number; netAmount: number }>();
  const byDay = new Map<string, { orderCount: number; netAmount: number }>();
  const byMonth = new Map<string, { orderCount: number; netAmount: number }>();
  let gross = 0;
  let refunded = 0;
  for (const order of orders) {
    gross += order.amount.amount;
    refunded += order.refunded.amount;
    const net = order.amount.amount - order.refunded.amount;
    const day = order.paidAt!.toISOString().slice(0, 10);
    for (const [map, key] of [
      [byTier, order.tierId],
      [byDay, day],
      [byMonth, day.slice(0, 7)],
    ] as const) {
      const entry = map.get(key) ?? { orderCount: 0, netAmount: 0 };
      entry.orderCount += 1;
      entry.netAmount += net;
      map.set(key, entry);
    }
  }
  return {
    currency: orders[0]?.amount.currency ?? 'EUR',
    grossAmount: gross,
    refundedAmount: refunded,
    netAmount: gross - refunded,
    orderCount: orders.length,
    byTier: [...byTier].map(([tier, v]) => ({
      tier: tier as EarningsResponse['byTier'][number]['tier'],
      ...v,
    })),
    byMonth: [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v })),
    byDay: [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, v]) => ({ date, ...v })),
  };
}
