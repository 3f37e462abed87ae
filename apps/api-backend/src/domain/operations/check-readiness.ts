import { AppError } from '@lumira/shared';
import type { AppContext } from '../../context';
import { pingDb } from '../../data/db';

const CHECK_TIMEOUT_MS = 3000;

async function check(name: string, probe: () => Promise<unknown>): Promise<{ name: string; ok: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { name, ok: true };
  } catch {
    return { name, ok: false };
  } finally {
    clearTimeout(timer);
  }
}

export type Readiness = { status: 'ready'; checks: Record<string, 'ok'> };

/** Both dependencies must answer; otherwise NOT_READY (503) naming the failing ones. */
export async function checkReadiness(ctx: Pick<AppContext, 'db' | 'gateway' | 'logger'>): Promise<Readiness> {
  const results = await Promise.all([
    check('database', () => pingDb(ctx.db)),
    check('paymentProvider', () => ctx.gateway.ping()),
  ]);
  const failing = results.filter((r) => !r.ok).map((r) => r.name);
  if (failing.length > 0) {
    ctx.logger.warn({ failing }, 'not ready');
    throw new AppError('NOT_READY', `Not ready: ${failing.join(', ')} unreachable`, {
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'unreachable'])),
    });
  }
  return { status: 'ready', checks: Object.fromEntries(results.map((r) => [r.name, 'ok' as const])) };
}
