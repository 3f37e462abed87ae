// A small `npm run chaos`: a few dozen checkouts through the official SDK, sandbox faults on, two API
// processes on one PostgreSQL and Redis, one killed with SIGKILL and restarted, and every infrastructure
// fault once: sessions ended (twice, once while the provider is slow), the run's Redis stopped and
// started, the provider slowed to seconds, PostgreSQL restarted (when the run owns it), foreign
// PaymentIntents naming our orders. The money invariants hold and both API processes stay up.
import { describe, expect, it } from 'vitest';
import { runChaos } from '../chaos/chaos';

const db = process.env.LUMIRA_TEST_DB === 'server' ? 'server' : 'embedded';

describe('chaos harness (small run)', () => {
  it('loses, doubles and strands no payment under webhook faults, a killed instance, database, Redis and provider faults and foreign PaymentIntents', {
    timeout: 600_000,
  }, async () => {
    const lines: string[] = [];
    const report = await runChaos({
      checkouts: 36,
      concurrency: 6,
      db,
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
      'no order paid by a foreign PaymentIntent',
      'no request answered 500 (outages answer 503, which clients retry)',
      'API processes alive through every fault (only the planned SIGKILL)',
    ]);
    expect(report.faultErrors, lines.join('\n')).toEqual([]);
    expect(report.unplannedExits).toEqual([]);
    expect(report.outcomes['driver-error'] ?? 0).toBe(0);
    expect(report.outcomes['checkout-done']).toBe(36);
    expect(report.kill?.instance).toBe('api-b');
    // The faults really happened: duplicates and drops were delivered / recorded.
    expect(report.deliveries.duplicatesCopies).toBeGreaterThan(0);
    expect(report.deliveries.dropped).toBeGreaterThan(0);
    expect(report.invariants.counts.paidOrders).toBeGreaterThan(0);
    expect(report.invariants.counts.refunds.database).toBeGreaterThan(0);
    // Each infrastructure fault was injected: sessions really ended, Redis (the run's own) down and back,
    // the provider slowed, PostgreSQL restarted when the run owns it (a shared server: sessions ended).
    const faults = report.faultLog.map((f) => f.fault);
    expect(faults).toEqual(['db-terminate', 'redis-restart', 'db-terminate', 'slow-provider', 'pg-restart']);
    for (const f of report.faultLog.filter((x) => x.fault === 'db-terminate'))
      expect(Number(f.detail.split(' ')[0])).toBeGreaterThan(0);
    expect(report.settings.redis).not.toBe('redis://127.0.0.1:6379');
    expect(report.faultLog.find((f) => f.fault === 'pg-restart')?.detail).toMatch(
      db === 'embedded' ? /started again/ : /not restarted/,
    );
    // Foreign PaymentIntents of both kinds were injected and each was caught as an anomaly.
    expect(report.foreign.injected).toBe(3);
    expect(report.foreign.byReason).toEqual({ amount_mismatch: 2, foreign_payment_intent: 1 });
    expect(report.invariants.counts.anomaliesByReason).toEqual({
      amount_mismatch: 2,
      foreign_payment_intent: 1,
    });
    expect(report.ok).toBe(true);
  });
});
