/**
 * The benchmark (`npm run bench`): every scenario runs against real processes on loopback, and each one
 * is measured right after the bare Express 5 JSON route (bench/baseline-server.ts) under the same
 * connections and duration, so the ratio compares like with like on this (shared) machine.
 *
 * Scenarios (in this order, each feeding the next):
 *   sandbox-create         POST /v1/payment_intents on the Stripe sandbox (form-encoded, unique Idempotency-Key)
 *   stripe-sample          POST /create-payment-intent on a server written like Stripe's accept-a-payment
 *                          sample (bench/stripe-sample-server.mjs: Express + stripe, one paymentIntents.create,
 *                          no database) against the same sandbox: the peer our checkout is compared with
 *   durable-sample         POST /create-payment-intent on the same server plus one durable order write
 *                          (bench/durable-sample-server.mjs: a transaction inserting the order, the
 *                          PaymentIntent with an idempotency key from the order id, then an update storing its
 *                          id; pg pool of 10, the run's database): the floor under any checkout that records
 *                          its order before calling the provider
 *   create-payment-intent  POST /api/payments/create-payment-intent: validation, order insert, the sandbox's
 *                          PaymentIntent, update (PostgreSQL), with an Idempotency-Key as the front end sends
 *   webhook                POST /api/payments/webhook: unique signed payment_intent.succeeded events for
 *                          orders whose PaymentIntent was confirmed in the sandbox (webhooks off there): verify,
 *                          inbox insert, re-read, transition to paid. One event per order (bounded by count).
 *   order-read             GET /api/payments/order/:id with the order's access token (X-Order-Token)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import Stripe from 'stripe';
import { cpuMsSince, postgresBackends, selfCpuMsSince, snapshot } from './lib/cpu';
import { createTempDatabase, type DbMode, type TempDatabase } from './lib/database';
import { type LoadOptions, type LoadResult, runLoad } from './lib/load';
import { type MachineInfo, machineInfo } from './lib/machine';
import { freePort, type NodeProcess, repoRoot, startNode, waitForOk } from './lib/proc';
import {
  type ApiProcess,
  eventPayload,
  mapLimit,
  paymentIntentIdFromClientSecret,
  runSecrets,
  type SandboxProcess,
  startApiProcess,
  startSandboxProcess,
  stripeSignature,
} from './lib/stack';

export type ScenarioId =
  | 'sandbox-create'
  | 'stripe-sample'
  | 'durable-sample'
  | 'create-payment-intent'
  | 'webhook'
  | 'order-read';

export const TARGET_RATIOS: Record<ScenarioId, number> = {
  'sandbox-create': 1,
  // A peer, not a target: the checkout is compared with it (CHECKOUT_VS_SAMPLE_TARGET).
  'stripe-sample': 0,
  'durable-sample': 0,
  'create-payment-intent': 0.15,
  webhook: 0.25,
  'order-read': 0.5,
};
export const TARGET_P99_MS = 100;
/** Our checkout's throughput against the Stripe-sample peer's, in the same run. */
export const CHECKOUT_VS_SAMPLE_TARGET = 0.5;
export const TARGET_API_RSS_MIB = 250;

export interface BenchOptions {
  connections?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  /** Most webhook events to send (one per confirmed order). */
  maxWebhookEvents?: number;
  db?: DbMode;
  /** Run the API from an esbuild bundle instead of through tsx (memory comparison). */
  bundled?: boolean;
  /** Connect the API to the PostgreSQL server through its Unix socket in this directory (server mode). */
  pgSocketDir?: string;
  /** Experiment (implies bundled): the API's PostgreSQL pool size, rewritten in the bundle (default 10). */
  poolMax?: number;
  /** PostgreSQL session settings for the API's connections (`-c name=value ...`; experiments only). */
  pgOptions?: string;
  /** Start the API with `--cpu-prof` into this directory. */
  cpuProfileDir?: string;
  /** Extra Node.js options for the API process (e.g. V8 heap settings, experiments). */
  apiNodeArgs?: string[];
  /**
   * Rounds of [stripe-sample, durable-sample, create-payment-intent], interleaved (default 1); the ratios
   * are medians of the per-round ratios.
   */
  rounds?: number;
  /** The command line, as recorded with the results. */
  command?: string;
  /** Only these scenarios (in the fixed order; create-payment-intent runs whenever a later one needs orders). */
  only?: ScenarioId[];
  log?: (line: string) => void;
}

/** CPU milliseconds per successful request, by process (null: not attributable, e.g. embedded PostgreSQL). */
export interface CpuPerRequest {
  api?: number;
  sandbox?: number;
  postgres?: number | null;
  server?: number;
  loadgen: number;
  total: number;
  /** cores x 1000 / total: the most requests per second this machine could serve at this cost. */
  cpuBoundRps: number;
}

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  result: LoadResult;
  baseline: LoadResult;
  cpu: CpuPerRequest;
  baselineCpu: CpuPerRequest;
  /** Seconds since the API process was spawned: where to look in its `--cpu-prof` profile. */
  apiWindowSeconds: [number, number];
  ratio: number;
  targetRatio: number;
  ratioMet: boolean;
  p99Met: boolean;
  notes: string[];
}

export interface BenchResults {
  date: string;
  command: string;
  machine: MachineInfo;
  settings: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    database: 'server' | 'embedded';
    databaseConnection: 'unix socket' | 'tcp loopback';
    pgOptions?: string;
    poolMax?: number;
    apiBuild: 'tsx' | 'bundled';
    /** Node.js options of the API process (the bundled API: those of its production start first). */
    apiNodeArgs?: string[];
    nodeEnv: string;
    logLevel: string;
  };
  scenarios: ScenarioResult[];
  /** create-payment-intent req/s over the Stripe-sample peer's, both measured in this run. */
  checkoutVsSample?: {
    /** Medians over the rounds (each round: the peers, then the checkout, each after its bare route). */
    sampleRps: number;
    checkoutRps: number;
    ratio: number;
    rounds: PeerRound[];
    target: number;
    met: boolean;
    /** With the durable-sample peer in the rounds: its req/s and the two ratios through it (medians). */
    durableRps?: number;
    checkoutVsDurable?: number;
    durableVsSample?: number;
  };
  peakRssMiB: { baseline: number; sandbox: number; api: number };
  targets: { ratios: Record<ScenarioId, number>; p99Ms: number; apiRssMiB: number };
  checks: {
    ordersCreated: number;
    paymentIntentsConfirmed: number;
    webhookTransitions: number;
    ordersPaidInDatabase: number;
    orderReadsOk: number;
    /** durable-sample: rows of its orders table, and those holding their PaymentIntent's id. */
    durableOrders?: number;
    durableOrdersWithPaymentIntent?: number;
  };
  loadAverage: { start: number[]; end: number[] };
  /** Error-level lines in the API's log during the run. */
  apiErrorLines: number;
}

/** One round of the peers and the checkout: req/s of each measured, and their ratios. */
export interface PeerRound {
  sampleRps: number;
  checkoutRps: number;
  /** checkout / sample */
  ratio: number;
  durableRps?: number;
  /** checkout / durable sample */
  checkoutVsDurable?: number;
  /** durable sample / sample */
  durableVsSample?: number;
}

const TIERS = ['basic', 'premium', 'vip'] as const;

interface CreatedOrder {
  orderId: string;
  token: string;
  paymentIntentId: string;
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The req/s of each measurement of `id`, in order (one per round). */
function rpsOf(scenarios: ScenarioResult[], id: ScenarioId): number[] {
  return scenarios.filter((sc) => sc.id === id).map((sc) => sc.result.requestsPerSecond);
}

/** Round by round (the n-th measurement of each), `id`'s req/s over `peer`'s. */
function peerRatios(
  scenarios: ScenarioResult[],
  id: ScenarioId,
  peer: ScenarioId,
): { rps: number; peerRps: number; ratio: number }[] {
  const peers = rpsOf(scenarios, peer);
  return rpsOf(scenarios, id).flatMap((rps, i) => {
    const peerRps = peers[i];
    return peerRps !== undefined && peerRps > 0 ? [{ rps, peerRps, ratio: round(rps / peerRps, 3) }] : [];
  });
}

/**
 * Our checkout against the peers measured just before it in each round (the Stripe sample and, when it
 * ran, the durable sample), and the durable sample against the Stripe sample; the published ratios are
 * the medians of the per-round ones. Null without a round that measured both the sample and the checkout.
 */
export function compareWithPeers(scenarios: ScenarioResult[]): BenchResults['checkoutVsSample'] | null {
  const durables = rpsOf(scenarios, 'durable-sample');
  const checkouts = rpsOf(scenarios, 'create-payment-intent');
  const rounds: PeerRound[] = rpsOf(scenarios, 'stripe-sample').flatMap((sampleRps, i) => {
    const checkoutRps = checkouts[i];
    const durableRps = durables[i];
    if (checkoutRps === undefined || sampleRps <= 0) return [];
    return [
      {
        sampleRps,
        checkoutRps,
        ratio: round(checkoutRps / sampleRps, 3),
        ...(durableRps !== undefined && durableRps > 0
          ? {
              durableRps,
              checkoutVsDurable: round(checkoutRps / durableRps, 3),
              durableVsSample: round(durableRps / sampleRps, 3),
            }
          : {}),
      },
    ];
  });
  if (rounds.length === 0) return null;
  const ratio = median(rounds.map((p) => p.ratio));
  const withDurable = rounds.filter((p) => p.durableRps !== undefined);
  return {
    sampleRps: round(median(rounds.map((p) => p.sampleRps)), 1),
    checkoutRps: round(median(rounds.map((p) => p.checkoutRps)), 1),
    ratio: round(ratio, 3),
    rounds,
    target: CHECKOUT_VS_SAMPLE_TARGET,
    met: ratio >= CHECKOUT_VS_SAMPLE_TARGET,
    ...(withDurable.length === rounds.length
      ? {
          durableRps: round(median(withDurable.map((p) => p.durableRps ?? 0)), 1),
          checkoutVsDurable: round(median(withDurable.map((p) => p.checkoutVsDurable ?? 0)), 3),
          durableVsSample: round(median(withDurable.map((p) => p.durableVsSample ?? 0)), 3),
        }
      : {}),
  };
}

/**
 * The Node.js options of the API's production start (`start:prod` in apps/api-backend/package.json,
 * the same as the image's CMD): `node <options> dist/main.js`.
 */
export function productionNodeArgs(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'apps/api-backend/package.json'), 'utf8'));
  const words = String(manifest.scripts?.['start:prod'] ?? '').split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js')
    throw new Error(`unexpected start:prod script: ${manifest.scripts?.['start:prod']}`);
  return words.slice(1, -1);
}

/**
 * The compiled API: the production build (`npm run build -w @lumira/api-backend`, apps/api-backend/dist),
 * or, for the pool-size experiment, a bundle of its own with the pool size rewritten.
 */
export async function buildApiBundle(poolMax?: number): Promise<string> {
  if (!poolMax) {
    const { spawnSync } = await import('node:child_process');
    const res = spawnSync('npm', ['run', 'build', '--workspace', '@lumira/api-backend'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (res.status !== 0) throw new Error('npm run build -w @lumira/api-backend failed');
    return path.join(repoRoot, 'apps/api-backend/dist/main.js');
  }
  const { build } = await import('esbuild');
  const outDir = path.join(repoRoot, 'bench', '.build');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'api-main.mjs');
  await build({
    entryPoints: [path.join(repoRoot, 'apps/api-backend/src/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    plugins: [
      ...(poolMax
        ? [
            {
              // Experiment only: the pool size is not configurable (10); rewrite it in the bundle.
              name: 'pool-size',
              setup(b: import('esbuild').PluginBuild) {
                b.onLoad({ filter: /api-backend\/src\/data\/db\.ts$/ }, async (args) => {
                  const { readFile } = await import('node:fs/promises');
                  const source = await readFile(args.path, 'utf8');
                  const patched = source.replace('max: options.max ?? 10', `max: options.max ?? ${poolMax}`);
                  if (patched === source) throw new Error('pool size expression not found in db.ts');
                  return { contents: patched, loader: 'ts' };
                });
              },
            },
          ]
        : []),
      {
        name: 'externalize-npm-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@lumira/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}

export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.log(line));
  const connections = options.connections ?? 50;
  const durationSeconds = options.durationSeconds ?? 10;
  const warmupSeconds = options.warmupSeconds ?? 2;
  const maxWebhookEvents = options.maxWebhookEvents ?? 3000;
  const wanted = new Set<ScenarioId>(
    options.only ?? [
      'sandbox-create',
      'stripe-sample',
      'durable-sample',
      'create-payment-intent',
      'webhook',
      'order-read',
    ],
  );
  if (wanted.has('webhook') || wanted.has('order-read')) wanted.add('create-payment-intent');

  const loadStart = os.loadavg().map((n) => round(n));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'lumira-bench-'));
  const secrets = runSecrets();
  const processes: NodeProcess[] = [];
  let database: TempDatabase | null = null;
  let baseline: { proc: NodeProcess; url: string } | null = null;
  let sandbox: SandboxProcess | null = null;
  let api: ApiProcess | null = null;
  let apiSpawnedAt = 0;
  const scenarios: ScenarioResult[] = [];
  const checks: BenchResults['checks'] = {
    ordersCreated: 0,
    paymentIntentsConfirmed: 0,
    webhookTransitions: 0,
    ordersPaidInDatabase: 0,
    orderReadsOk: 0,
  };

  const measure = async (
    id: ScenarioId,
    title: string,
    load: Omit<LoadOptions, 'title' | 'connections' | 'durationSeconds'>,
    baselineMethod: 'GET' | 'POST',
    extra: { warmup?: boolean; notes?: string[]; server?: NodeProcess } = {},
  ) => {
    if (!baseline) throw new Error('baseline not started');
    const baselineLoad: LoadOptions =
      baselineMethod === 'GET'
        ? { title: 'bare Express GET /health', url: `${baseline.url}/health`, connections, durationSeconds }
        : {
            title: 'bare Express POST /echo',
            url: `${baseline.url}/echo`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              level: 'premium',
              customerEmail: 'bench@example.test',
              customerName: 'Bench',
            }),
            connections,
            durationSeconds,
          };
    const cores = os.cpus().length;
    const per = (ms: number, n: number) => Math.round((ms / Math.max(1, n)) * 1000) / 1000;
    if (warmupSeconds > 0) await runLoad({ ...baselineLoad, durationSeconds: warmupSeconds });
    const baseBefore = snapshot([baseline.proc.pid]);
    const base = await runLoad(baselineLoad);
    const baseServerMs = cpuMsSince(baseBefore, [baseline.proc.pid]);
    const baseLoadgenMs = selfCpuMsSince(baseBefore);
    const baseTotal = per(baseServerMs + baseLoadgenMs, base.ok2xx);
    const baselineCpu: CpuPerRequest = {
      server: per(baseServerMs, base.ok2xx),
      loadgen: per(baseLoadgenMs, base.ok2xx),
      total: baseTotal,
      cpuBoundRps: baseTotal > 0 ? Math.round((cores * 1000) / baseTotal) : 0,
    };
    log(
      `  bare route (${baselineLoad.title}): ${base.requestsPerSecond} req/s, p50 ${base.p50Ms} ms, p99 ${base.p99Ms} ms`,
    );
    if (extra.warmup !== false && warmupSeconds > 0 && load.amount === undefined) {
      await runLoad({ ...load, title: `${title} (warm-up)`, connections, durationSeconds: warmupSeconds });
    }
    if (!api || !sandbox || !database) throw new Error('stack not started');
    const dbName = database.mode === 'server' ? database.name : null;
    const pgBefore = dbName ? postgresBackends(dbName) : [];
    // The server under test: the API, or the peer (its CPU is reported in the API column).
    const server = extra.server ?? api.proc;
    const before = snapshot([server.pid, sandbox.proc.pid, ...pgBefore]);
    const windowStart = (Date.now() - apiSpawnedAt) / 1000;
    const result = await runLoad({ ...load, title, connections, durationSeconds });
    const apiWindowSeconds: [number, number] = [
      round(windowStart, 1),
      round((Date.now() - apiSpawnedAt) / 1000, 1),
    ];
    const apiMs = cpuMsSince(before, [server.pid]);
    const sandboxMs = cpuMsSince(before, [sandbox.proc.pid]);
    const pgMs = dbName ? cpuMsSince(before, [...new Set([...pgBefore, ...postgresBackends(dbName)])]) : null;
    const loadgenMs = selfCpuMsSince(before);
    const total = per(apiMs + sandboxMs + (pgMs ?? 0) + loadgenMs, result.ok2xx);
    const cpu: CpuPerRequest = {
      api: per(apiMs, result.ok2xx),
      sandbox: per(sandboxMs, result.ok2xx),
      postgres: pgMs === null ? null : per(pgMs, result.ok2xx),
      loadgen: per(loadgenMs, result.ok2xx),
      total,
      cpuBoundRps: total > 0 ? Math.round((cores * 1000) / total) : 0,
    };
    const ratio =
      base.requestsPerSecond > 0 ? round(result.requestsPerSecond / base.requestsPerSecond, 3) : 0;
    const scenario: ScenarioResult = {
      id,
      title,
      result,
      baseline: base,
      cpu,
      baselineCpu,
      apiWindowSeconds,
      ratio,
      targetRatio: TARGET_RATIOS[id],
      ratioMet: ratio >= TARGET_RATIOS[id],
      p99Met: result.p99Ms < TARGET_P99_MS,
      notes: extra.notes ?? [],
    };
    log(
      `  CPU ms per request: API ${cpu.api}, sandbox ${cpu.sandbox}, PostgreSQL ${cpu.postgres ?? 'n/a'}, load generator ${cpu.loadgen} = ${cpu.total} (bound ${cpu.cpuBoundRps} req/s); bare route ${baselineCpu.server} + ${baselineCpu.loadgen} = ${baselineCpu.total} (bound ${baselineCpu.cpuBoundRps} req/s)`,
    );
    log(
      `  ${title}: ${result.requestsPerSecond} req/s (${result.ok2xx} ok, ${result.non2xx} non-2xx, ${result.errors} errors), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ratio ${ratio} (target ${TARGET_RATIOS[id]})`,
    );
    scenarios.push(scenario);
    return scenario;
  };

  try {
    log(
      `bench: ${connections} connections, ${durationSeconds} s per measurement, ${warmupSeconds} s warm-up`,
    );
    const baselinePort = await freePort();
    const baselineProc = startNode(
      'baseline',
      path.join(repoRoot, 'bench/baseline-server.ts'),
      { BASELINE_PORT: String(baselinePort) },
      { logFile: path.join(workDir, 'baseline.log') },
    );
    processes.push(baselineProc);
    baseline = { proc: baselineProc, url: `http://127.0.0.1:${baselinePort}` };
    await waitForOk(`${baseline.url}/health`, baselineProc);

    database = await createTempDatabase(options.db ?? 'auto', 'lumira_bench');
    log(`database: ${database.mode} (${database.name})`);
    // No webhook URL: the webhook scenario sends its own signed events for confirmed PaymentIntents.
    sandbox = await startSandboxProcess({ logFile: path.join(workDir, 'sandbox.log') });
    processes.push(sandbox.proc);

    const bundle = options.bundled || options.poolMax ? await buildApiBundle(options.poolMax) : null;
    // The compiled API runs as in production: with the Node.js options of its production start.
    const nodeArgs: string[] = [...(bundle ? productionNodeArgs() : []), ...(options.apiNodeArgs ?? [])];
    if (options.cpuProfileDir) {
      mkdirSync(options.cpuProfileDir, { recursive: true });
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
    }
    apiSpawnedAt = Date.now();
    let apiDatabaseUrl = database.url;
    if (options.pgSocketDir && database.mode === 'server') {
      const u = new URL(database.url);
      u.host = encodeURIComponent(options.pgSocketDir);
      apiDatabaseUrl = u.toString();
    }
    if (options.pgOptions) {
      const u = new URL(apiDatabaseUrl);
      u.searchParams.set('options', options.pgOptions);
      apiDatabaseUrl = u.toString();
    }
    api = await startApiProcess({
      name: 'api',
      databaseUrl: apiDatabaseUrl,
      sandboxUrl: sandbox.url,
      secrets,
      logFile: path.join(workDir, 'api.log'),
      ...(bundle ? { entry: bundle } : {}),
      node: { nodeArgs, plain: Boolean(bundle) },
    });
    processes.push(api.proc);
    await waitForOk(`${api.url}/api/ready`, api.proc);
    log(
      `api: ${api.url} (${bundle ? 'bundled' : 'tsx'}), sandbox: ${sandbox.url}, bare route: ${baseline.url}`,
    );

    // ---- sandbox-create ----------------------------------------------------------------------
    if (wanted.has('sandbox-create')) {
      let n = 0;
      const runId = randomBytes(4).toString('hex');
      await measure(
        'sandbox-create',
        'sandbox POST /v1/payment_intents',
        {
          url: `${sandbox.url}/v1/payment_intents`,
          method: 'POST',
          headers: {
            authorization: `Bearer ${secrets.secretKey}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          setupRequest: () => {
            n++;
            return {
              body: `amount=7900&currency=eur&metadata[orderId]=${(n % 1e12).toString(16).padStart(24, '0')}&description=Lumira%20bench`,
              headers: { 'idempotency-key': `bench-${runId}-${n}` },
            };
          },
        },
        'POST',
      );
    }

    // ---- stripe-sample, durable-sample (the peers) and create-payment-intent, in interleaved rounds ---
    const rounds = Math.max(1, options.rounds ?? 1);
    const roundTitle = (title: string, round: number) =>
      rounds > 1 ? `${title} (round ${round}/${rounds})` : title;
    let sample: { proc: NodeProcess; url: string } | null = null;
    if (wanted.has('stripe-sample')) {
      const samplePort = await freePort();
      const proc = startNode(
        'stripe-sample',
        path.join(repoRoot, 'bench/stripe-sample-server.mjs'),
        {
          SAMPLE_PORT: String(samplePort),
          STRIPE_SECRET_KEY: secrets.secretKey,
          STRIPE_API_BASE: sandbox.url,
        },
        { logFile: path.join(workDir, 'stripe-sample.log'), plain: true },
      );
      processes.push(proc);
      sample = { proc, url: `http://127.0.0.1:${samplePort}` };
      await waitForOk(`${sample.url}/config`, proc);
    }
    let durable: { proc: NodeProcess; url: string } | null = null;
    if (wanted.has('durable-sample')) {
      const durablePort = await freePort();
      const proc = startNode(
        'durable-sample',
        path.join(repoRoot, 'bench/durable-sample-server.mjs'),
        {
          SAMPLE_PORT: String(durablePort),
          STRIPE_SECRET_KEY: secrets.secretKey,
          STRIPE_API_BASE: sandbox.url,
          // The run's database, reached as the API reaches it (same URL, same experiments).
          DATABASE_URL: apiDatabaseUrl,
        },
        { logFile: path.join(workDir, 'durable-sample.log'), plain: true },
      );
      processes.push(proc);
      durable = { proc, url: `http://127.0.0.1:${durablePort}` };
      await waitForOk(`${durable.url}/config`, proc);
    }
    const created: CreatedOrder[] = [];
    let n = 0;
    const runId = randomBytes(4).toString('hex');
    const failures: Record<string, number> = {};
    for (let round = 1; round <= rounds; round++) {
      if (sample) {
        await measure(
          'stripe-sample',
          roundTitle('Stripe sample server POST /create-payment-intent (peer)', round),
          {
            url: `${sample.url}/create-payment-intent`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ paymentMethodType: 'card', currency: 'eur' }),
          },
          'POST',
          { server: sample.proc },
        );
      }
      if (durable) {
        await measure(
          'durable-sample',
          roundTitle(
            'Durable sample server POST /create-payment-intent (peer: sample + one order write)',
            round,
          ),
          {
            url: `${durable.url}/create-payment-intent`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ paymentMethodType: 'card', currency: 'eur' }),
          },
          'POST',
          { server: durable.proc },
        );
      }
      if (!wanted.has('create-payment-intent')) continue;
      await measure(
        'create-payment-intent',
        roundTitle('API POST /api/payments/create-payment-intent', round),
        {
          url: `${api.url}/api/payments/create-payment-intent`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: () => {
            n++;
            return {
              body: JSON.stringify({
                level: TIERS[n % TIERS.length],
                customerEmail: `bench-${runId}-${n}@example.test`,
                customerName: 'Client Bench',
              }),
              headers: { 'idempotency-key': `bench-${runId}-${n}` },
            };
          },
          onResponse: (status, body) => {
            if (status >= 200 && status < 300) {
              try {
                const parsed = JSON.parse(body) as {
                  orderId: string;
                  orderAccessToken: string;
                  clientSecret: string;
                };
                created.push({
                  orderId: parsed.orderId,
                  token: parsed.orderAccessToken,
                  paymentIntentId: paymentIntentIdFromClientSecret(parsed.clientSecret),
                });
              } catch {
                failures.unparsable = (failures.unparsable ?? 0) + 1;
              }
            } else {
              failures[String(status)] = (failures[String(status)] ?? 0) + 1;
            }
          },
        },
        'POST',
      );
    }
    checks.ordersCreated = created.length;
    if (Object.keys(failures).length > 0)
      log(`  create-payment-intent refusals: ${JSON.stringify(failures)}`);
    if (durable) {
      // Every answered request of the durable sample wrote its order and stored its PaymentIntent's id
      // (warm-up requests and those in flight when a measurement ended wrote theirs too: they are given
      // up to 2 s to finish).
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        for (let attempt = 0; attempt < 10; attempt++) {
          const rows = await client.query<{ n: string; with_pi: string }>(
            'SELECT count(*) AS n, count(payment_intent_id) AS with_pi FROM bench_orders',
          );
          checks.durableOrders = Number(rows.rows[0]?.n ?? 0);
          checks.durableOrdersWithPaymentIntent = Number(rows.rows[0]?.with_pi ?? 0);
          if (checks.durableOrders === checks.durableOrdersWithPaymentIntent) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } finally {
        await client.end();
      }
      log(
        `  durable sample: ${checks.durableOrders} orders written, ${checks.durableOrdersWithPaymentIntent} with their PaymentIntent`,
      );
    }

    // ---- webhook ----------------------------------------------------------------------------
    if (wanted.has('webhook') && created.length > 0) {
      const stripe = new Stripe(secrets.secretKey, {
        host: '127.0.0.1',
        port: sandbox.port,
        protocol: 'http',
        maxNetworkRetries: 2,
      });
      const batch = created.slice(0, maxWebhookEvents);
      log(`  confirming ${batch.length} PaymentIntents in the sandbox (not measured)...`);
      const confirmed = await mapLimit(batch, 8, async (order) => {
        const pi = await stripe.paymentIntents.confirm(order.paymentIntentId, {
          payment_method: 'pm_card_visa',
        });
        return { order, pi: JSON.parse(JSON.stringify(pi)) as Record<string, unknown> };
      });
      checks.paymentIntentsConfirmed = confirmed.filter((c) => c.pi.status === 'succeeded').length;
      const runId = randomBytes(4).toString('hex');
      let i = 0;
      const statuses: Record<string, number> = {};
      await measure(
        'webhook',
        'API POST /api/payments/webhook (signed payment_intent.succeeded)',
        {
          url: `${api.url}/api/payments/webhook`,
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          amount: confirmed.length,
          setupRequest: () => {
            const item = confirmed[i % confirmed.length]!;
            const payload = eventPayload(
              `evt_bench${runId}${String(i).padStart(8, '0')}`,
              'payment_intent.succeeded',
              item.pi,
            );
            i++;
            return {
              body: payload,
              headers: { 'stripe-signature': stripeSignature(payload, secrets.webhookSecret) },
            };
          },
          onResponse: (status) => {
            statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
          },
        },
        'POST',
        { warmup: false, notes: [`${confirmed.length} events, one per order (the run is bounded by count)`] },
      );
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const ids = confirmed.map((c) => c.order.orderId);
        const paid = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM orders WHERE id = ANY($1) AND status = 'paid'`,
          [ids],
        );
        const transitions = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM order_events WHERE order_id = ANY($1) AND to_status = 'paid'`,
          [ids],
        );
        checks.ordersPaidInDatabase = Number(paid.rows[0]?.n ?? 0);
        checks.webhookTransitions = Number(transitions.rows[0]?.n ?? 0);
      } finally {
        await client.end();
      }
      log(
        `  webhook answers ${JSON.stringify(statuses)}; ${checks.ordersPaidInDatabase} orders paid, ${checks.webhookTransitions} paid transitions`,
      );
    }

    // ---- order-read ---------------------------------------------------------------------------
    if (wanted.has('order-read') && created.length > 0) {
      let j = 0;
      await measure(
        'order-read',
        'API GET /api/payments/order/:id (X-Order-Token)',
        {
          url: `${api.url}/api/payments/order/${created[0]!.orderId}`,
          method: 'GET',
          setupRequest: () => {
            const order = created[j++ % created.length]!;
            return {
              path: `/api/payments/order/${order.orderId}`,
              headers: { 'x-order-token': order.token },
            };
          },
          onResponse: (status) => {
            if (status === 200) checks.orderReadsOk++;
          },
        },
        'GET',
      );
    }

    const peakRssMiB = {
      baseline: baseline.proc.peakRssMiB(),
      sandbox: sandbox.proc.peakRssMiB(),
      api: api.proc.peakRssMiB(),
    };
    log(
      `peak RSS (MiB): bare route ${peakRssMiB.baseline}, sandbox ${peakRssMiB.sandbox}, API ${peakRssMiB.api}`,
    );
    let apiLog = '';
    try {
      apiLog = readFileSync(path.join(workDir, 'api.log'), 'utf8');
    } catch {
      apiLog = api.proc.output();
    }
    const checkoutVsSample = compareWithPeers(scenarios);
    if (checkoutVsSample) {
      const r = checkoutVsSample.rounds;
      log(
        `checkout against the Stripe sample server: ${r.map((p) => `${p.checkoutRps} / ${p.sampleRps} = ${p.ratio}`).join('; ')}; median ${checkoutVsSample.ratio} (target ${CHECKOUT_VS_SAMPLE_TARGET})`,
      );
      if (checkoutVsSample.checkoutVsDurable !== undefined)
        log(
          `checkout against the durable sample server: ${r.map((p) => `${p.checkoutRps} / ${p.durableRps} = ${p.checkoutVsDurable}`).join('; ')}; median ${checkoutVsSample.checkoutVsDurable}`,
        );
    }
    const durableRounds = peerRatios(scenarios, 'durable-sample', 'stripe-sample');
    if (durableRounds.length > 0)
      log(
        `durable sample against the Stripe sample server: ${durableRounds.map((p) => `${p.rps} / ${p.peerRps} = ${p.ratio}`).join('; ')}`,
      );
    return {
      date: new Date().toISOString(),
      command: options.command ?? `npm run bench${options.bundled ? ' -- --bundled' : ''}`,
      machine: machineInfo(),
      settings: {
        connections,
        durationSeconds,
        warmupSeconds,
        database: database.mode,
        databaseConnection: apiDatabaseUrl.includes('%2F') ? 'unix socket' : 'tcp loopback',
        ...(options.pgOptions ? { pgOptions: options.pgOptions } : {}),
        ...(options.poolMax ? { poolMax: options.poolMax } : {}),
        apiBuild: bundle ? 'bundled' : 'tsx',
        ...(nodeArgs.length > 0 ? { apiNodeArgs: nodeArgs } : {}),
        nodeEnv: api.env.NODE_ENV ?? '',
        logLevel: api.env.LOG_LEVEL ?? '',
      },
      scenarios,
      ...(checkoutVsSample ? { checkoutVsSample } : {}),
      peakRssMiB,
      targets: { ratios: TARGET_RATIOS, p99Ms: TARGET_P99_MS, apiRssMiB: TARGET_API_RSS_MIB },
      checks,
      loadAverage: { start: loadStart, end: os.loadavg().map((n) => round(n)) },
      apiErrorLines: apiLog.split('\n').filter((l) => /"level":(50|60)/.test(l)).length,
    };
  } finally {
    for (const proc of processes.reverse()) await proc.stop('SIGTERM').catch(() => undefined);
    await database
      ?.drop()
      .catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
    rmSync(workDir, { recursive: true, force: true });
  }
}
