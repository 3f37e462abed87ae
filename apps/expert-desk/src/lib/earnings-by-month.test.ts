import { describe, expect, it } from 'vitest';
import { earningsByMonth } from './earnings-by-month';

describe('earningsByMonth', () => {
  it('sums days into months, newest first, in integer cents', () => {
    expect(
      earningsByMonth([
        { date: '2026-10-31', orderCount: 1, netAmount: 2900 },
        { date: '2026-11-01', orderCount: 2, netAmount: 7900 + 14900 },
        { date: '2026-11-26', orderCount: 1, netAmount: 3950 },
        { date: '2025-11-26', orderCount: 1, netAmount: 100 },
      ]),
    ).toEqual([
      { month: '2026-11', orderCount: 3, netAmount: 26750 },
      { month: '2026-10', orderCount: 1, netAmount: 2900 },
      { month: '2025-11', orderCount: 1, netAmount: 100 },
    ]);
  });

  it('keeps a month whose refunds exceed its sales (negative net)', () => {
    expect(earningsByMonth([{ date: '2026-12-02', orderCount: 0, netAmount: -3950 }])).toEqual([
      { month: '2026-12', orderCount: 0, netAmount: -3950 },
    ]);
  });

  it('is empty without any day', () => {
    expect(earningsByMonth([])).toEqual([]);
  });
});
