import type { EarningsResponse } from '@lumira/shared';

export type MonthEarnings = { month: string; orderCount: number; netAmount: number };

/** Folds the API's per-day earnings into calendar months ("2026-11"), newest month first. */
export function earningsByMonth(byDay: EarningsResponse['byDay']): MonthEarnings[] {
  const months = new Map<string, MonthEarnings>();
  for (const day of byDay) {
    const month = day.date.slice(0, 7);
    const entry = months.get(month) ?? { month, orderCount: 0, netAmount: 0 };
    entry.orderCount += day.orderCount;
    entry.netAmount += day.netAmount;
    months.set(month, entry);
  }
  return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
}
