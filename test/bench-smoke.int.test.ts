// A small run of `npm run bench` (seconds, a few connections): every scenario works end to end and the
// webhook scenario applies each signed event exactly once. It asserts behaviour, never speed.
import { describe, expect, it } from 'vitest';
import { runBench } from '../bench/bench';
import { renderRun } from '../bench/lib/report';

const db = process.env.LUMIRA_TEST_DB === 'server' ? 'server' : 'embedded';

describe('bench harness (small run)', () => {
  it('runs every scenario against real processes with no failed request and each webhook applied once', {
    timeout: 300_000,
  }, async () => {
    const lines: string[] = [];
    const connections = 4;
    const results = await runBench({
      connections,
      durationSeconds: 2,
      warmupSeconds: 0,
      maxWebhookEvents: 40,
      db,
      log: (line) => lines.push(line),
    });

    expect(results.scenarios.map((s) => s.id)).toEqual([
      'sandbox-create',
      'stripe-sample',
      'durable-sample',
      'create-payment-intent',
      'webhook',
      'order-read',
    ]);
    for (const scenario of results.scenarios) {
      expect(scenario.result.ok2xx, scenario.title).toBeGreaterThan(0);
      expect(
        scenario.result.non2xx,
        `${scenario.title}: ${JSON.stringify(scenario.result.statusCodes)}`,
      ).toBe(0);
      expect(scenario.result.errors + scenario.result.timeouts, scenario.title).toBe(0);
      expect(scenario.baseline.ok2xx, scenario.baseline.title).toBeGreaterThan(0);
    }
    const { checks } = results;
    expect(checks.ordersCreated).toBeGreaterThan(0);
    // Each confirmed PaymentIntent's signed event moved its order to paid, once.
    expect(checks.paymentIntentsConfirmed).toBe(Math.min(checks.ordersCreated, 40));
    expect(checks.ordersPaidInDatabase).toBe(checks.paymentIntentsConfirmed);
    expect(checks.webhookTransitions).toBe(checks.paymentIntentsConfirmed);
    expect(checks.orderReadsOk).toBe(results.scenarios.find((s) => s.id === 'order-read')?.result.ok2xx);
    expect(results.apiErrorLines).toBe(0);
    expect(results.peakRssMiB.api).toBeGreaterThan(0);
    expect(renderRun(results)).toContain('API POST /api/payments/create-payment-intent');
    // The peer and the checkout were measured in this run, and their ratio is recorded and rendered.
    const ratio = results.checkoutVsSample;
    expect(ratio?.sampleRps).toBe(
      results.scenarios.find((s) => s.id === 'stripe-sample')?.result.requestsPerSecond,
    );
    expect(ratio?.ratio).toBeGreaterThan(0);
    expect(renderRun(results)).toContain('Checkout against the Stripe sample server, same run');
    // The durable peer wrote one order per answered request and stored each one's PaymentIntent id
    // (no warm-up here; requests cut off when its measurement ended may add a row each).
    const durable = results.scenarios.find((s) => s.id === 'durable-sample');
    expect(checks.durableOrdersWithPaymentIntent).toBe(checks.durableOrders);
    expect(checks.durableOrders).toBeGreaterThanOrEqual(durable?.result.ok2xx ?? Number.POSITIVE_INFINITY);
    expect(checks.durableOrders).toBeLessThanOrEqual((durable?.result.ok2xx ?? 0) + connections);
    expect(ratio?.durableRps).toBe(durable?.result.requestsPerSecond);
    expect(ratio?.checkoutVsDurable).toBeGreaterThan(0);
    expect(renderRun(results)).toContain('checkout / durable sample');
    expect(renderRun(results)).toContain('durable sample / Stripe sample');
  });
});
