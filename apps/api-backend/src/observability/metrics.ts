/**
 * Prometheus metrics (GET /metrics). One registry per API instance (tests start several per process).
 * Every metric is defined here; the payments use cases increment the payment/webhook/refund/
 * reconciliation ones, the HTTP layer observes request durations, and `orders_by_status` is collected
 * from the database at scrape time.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type CreateMetricsOptions = {
  /** Outbox rows per status, read at scrape time (null: not collected). */
  countMailsByStatus?: (() => Promise<Record<string, number>>) | null;
  /** Counts of orders per status, read at scrape time (null: not collected). */
  countOrdersByStatus?: (() => Promise<Record<string, number>>) | null;
  /** Process metrics (CPU, memory, event loop). Default true. */
  collectDefault?: boolean;
};

export function createMetrics(options: CreateMetricsOptions = {}) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'lumira-api' });
  if (options.collectDefault !== false) collectDefaultMetrics({ register: registry, prefix: 'lumira_' });

  const paymentsSucceeded = new Counter({
    name: 'lumira_payments_succeeded_total',
    help: 'Orders that became paid (counted once per order, at the transition).',
    labelNames: ['tier', 'via'] as const,
    registers: [registry],
  });
  const paymentsFailed = new Counter({
    name: 'lumira_payments_failed_total',
    help: 'Payment attempts that failed (declined, 3-D Secure failed, canceled).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const webhookLag = new Histogram({
    name: 'lumira_webhook_lag_seconds',
    help: 'Seconds between a provider event being created and this API processing it.',
    labelNames: ['type'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  });
  const webhookDuplicates = new Counter({
    name: 'lumira_webhook_duplicates_total',
    help: 'Webhook deliveries of an event id already processed (answered 200, no effect).',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const webhookEvents = new Counter({
    name: 'lumira_webhook_events_total',
    help: 'Verified webhook deliveries by outcome (processed, duplicate, ignored, retry_later, failed).',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const httpRequestDuration = new Histogram({
    name: 'lumira_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const ordersByStatus = new Gauge({
    name: 'lumira_orders_by_status',
    help: 'Orders currently in each status (read from the database at scrape time).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      if (!options.countOrdersByStatus) return;
      const counts = await options.countOrdersByStatus();
      this.reset();
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });
  const reconciliationFixes = new Counter({
    name: 'lumira_reconciliation_fixes_total',
    help: 'Orders or refunds the reconciliation job corrected (settled, failed, expired, refund_settled).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const reconciliationRuns = new Counter({
    name: 'lumira_reconciliation_runs_total',
    help: 'Reconciliation job runs by outcome (ok, error).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const refunds = new Counter({
    name: 'lumira_refunds_total',
    help: 'Refunds by final or current status (requested, pending, succeeded, failed).',
    labelNames: ['status', 'reason'] as const,
    registers: [registry],
  });
  const refundedAmount = new Counter({
    name: 'lumira_refunded_amount_minor_total',
    help: 'Money refunded successfully, in minor units (cents).',
    labelNames: ['currency'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'lumira_rate_limited_total',
    help: 'Requests answered 429 by a rate limiter.',
    labelNames: ['limiter'] as const,
    registers: [registry],
  });

  const paymentAnomalies = new Counter({
    name: 'lumira_payment_anomalies_total',
    help: 'PaymentIntents naming one of our orders that did not pay it (amount/currency mismatch, foreign PaymentIntent), by reason; each is refunded automatically.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });

  const emailsSent = new Counter({
    name: 'lumira_emails_sent_total',
    help: 'E-mails handed to the SMTP server, by kind (each outbox row counted once).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const emailFailures = new Counter({
    name: 'lumira_email_failures_total',
    help: 'Failed e-mail attempts by kind; final="true" when the e-mail was given up (admins see it).',
    labelNames: ['kind', 'final'] as const,
    registers: [registry],
  });
  const emailOutbox = new Gauge({
    name: 'lumira_email_outbox',
    help: 'E-mails in the outbox by status (pending, sent, failed), read from the database at scrape time.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      if (!options.countMailsByStatus) return;
      const counts = await options.countMailsByStatus();
      this.reset();
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });

  return {
    registry,
    paymentAnomalies,
    emailsSent,
    emailFailures,
    emailOutbox,
    paymentsSucceeded,
    paymentsFailed,
    webhookLag,
    webhookDuplicates,
    webhookEvents,
    httpRequestDuration,
    ordersByStatus,
    reconciliationFixes,
    reconciliationRuns,
    refunds,
    refundedAmount,
    rateLimited,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
