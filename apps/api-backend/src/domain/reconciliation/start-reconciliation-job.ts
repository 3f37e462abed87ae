/**
 * Runs `runReconciliation` at start (unless RECONCILE_ON_START=false) and every
 * RECONCILE_INTERVAL_SECONDS (0 = never). Runs never overlap within one instance; several instances
 * may run concurrently (every step is idempotent and locked).
 */
import type { PaymentsContext } from '../payments/payments-context';
import { runReconciliation } from './run-reconciliation';

export type ReconciliationJob = { stop(): Promise<void>; runNow(): Promise<void> };

export function startReconciliationJob(ctx: PaymentsContext): ReconciliationJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) return running;
    running = runReconciliation(ctx)
      .then((findings) => {
        ctx.metrics.reconciliationRuns.inc({ outcome: 'ok' });
        const fixed = findings.settled + findings.expired + findings.refundsSettled + findings.refundsResent;
        if (fixed > 0 || findings.errors > 0) ctx.logger.info({ findings }, 'reconciliation run');
      })
      .catch((error: unknown) => {
        ctx.metrics.reconciliationRuns.inc({ outcome: 'error' });
        ctx.logger.warn({ err: error }, 'reconciliation run failed');
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  if (ctx.config.reconcileOnStart) void run();
  const interval =
    ctx.config.reconcileIntervalSeconds > 0
      ? setInterval(() => void run(), ctx.config.reconcileIntervalSeconds * 1000)
      : null;
  interval?.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      if (interval) clearInterval(interval);
      await running;
    },
  };
}
