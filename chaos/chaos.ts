/**
 * The chaos run (`npm run chaos`): N checkouts driven through the official `stripe` SDK against the
 * sandbox while its webhook fault modes are on, through TWO API processes sharing one PostgreSQL
 * database and one Redis (rate limits), behind a round-robin balancer. Half-way through, one instance
 * is killed with SIGKILL and restarted. Then the run waits for reconciliation and checks, against the
 * database and the sandbox (through the SDK), that no money was lost, doubled or left pending.
 *
 * The webhook endpoint is registered through the SDK with the event types the API handles (as one
 * would configure it in Stripe's dashboard). Fault phases, by share of checkouts started:
 *   0-10 %   dropAll                          (webhooks lost: the browser return path and reconciliation heal)
 *   10-45 %  duplicate 3 + shuffle            (every event delivered 3 times, in shuffled order)
 *   45-75 %  dropFirst + duplicate 2          (first attempt of every delivery dropped; SIGKILL at 50 %)
 *   75-100 % shuffle + dropFirst + duplicate 2
 *
 * Infrastructure faults (`faults`, all on by default), one after the other at set points:
 *   20 %  db-terminate   every session of the run's database ended (pg_terminate_backend)
 *   30 %  redis-restart  the run's own redis-server stopped, started again `redisDownSeconds` later
 *   60 %  slow-provider  every provider request delayed `slowProviderMs` for `slowProviderSeconds`;
 *                        2 s into it (settles waiting on the provider) the sessions are ended again
 *   80 %  pg-restart     the run's own PostgreSQL stopped and started again (a shared server is
 *                        never restarted: with `db: 'server'` its sessions are ended instead)
 *   foreign-pi: from 10 %, every 12th checkout gets a PaymentIntent created directly at the provider
 *   naming its order (wrong amount, wrong currency, or the right money on an order that has its own),
 *   confirmed with a card, then sent to the API's return path; none may pay an order.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Faults, type SandboxHandle, startSandbox } from '@lumira/stripe-sandbox';
import { Redis } from 'ioredis';
import pg from 'pg';
import Stripe from 'stripe';
import { createTempDatabase, type DbMode, type TempDatabase } from '../bench/lib/database';
import { type MachineInfo, machineInfo } from '../bench/lib/machine';
import { freePort } from '../bench/lib/proc';
import { createRng } from '../bench/lib/rng';
import {
  type ApiProcess,
  mapLimit,
  paymentIntentIdFromClientSecret,
  runSecrets,
  startApiProcess,
} from '../bench/lib/stack';
import { type Balancer, startBalancer } from './lib/balancer';
import {
  FAULT_NAMES,
  type FaultName,
  type OwnedPostgres,
  type OwnedRedis,
  startOwnedPostgres,
  startOwnedRedis,
  terminateSessions,
} from './lib/faults';
import { checkInvariants, type ForeignPaymentIntent, type InvariantReport } from './lib/invariants';

export type CheckoutKind =
  | 'pay'
  | 'pay-and-return'
  | 'decline-then-pay'
  | 'decline'
  | '3ds-complete'
  | '3ds-fail'
  | 'abandon'
  | 'pay-then-cancel'
  | 'pay-then-cancel-pending-refund';

/** Share of each kind of checkout (sums to 1). */
const MIX: [CheckoutKind, number][] = [
  ['pay', 0.35],
  ['pay-and-return', 0.2],
  ['decline-then-pay', 0.1],
  ['decline', 0.07],
  ['3ds-complete', 0.07],
  ['3ds-fail', 0.04],
  ['abandon', 0.05],
  ['pay-then-cancel', 0.08],
  ['pay-then-cancel-pending-refund', 0.04],
];

export interface ChaosOptions {
  checkouts?: number;
  concurrency?: number;
  seed?: number;
  db?: DbMode;
  redisUrl?: string;
  /** Longest wait for reconciliation to leave no order pending (seconds). */
  settleTimeoutSeconds?: number;
  /** Infrastructure faults to inject (default: all of FAULT_NAMES). */
  faults?: Iterable<FaultName>;
  /** slow-provider: delay of every provider request (ms, default 3000) and for how long (s, default 10). */
  slowProviderMs?: number;
  slowProviderSeconds?: number;
  /** redis-restart: how long the run's Redis stays down (s, default 5). */
  redisDownSeconds?: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  date: string;
  machine: MachineInfo;
  settings: {
    checkouts: number;
    concurrency: number;
    seed: number;
    database: 'server' | 'embedded';
    redis: string;
    faults: FaultName[];
    orderExpiryMinutes: number;
    reconcileIntervalSeconds: number;
  };
  durationSeconds: { checkouts: number; settle: number; total: number };
  kinds: Record<string, number>;
  outcomes: Record<string, number>;
  clientRetries: number;
  kill: { atCheckout: number; instance: string; downMs: number; restartMs: number } | null;
  /** What the infrastructure faults did, in order. */
  faultLog: FaultRecord[];
  foreign: { injected: number; byReason: Record<string, number>; returnAnswers: Record<string, number> };
  /** API process exits other than the planned SIGKILL and the final stop. */
  unplannedExits: string[];
  /** Faults that could not be injected (the run then fails: it did not test what it says). */
  faultErrors: string[];
  balancer: ReturnType<Balancer['stats']>;
  deliveries: { total: number; succeeded: number; failed: number; dropped: number; duplicatesCopies: number };
  invariants: InvariantReport;
  ok: boolean;
}

export interface FaultRecord {
  fault: FaultName;
  atCheckout: number;
  /** Seconds since the checkouts started. */
  atSeconds: number;
  detail: string;
}

function pickKind(r: number): CheckoutKind {
  let acc = 0;
  for (const [kind, share] of MIX) {
    acc += share;
    if (r < acc) return kind;
  }
  return 'pay';
}

const PHASES: { until: number; faults: Faults }[] = [
  { until: 0.1, faults: { dropAll: true } },
  { until: 0.45, faults: { duplicate: 3, shuffle: true, shuffleWindowMs: 50 } },
  { until: 0.75, faults: { dropFirst: true, duplicate: 2 } },
  { until: 1.01, faults: { shuffle: true, shuffleWindowMs: 50, dropFirst: true, duplicate: 2 } },
];

/** The webhook events the API handles (the endpoint subscribes to these only). */
export const WEBHOOK_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.requires_action',
  'payment_intent.processing',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'refund.failed',
] as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class ApiClient {
  retries = 0;
  /** Answers of 500 or more other than the retried 502 and 503 (a fault must never give one). */
  serverErrors: string[] = [];
  constructor(private readonly base: () => string) {}

  /**
   * JSON request through the balancer; network errors, 502 and 503 are retried with the same body and
   * keys for up to 120 s (a restarting database answers 503 with Retry-After for a few seconds).
   */
  async request(
    method: 'GET' | 'POST',
    pathName: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    let lastError = '';
    const deadline = Date.now() + 120_000;
    for (let attempt = 0; attempt === 0 || Date.now() < deadline; attempt++) {
      if (attempt > 0) {
        this.retries++;
        await sleep(Math.min(150 * attempt, 2000));
      }
      try {
        const res = await fetch(`${this.base()}${pathName}`, {
          method,
          headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await res.text();
        if (res.status === 502 || res.status === 503) {
          lastError = `HTTP ${res.status} ${text.slice(0, 200)}`;
          continue;
        }
        if (res.status >= 500)
          this.serverErrors.push(`${method} ${pathName}: ${res.status} ${text.slice(0, 200)}`);
        return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      } catch (error) {
        lastError = (error as Error).message;
      }
    }
    throw new Error(`${method} ${pathName} failed after retries: ${lastError}`);
  }
}

export async function runChaos(options: ChaosOptions = {}): Promise<ChaosReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const checkouts = options.checkouts ?? 2000;
  const concurrency = options.concurrency ?? 16;
  const seed = options.seed ?? 20261126;
  const faults = new Set<FaultName>(options.faults ?? FAULT_NAMES);
  const slowProviderMs = options.slowProviderMs ?? 3000;
  const slowProviderSeconds = options.slowProviderSeconds ?? 10;
  const redisDownSeconds = options.redisDownSeconds ?? 5;
  let redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  const settleTimeoutSeconds = options.settleTimeoutSeconds ?? 240;
  const orderExpiryMinutes = 1;
  const reconcileIntervalSeconds = 5;
  const rng = createRng(seed);
  const runId = randomBytes(5).toString('hex');
  const rateLimitPrefix = `lumira:chaos:${runId}:`;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'lumira-chaos-'));
  const started = Date.now();

  let database: TempDatabase | null = null;
  // pg-restart needs a PostgreSQL the run owns: unless the shared server is asked for (then its
  // sessions are ended instead), the run starts its own embedded cluster.
  let ownedPostgres: OwnedPostgres | null = null;
  let ownedRedis: OwnedRedis | null = null;
  let sandbox: SandboxHandle | null = null;
  let balancer: Balancer | null = null;
  const instances: (ApiProcess | null)[] = [null, null];
  let redis: Redis | null = null;
  // API processes whose exit is planned (the SIGKILL, the final stop): any other exit is a failure.
  const plannedExits = new Set<number>();
  const unplannedExits: string[] = [];

  try {
    if (faults.has('redis-restart')) {
      ownedRedis = await startOwnedRedis();
      redisUrl = ownedRedis.url;
    } else {
      redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
      redis.on('error', () => undefined);
      try {
        await redis.connect();
      } catch (error) {
        throw new Error(`chaos needs Redis at ${redisUrl} (REDIS_URL): ${(error as Error).message}`);
      }
    }
    if (faults.has('pg-restart') && options.db !== 'server') {
      const owned = await startOwnedPostgres();
      ownedPostgres = owned;
      database = { url: owned.url, mode: 'embedded', name: 'postgres', drop: () => owned.close() };
    } else {
      database = await createTempDatabase(options.db ?? 'auto', 'lumira_chaos');
    }
    log(
      `chaos: ${checkouts} checkouts, concurrency ${concurrency}, seed ${seed}; database ${database.mode} (${database.name}${ownedPostgres ? ', owned by the run' : ''}); Redis ${redisUrl}${ownedRedis ? ' (owned by the run)' : ''} prefix ${rateLimitPrefix}; faults ${[...faults].join(', ') || 'none'}`,
    );

    const secrets = runSecrets();
    const upstreamPorts = [await freePort(), await freePort()];
    const live = new Set<number>([0, 1]);
    balancer = await startBalancer(() => {
      const list = [...live].map((i) => `http://127.0.0.1:${upstreamPorts[i]}`);
      return list.length > 0 ? list : upstreamPorts.map((p) => `http://127.0.0.1:${p}`);
    });
    sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      retrySchedule: [0.5, 1, 2, 4, 8, 16],
      threeDSMode: 'manual',
      refundSettleMs: 500,
    });
    const sandboxUrl = sandbox.url;
    const stripe = new Stripe(secrets.secretKey, {
      host: '127.0.0.1',
      port: sandbox.port,
      protocol: 'http',
      maxNetworkRetries: 2,
    });
    const endpoint = await stripe.webhookEndpoints.create({
      url: `${balancer.url}/api/payments/webhook`,
      enabled_events: [...WEBHOOK_EVENTS],
    });
    const endpointSecret = endpoint.secret;
    if (!endpointSecret) throw new Error('the sandbox returned no webhook signing secret');
    secrets.webhookSecret = endpointSecret;

    const startInstance = async (index: number) => {
      const name = `api-${index === 0 ? 'a' : 'b'}`;
      const api = await startApiProcess({
        name,
        databaseUrl: database!.url,
        sandboxUrl,
        secrets,
        port: upstreamPorts[index],
        redisUrl,
        rateLimitPrefix,
        logFile: path.join(workDir, `${name}.log`),
        env: {
          RECONCILE_ON_START: 'true',
          RECONCILE_INTERVAL_SECONDS: String(reconcileIntervalSeconds),
          ORDER_EXPIRY_MINUTES: String(orderExpiryMinutes),
          LOG_LEVEL: 'warn',
        },
      });
      instances[index] = api;
      api.proc.child.once('exit', (code, signal) => {
        if (!plannedExits.has(api.proc.pid))
          unplannedExits.push(`${name} (pid ${api.proc.pid}) exited: code ${code}, signal ${signal}`);
      });
      live.add(index);
      return api;
    };
    // The first instance migrates the empty database; the second starts once it has.
    await startInstance(0);
    await startInstance(1);
    log(
      `instances: ${instances.map((i) => i?.url).join(', ')} behind ${balancer.url}; sandbox ${sandboxUrl}`,
    );

    const client = new ApiClient(() => balancer!.url);
    const kinds: Record<string, number> = {};
    const outcomes: Record<string, number> = {};
    const count = (map: Record<string, number>, key: string) => {
      map[key] = (map[key] ?? 0) + 1;
    };
    const plan = Array.from({ length: checkouts }, () => pickKind(rng.next()));
    const tiers = ['basic', 'premium', 'vip'] as const;
    const tierOf = plan.map(() => rng.pick(tiers));

    let startedCount = 0;
    let currentPhase = -1;
    let kill: ChaosReport['kill'] = null;
    const killAt = Math.floor(checkouts / 2);
    let killing: Promise<void> | null = null;
    let t0 = Date.now();

    // ---- infrastructure faults: run one after the other, never overlapping the kill -----------------
    let phaseFaults: Faults = {};
    let overlay: Faults = {};
    const applyFaults = () => sandbox!.setFaults({ ...phaseFaults, ...overlay });
    const faultLog: FaultRecord[] = [];
    const faultErrors: string[] = [];
    let faultChain: Promise<void> = Promise.resolve();
    const triggers = new Map<number, (() => void)[]>();
    const record = (fault: FaultName, atCheckout: number, atMs: number, detail: string) => {
      faultLog.push({ fault, atCheckout, atSeconds: Math.round((atMs - t0) / 100) / 10, detail });
      log(`  ${fault} at checkout ${atCheckout}: ${detail}`);
    };
    const scheduleFault = (share: number, fault: FaultName, run: (at: number) => Promise<string>) => {
      const at = Math.floor(checkouts * share);
      const list = triggers.get(at) ?? [];
      list.push(() => {
        faultChain = faultChain.then(async () => {
          const atMs = Date.now();
          try {
            record(fault, at, atMs, await run(at));
          } catch (error) {
            faultErrors.push(`${fault} at checkout ${at}: ${(error as Error).message}`);
            log(`  ${fault} at checkout ${at} FAILED: ${(error as Error).message}`);
          }
        });
      });
      triggers.set(at, list);
    };
    const endSessions = async () => `${await terminateSessions(database!.url)} sessions of the API ended`;
    if (faults.has('db-terminate')) scheduleFault(0.2, 'db-terminate', endSessions);
    if (faults.has('redis-restart')) {
      scheduleFault(0.3, 'redis-restart', async () => {
        const ts = Date.now();
        await ownedRedis!.stop();
        await sleep(redisDownSeconds * 1000);
        await ownedRedis!.start();
        return `redis-server stopped, started again on the same port (down ${Date.now() - ts} ms)`;
      });
    }
    if (faults.has('slow-provider')) {
      scheduleFault(0.6, 'slow-provider', async (at) => {
        const ts = Date.now();
        overlay = { latencyMs: slowProviderMs };
        applyFaults();
        if (faults.has('db-terminate')) {
          // The sessions are ended while settlements wait on the slow provider.
          await sleep(2000);
          const tk = Date.now();
          record('db-terminate', at, tk, `${await endSessions()} while the provider is slow`);
        }
        await sleep(Math.max(0, slowProviderSeconds * 1000 - (Date.now() - ts)));
        overlay = {};
        applyFaults();
        return `every provider request delayed ${slowProviderMs} ms for ${Math.round((Date.now() - ts) / 100) / 10} s`;
      });
    }
    if (faults.has('pg-restart')) {
      scheduleFault(0.8, 'pg-restart', async () => {
        if (!ownedPostgres)
          return `the PostgreSQL server is shared, so it is not restarted: ${await endSessions()} instead`;
        const downMs = await ownedPostgres.restart(1000);
        return `PostgreSQL stopped (fast shutdown) and started again on the same port and data (down ${downMs} ms)`;
      });
    }

    // ---- foreign PaymentIntents: created at the provider with our orders' ids, never ours ----------
    const foreignPis: ForeignPaymentIntent[] = [];
    const foreignReturn: Record<string, number> = {};
    const injectForeign = async (i: number, orderId: string, ownPiId: string) => {
      const own = await stripe.paymentIntents.retrieve(ownPiId);
      const variant = Math.floor(i / 12) % 3;
      const amount = variant === 0 ? 50 : own.amount;
      const currency = variant === 1 ? (own.currency === 'usd' ? 'eur' : 'usd') : own.currency;
      const pi = await stripe.paymentIntents.create({ amount, currency, metadata: { orderId } });
      foreignPis.push({
        id: pi.id,
        orderId,
        expected: variant === 2 ? 'foreign_payment_intent' : 'amount_mismatch',
      });
      await payWith(pi.id, 'pm_card_visa');
      // The browser return path, called with the foreign id (the webhook brings it too).
      const r = await client.request('POST', '/api/payments/confirm-payment', { paymentIntentId: pi.id });
      count(foreignReturn, String(r.status));
    };

    const killAndRestart = async () => {
      const victim = instances[1]!;
      const t0 = Date.now();
      live.delete(1);
      plannedExits.add(victim.proc.pid);
      victim.proc.child.kill('SIGKILL');
      await new Promise<void>((resolve) => {
        if (victim.proc.child.exitCode !== null || victim.proc.child.signalCode !== null) resolve();
        else victim.proc.child.once('exit', () => resolve());
      });
      log(`  SIGKILL api-b (pid ${victim.proc.pid}) at checkout ${killAt}`);
      await sleep(1000);
      const t1 = Date.now();
      await startInstance(1);
      kill = { atCheckout: killAt, instance: 'api-b', downMs: Date.now() - t0, restartMs: Date.now() - t1 };
      log(`  api-b restarted (down ${kill.downMs} ms)`);
    };

    const payWith = async (piId: string, pm: string) => {
      try {
        return await stripe.paymentIntents.confirm(piId, { payment_method: pm });
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) return null;
        throw error;
      }
    };

    const runCheckout = async (i: number) => {
      const progress = startedCount / checkouts;
      startedCount++;
      const phase = PHASES.findIndex((p) => progress < p.until);
      if (phase !== currentPhase) {
        currentPhase = phase;
        phaseFaults = PHASES[phase]!.faults;
        applyFaults();
        log(`  checkout ${i}: faults ${JSON.stringify(phaseFaults)}`);
      }
      if (i === killAt && !killing) {
        killing = faultChain.then(killAndRestart);
        faultChain = killing.catch(() => undefined);
      }
      for (const trigger of triggers.get(i) ?? []) trigger();

      const kind = plan[i]!;
      count(kinds, kind);
      const created = await client.request(
        'POST',
        '/api/payments/create-payment-intent',
        { level: tierOf[i], customerEmail: `chaos-${runId}-${i}@example.test`, customerName: `Client ${i}` },
        { 'idempotency-key': `chaos-${runId}-${i}` },
      );
      if (created.status !== 200 && created.status !== 201) {
        count(outcomes, `create-${created.status}`);
        return;
      }
      const orderId = String(created.body.orderId);
      const token = String(created.body.orderAccessToken);
      const piId = paymentIntentIdFromClientSecret(String(created.body.clientSecret));
      const tokenHeader = { 'x-order-token': token };

      switch (kind) {
        case 'abandon':
          break;
        case 'pay':
          await payWith(piId, 'pm_card_visa');
          break;
        case 'pay-and-return': {
          await payWith(piId, 'pm_card_visa');
          const r = await client.request('POST', '/api/payments/confirm-payment', { paymentIntentId: piId });
          count(outcomes, `return-${r.status}-${String(r.body.status ?? '')}`);
          break;
        }
        case 'decline-then-pay':
          await payWith(piId, 'pm_card_chargeDeclined');
          await payWith(piId, 'pm_card_visa');
          break;
        case 'decline':
          await payWith(piId, 'pm_card_chargeDeclinedInsufficientFunds');
          break;
        case '3ds-complete':
        case '3ds-fail': {
          const pi = await payWith(piId, 'pm_card_threeDSecure2Required');
          if (pi?.status === 'requires_action') {
            await sleep(rng.int(200));
            sandbox!.completeThreeDS(piId, kind === '3ds-complete' ? 'completed' : 'failed');
          }
          break;
        }
        case 'pay-then-cancel':
        case 'pay-then-cancel-pending-refund': {
          await payWith(piId, kind === 'pay-then-cancel' ? 'pm_card_visa' : 'pm_card_pendingRefund');
          const r = await client.request(
            'POST',
            `/api/payments/order/${orderId}/cancel`,
            undefined,
            tokenHeader,
          );
          count(outcomes, `cancel-${r.status}`);
          break;
        }
      }
      if (faults.has('foreign-pi') && progress >= 0.1 && i % 12 === 5) await injectForeign(i, orderId, piId);
      count(outcomes, 'checkout-done');
    };

    t0 = Date.now();
    await mapLimit(
      plan.map((_, i) => i),
      concurrency,
      async (i) => {
        try {
          await runCheckout(i);
        } catch (error) {
          count(outcomes, 'driver-error');
          if ((outcomes['driver-error'] ?? 0) <= 5) log(`  checkout ${i} error: ${(error as Error).message}`);
        }
      },
    );
    if (killing) await killing;
    await faultChain;
    const checkoutSeconds = (Date.now() - t0) / 1000;
    log(`checkouts done in ${checkoutSeconds.toFixed(1)} s; waiting for webhooks and reconciliation...`);

    // ---- settle: faults off, deliveries drained, reconciliation leaves nothing pending --------------
    sandbox.setFaults({});
    const t1 = Date.now();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const deadline = Date.now() + settleTimeoutSeconds * 1000;
      let lastPending = -1;
      while (Date.now() < deadline) {
        await sandbox.webhooksIdle();
        const pending = await admin.query<{ n: string }>(
          `SELECT count(*) AS n FROM orders WHERE status IN ('pending_payment','requires_action','payment_failed')`,
        );
        const pendingRefunds = await admin.query<{ n: string }>(
          `SELECT count(*) AS n FROM refunds WHERE status = 'pending'`,
        );
        const n = Number(pending.rows[0]?.n ?? 0) + Number(pendingRefunds.rows[0]?.n ?? 0);
        if (n !== lastPending) {
          log(
            `  ${pending.rows[0]?.n} orders awaiting payment, ${pendingRefunds.rows[0]?.n} refunds pending`,
          );
          lastPending = n;
        }
        if (n === 0) break;
        await sleep(2000);
      }
      // Scheduled webhook retries may still be due: let them land before checking.
      await sleep(1000);
      await sandbox.webhooksIdle();
    } finally {
      await admin.end();
    }
    const settleSeconds = (Date.now() - t1) / 1000;

    const invariants = await checkInvariants({
      databaseUrl: database.url,
      stripe,
      deliveries: sandbox.deliveries(),
      ...(faults.has('foreign-pi') ? { foreign: foreignPis } : {}),
    });
    // The API processes stay up through every fault: only the planned SIGKILL ends one.
    {
      const problems = [...unplannedExits];
      instances.forEach((api, index) => {
        if (!api || api.proc.child.exitCode !== null || api.proc.child.signalCode !== null)
          problems.push(`api-${index === 0 ? 'a' : 'b'} is not running at the end`);
      });
      const errors = {
        name: 'no request answered 500 (outages answer 503, which clients retry)',
        ok: client.serverErrors.length === 0,
        detail:
          client.serverErrors.length === 0
            ? `every answer a 2xx/4xx, or a 502/503 retried (${client.retries} retries)`
            : `${client.serverErrors.length} answers: ${client.serverErrors.slice(0, 3).join('; ')}`,
      };
      invariants.results.push(errors);
      invariants.lines.push(`${errors.ok ? 'PASS' : 'FAIL'}  ${errors.name}: ${errors.detail}`);
      invariants.ok = invariants.ok && errors.ok;
      const result = {
        name: 'API processes alive through every fault (only the planned SIGKILL)',
        ok: problems.length === 0,
        detail:
          problems.length === 0
            ? `both instances running; ${faultLog.length} faults injected, no unplanned exit`
            : `${problems.length} problem(s): ${problems.slice(0, 5).join('; ')}`,
      };
      invariants.results.push(result);
      invariants.lines.push(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name}: ${result.detail}`);
      invariants.ok = invariants.ok && result.ok;
    }
    for (const line of invariants.lines) log(line);
    for (const error of faultErrors) log(`fault not injected: ${error}`);

    const deliveries = sandbox.deliveries();
    const apiLogs = [0, 1]
      .map((i) => {
        try {
          return readFileSync(path.join(workDir, `api-${i === 0 ? 'a' : 'b'}.log`), 'utf8');
        } catch {
          return '';
        }
      })
      .join('\n');
    const errorLines = apiLogs.split('\n').filter((l) => /"level":(50|60)/.test(l));
    if (errorLines.length > 0)
      log(`API error log lines: ${errorLines.length} (first: ${errorLines[0]?.slice(0, 300)})`);

    const report: ChaosReport = {
      date: new Date().toISOString(),
      machine: machineInfo(),
      settings: {
        checkouts,
        concurrency,
        seed,
        database: database.mode,
        redis: redisUrl,
        faults: [...faults],
        orderExpiryMinutes,
        reconcileIntervalSeconds,
      },
      durationSeconds: {
        checkouts: Math.round(checkoutSeconds * 10) / 10,
        settle: Math.round(settleSeconds * 10) / 10,
        total: Math.round((Date.now() - started) / 100) / 10,
      },
      kinds,
      outcomes,
      clientRetries: client.retries,
      kill,
      faultLog,
      foreign: {
        injected: foreignPis.length,
        byReason: foreignPis.reduce<Record<string, number>>((acc, f) => {
          acc[f.expected] = (acc[f.expected] ?? 0) + 1;
          return acc;
        }, {}),
        returnAnswers: foreignReturn,
      },
      unplannedExits,
      balancer: balancer.stats(),
      deliveries: {
        total: deliveries.length,
        succeeded: deliveries.filter((d) => d.outcome === 'succeeded').length,
        failed: deliveries.filter((d) => d.outcome === 'failed').length,
        dropped: deliveries.filter((d) => d.outcome === 'dropped').length,
        duplicatesCopies: deliveries.filter((d) => d.copy > 1).length,
      },
      invariants,
      faultErrors,
      ok: invariants.ok && (outcomes['driver-error'] ?? 0) === 0 && faultErrors.length === 0,
    };
    return report;
  } finally {
    for (const api of instances) {
      if (!api) continue;
      plannedExits.add(api.proc.pid);
      await api.proc.stop('SIGTERM').catch(() => undefined);
    }
    await sandbox?.close().catch(() => undefined);
    await balancer?.close().catch(() => undefined);
    await database
      ?.drop()
      .catch((error: unknown) => log(`could not drop the chaos database: ${String(error)}`));
    try {
      if (redis?.status === 'ready') {
        let cursor = '0';
        do {
          const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${rateLimitPrefix}*`, 'COUNT', 500);
          cursor = nextCursor;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      }
    } catch {
      // best effort: the keys expire with the rate-limit window anyway
    }
    redis?.disconnect();
    await ownedRedis?.close().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}
