/**
 * Readiness: the database and the payment provider must answer (else 503 NOT_READY naming them). Redis,
 * when configured, is reported but does not fail readiness: while it is down the rate limits are kept in
 * this instance's memory (`status: 'degraded'`, `checks.redis: 'unreachable'`).
 * Cheap under load: concurrent calls share one check, a result is reused for READY_CACHE_MS, and the
 * provider is pinged at most once per PROVIDER_CACHE_MS (the route is also rate limited).
 */
import { AppError } from '@lumira/shared';
import type { AppContext } from '../../context';
import { pingDb } from '../../data/db';

const CHECK_TIMEOUT_MS = 3000;
const READY_CACHE_MS = 1000;
const PROVIDER_CACHE_MS = 5000;

async function check(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

type CheckState = 'ok' | 'unreachable';
export type Readiness = { status: 'ready' | 'degraded'; checks: Record<string, CheckState> };
type Checked = { at: number; checks: Record<string, CheckState> };
type ReadinessContext = Pick<AppContext, 'db' | 'gateway' | 'logger' | 'redisHealth'>;

const lastChecks = new WeakMap<
  object,
  { result: Promise<Checked>; provider?: { at: number; ok: boolean } }
>();

async function runChecks(ctx: ReadinessContext, providerCached?: { at: number; ok: boolean }) {
  const now = Date.now();
  const providerFresh = providerCached && now - providerCached.at < PROVIDER_CACHE_MS && providerCached.ok;
  const [database, provider] = await Promise.all([
    check(() => pingDb(ctx.db)),
    providerFresh ? Promise.resolve(true) : check(() => ctx.gateway.ping()),
  ]);
  const checks: Record<string, CheckState> = {
    database: database ? 'ok' : 'unreachable',
    paymentProvider: provider ? 'ok' : 'unreachable',
  };
  if (ctx.redisHealth) checks.redis = ctx.redisHealth.usable() ? 'ok' : 'unreachable';
  return { checks, provider: providerFresh ? providerCached : { at: now, ok: provider } };
}

export async function checkReadiness(ctx: ReadinessContext): Promise<Readiness> {
  let entry = lastChecks.get(ctx);
  if (!entry || Date.now() - (await entry.result).at >= READY_CACHE_MS) {
    const previous = entry?.provider;
    const next: { result: Promise<Checked>; provider?: { at: number; ok: boolean } } = {
      result: Promise.resolve({ at: 0, checks: {} }),
      ...(previous ? { provider: previous } : {}),
    };
    next.result = runChecks(ctx, previous).then(({ checks, provider }) => {
      next.provider = provider;
      return { at: Date.now(), checks };
    });
    lastChecks.set(ctx, next);
    entry = next;
  }
  const { checks } = await entry.result;
  const failing = ['database', 'paymentProvider'].filter((name) => checks[name] !== 'ok');
  if (failing.length > 0) {
    ctx.logger.warn({ failing }, 'not ready');
    throw new AppError('NOT_READY', `Not ready: ${failing.join(', ')} unreachable`, { checks });
  }
  return { status: checks.redis === 'unreachable' ? 'degraded' : 'ready', checks };
}
