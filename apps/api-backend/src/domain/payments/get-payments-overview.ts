/** GET /api/admin/payments/overview?days=N: per UTC day, payments succeeded / failed and refunds. */
import type { PaymentsOverview } from '@lumira/shared';
import { paymentsOverviewFromCounters } from '../../data/counters-repository';
import type { PaymentsContext } from './payments-context';

export async function getPaymentsOverview(
  ctx: PaymentsContext,
  input: { days?: number },
): Promise<PaymentsOverview> {
  const days = Math.min(Math.max(input.days ?? 30, 1), 366);
  const since = new Date(Date.now() - (days - 1) * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  const rows = await paymentsOverviewFromCounters(ctx.db, since);
  const byDate = new Map<string, PaymentsOverview['days'][number]>();
  const day = (date: string) => {
    let entry = byDate.get(date);
    if (!entry) {
      entry = {
        date,
        succeededCount: 0,
        succeededAmount: 0,
        failedCount: 0,
        refundCount: 0,
        refundedAmount: 0,
      };
      byDate.set(date, entry);
    }
    return entry;
  };
  for (const r of rows.succeeded)
    Object.assign(day(r.date), { succeededCount: r.count, succeededAmount: r.amount });
  for (const r of rows.failed) day(r.date).failedCount = r.count;
  for (const r of rows.refunds)
    Object.assign(day(r.date), { refundCount: r.count, refundedAmount: r.amount });
  const list = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const totals = list.reduce(
    (t, d) => ({
      succeededCount: t.succeededCount + d.succeededCount,
      succeededAmount: t.succeededAmount + d.succeededAmount,
      failedCount: t.failedCount + d.failedCount,
      refundCount: t.refundCount + d.refundCount,
      refundedAmount: t.refundedAmount + d.refundedAmount,
    }),
    { succeededCount: 0, succeededAmount: 0, failedCount: 0, refundCount: 0, refundedAmount: 0 },
  );
  return { currency: 'EUR', days: list, totals };
}
