/**
 * Prometheus metrics (GET /metrics). One registry per API instance (tests start several per process).
 * Every metric is defined here; the payments use cases increment the payment/webhook/refund/
 * reconciliation ones, the HTTP layer observes request durations, and `orders_by_status` is collected
 * from the database at scrape time.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type CreateMetricsOptions = {
  /** Outbox rows per status (null: not collected); read at most once per `mailCountsMaxAgeMs`. */
  countMailsByStatus?: (() => Promise<Record<string, number>>) | null;
  /** How old the outbox counts may be (default `MAIL_COUNTS_MAX_AGE_MS`). */
  mailCountsMaxAgeMs?: number;
  /** Counts of orders per status, read at scrape time from counters (null: not collected). */
  countOrdersByStatus?: (() => Promise<Record<string, number>>) | null;
  /** Process metrics (CPU, memory, event loop). Default true. */
  collectDefault?: boolean;
};

/** The outbox gauge's counts are at most this old (the count reads the whole outbox table). */
export const MAIL_COUNTS_MAX_AGE_MS = 15_000;

/**
 * `read` at most once per `maxAgeMs`: the first call waits for it; later calls answer the last value at
 * once and, when it is older than `maxAgeMs`, start one refresh in the background (one at a time; a
 * failed refresh keeps the last value and is tried again at the next call). So a scrape costs nothing
 * however often it comes, and the database counts at most once per period.
 */
export function cachedReader<T>(read: () => Promise<T>, maxAgeMs: number, now: () => number = Date.now) {
  let value: { data: T; at: number } | null = null;
  let pending: Promise<T> | null = null;
  const refresh = (): Promise<T> => {
    pending ??= read()
      .then((data) => {
        value = { data, at: now() };
        return data;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  return async (): Promise<T> => {
    if (!value) return refresh();
    if (now() - value.at >= maxAgeMs) refresh().catch(() => undefined);
    return value.data;
  };
}

export function createMetrics(options: CreateMetricsOptions = {}) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'lumira-api' });
  if (options.collectDefault !== false) collectDefaultMetrics({ register: registry, prefix: 'lumira_' });

  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) => new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });
  /** A gauge of counts per status, read at scrape time (`read` null or absent: not collected). */
  const statusGauge = (name: string, help: string, read?: (() => Promise<Record<string, number>>) | null) =>
    new Gauge<'status'>({
      name,
      help,
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        if (!read) return;
        const counts = await read();
        this.reset();
        for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
      },
    });

  const paymentsSucceeded = counter(
    'lumira_payments_succeeded_total',
    'Orders that became paid (counted once per order, at the transition).',
    ['tier', 'via'],
  );
  const paymentsFailed = counter(
    'lumira_payments_failed_total',
    'Payment attempts that failed (declined, 3-D Secure failed, canceled).',
    ['reason'],
  );
  const webhookLag = histogram(
    'lumira_webhook_lag_seconds',
    'Seconds between a provider event being created and this API processing it.',
    ['type'],
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  );
  const webhookDuplicates = counter(
    'lumira_webhook_duplicates_total',
    'Webhook deliveries of an event id already processed (answered 200, no effect).',
    ['type'],
  );
  const webhookEvents = counter(
    'lumira_webhook_events_total',
    'Verified webhook deliveries by outcome (processed, duplicate, ignored, retry_later, failed).',
    ['type', 'outcome'],
  );
  const httpRequestDuration = histogram(
    'lumira_http_request_duration_seconds',
    'HTTP request duration by method, route pattern and status code.',
    ['method', 'route', 'status_code'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  const ordersByStatus = statusGauge(
    'lumira_orders_by_status',
    'Orders currently in each status (read from the database at scrape time).',
    options.countOrdersByStatus,
  );
  const reconciliationFixes = counter(
    'lumira_reconciliation_fixes_total',
    'Orders or refunds the reconciliation job corrected (settled, failed, expired, refund_settled).',
    ['kind'],
  );
  const reconciliationRuns = counter(
    'lumira_reconciliation_runs_total',
    'Reconciliation job runs by outcome (ok, error).',
    ['outcome'],
  );
  const refunds = counter(
    'lumira_refunds_total',
    'Refunds by final or current status (requested, pending, succeeded, failed).',
    ['status', 'reason'],
  );
  const refundedAmount = counter(
    'lumira_refunded_amount_minor_total',
    'Money refunded successfully, in minor units (cents).',
    ['currency'],
  );
  const rateLimited = counter('lumira_rate_limited_total', 'Requests answered 429 by a rate limiter.', [
    'limiter',
  ]);
  const rateLimitFallbacks = counter(
    'lumira_rate_limit_fallbacks_total',
    'Rate-limit decisions taken in memory because Redis did not answer in time (REDIS_URL set).',
    [],
  );
  const redisUp = new Gauge({
    name: 'lumira_redis_up',
    help: '1 when Redis answers the rate limiter, 0 while it is down or too slow (REDIS_URL set).',
    registers: [registry],
  });

  const paymentAnomalies = counter(
    'lumira_payment_anomalies_total',
    'PaymentIntents naming one of our orders that did not pay it (amount/currency mismatch, foreign PaymentIntent), by reason; each is refunded automatically.',
    ['reason'],
  );

  const emailsSent = counter(
    'lumira_emails_sent_total',
    'E-mails handed to the SMTP server, by kind (each outbox row counted once).',
    ['kind'],
  );
  const emailFailures = counter(
    'lumira_email_failures_total',
    'Failed e-mail attempts by kind; final="true" when the e-mail was given up (admins see it).',
    ['kind', 'final'],
  );
  const mailCountsMaxAgeMs = options.mailCountsMaxAgeMs ?? MAIL_COUNTS_MAX_AGE_MS;
  const emailOutbox = statusGauge(
    'lumira_email_outbox',
    `E-mails in the outbox by status (pending, sent, failed), counted in the database at most every ${Math.round(mailCountsMaxAgeMs / 1000)} s.`,
    options.countMailsByStatus ? cachedReader(options.countMailsByStatus, mailCountsMaxAgeMs) : null,
  );

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
    rateLimitFallbacks,
    redisUp,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
