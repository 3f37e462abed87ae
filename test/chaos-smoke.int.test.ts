// A small `npm run chaos`: a few dozen checkouts through the official SDK, sandbox faults on, two API
// processes on one PostgreSQL and Redis, one killed with SIGKILL and restarted; the money invariants hold.
import { describe, expect, it } from 'vitest';
import { runChaos } from '../chaos/chaos';

const db = process.env.LUMIRA_TEST_DB === 'server' ? 'server' : 'embedded';

describe('chaos harness (small run)', () => {
  it('loses, doubles and strands no payment when webhooks are duplicated, shuffled and dropped and an instance is killed', {
    timeout: 420_000,
  }, async () => {
    const lines: string[] = [];
    const report = await runChaos({
      checkouts: 36,
      concurrency: 6,
      db,
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      log: (line) => lines.push(line),
    });
    const failed = report.invariants.results.filter((r) => !r.ok);
    expect(failed, lines.join('\n')).toEqual([]);
    expect(report.invariants.results.map((r) => r.name)).toEqual([
      'every succeeded PaymentIntent has exactly one paid order',
      'every paid order has a succeeded PaymentIntent for its amount',
      'totals in the database equal totals at the provider',
      'every webhook event applied once',
      'no order left pending after reconciliation',
      'refunds issued during the run settled',
    ]);
    expect(report.outcomes['driver-error'] ?? 0).toBe(0);
    expect(report.outcomes['checkout-done']).toBe(36);
    expect(report.kill?.instance).toBe('api-b');
    // The faults really happened: duplicates and drops were delivered / recorded.
    expect(report.deliveries.duplicatesCopies).toBeGreaterThan(0);
    expect(report.deliveries.dropped).toBeGreaterThan(0);
    expect(report.invariants.counts.paidOrders).toBeGreaterThan(0);
    expect(report.invariants.counts.refunds.database).toBeGreaterThan(0);
    expect(report.ok).toBe(true);
  });
});
