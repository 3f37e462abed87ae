/**
 * Starting the real programs as real processes for bench, chaos and fuzz runs: the API
 * (`apps/api-backend/src/main.ts`, configured only through its documented environment variables) and
 * the Stripe sandbox (`packages/stripe-sandbox/src/cli.ts`). Everything listens on 127.0.0.1.
 */
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { freePort, type NodeProcess, repoRoot, type StartNodeOptions, startNode, waitForOk } from './proc';

export const API_ENTRY = path.join(repoRoot, 'apps/api-backend/src/main.ts');
export const SANDBOX_ENTRY = path.join(repoRoot, 'packages/stripe-sandbox/src/cli.ts');
/** The demo expert every tier is offered by (seeded with SEED_DEMO_DATA=true). */
export const DEMO_EXPERT_ID = '674123456789abcdef012345';

export interface RunSecrets {
  secretKey: string;
  webhookSecret: string;
  jwtSecret: string;
}

/** Random secrets for one run (no development marker: the API accepts them with NODE_ENV=production). */
export function runSecrets(): RunSecrets {
  return {
    secretKey: `sk_test_run${randomBytes(16).toString('hex')}`,
    webhookSecret: `whsec_${randomBytes(24).toString('hex')}`,
    jwtSecret: randomBytes(32).toString('hex'),
  };
}

export interface ApiProcess {
  proc: NodeProcess;
  url: string;
  port: number;
  env: Record<string, string>;
}

export interface ApiProcessOptions {
  name: string;
  databaseUrl: string;
  sandboxUrl: string;
  secrets: RunSecrets;
  port?: number;
  redisUrl?: string;
  rateLimitPrefix?: string;
  env?: Record<string, string>;
  logFile?: string;
  node?: StartNodeOptions;
  /** Another entry (e.g. a bundled build of main.ts). */
  entry?: string;
}

export function apiEnv(opts: ApiProcessOptions & { port: number }): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    DATABASE_URL: opts.databaseUrl,
    STRIPE_API_BASE: opts.sandboxUrl,
    STRIPE_SECRET_KEY: opts.secrets.secretKey,
    STRIPE_WEBHOOK_SECRET: opts.secrets.webhookSecret,
    JWT_SECRET: opts.secrets.jwtSecret,
    FRONTEND_URL: 'http://localhost:5173',
    SEED_DEMO_DATA: 'true',
    LOG_DIR: 'off',
    LOG_LEVEL: 'info',
    // Load generators come from one address: lift the per-IP budgets far above any run's volume.
    RATE_LIMIT_STRICT_MAX: '1000000',
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_PREFIX: opts.rateLimitPrefix ?? `lumira:run:${randomBytes(6).toString('hex')}:`,
    RECONCILE_ON_START: 'false',
    RECONCILE_INTERVAL_SECONDS: '0',
    // Production serves /metrics only behind its token.
    METRICS_TOKEN: `metrics-${opts.secrets.jwtSecret.slice(0, 24)}`,
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    ...opts.env,
  };
}

/** Starts one API process and waits for /api/health. */
export async function startApiProcess(opts: ApiProcessOptions): Promise<ApiProcess> {
  const port = opts.port ?? (await freePort());
  const env = apiEnv({ ...opts, port });
  const proc = startNode(opts.name, opts.entry ?? API_ENTRY, env, {
    ...opts.node,
    ...(opts.logFile ? { logFile: opts.logFile } : {}),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}/api/health`, proc);
  } catch (error) {
    await proc.stop('SIGKILL');
    throw error;
  }
  return { proc, url, port, env };
}

export interface SandboxProcess {
  proc: NodeProcess;
  url: string;
  port: number;
}

export async function startSandboxProcess(opts: {
  name?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  retrySchedule?: number[];
  logFile?: string;
  node?: StartNodeOptions;
}): Promise<SandboxProcess> {
  const port = await freePort();
  const env: Record<string, string> = { SANDBOX_PORT: String(port), SANDBOX_HOST: '127.0.0.1' };
  if (opts.webhookUrl) env.SANDBOX_WEBHOOK_URL = opts.webhookUrl;
  if (opts.webhookSecret) env.SANDBOX_WEBHOOK_SECRET = opts.webhookSecret;
  if (opts.retrySchedule) env.SANDBOX_RETRY_SCHEDULE = opts.retrySchedule.join(',');
  const proc = startNode(opts.name ?? 'sandbox', SANDBOX_ENTRY, env, {
    ...opts.node,
    ...(opts.logFile ? { logFile: opts.logFile } : {}),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}/_sandbox/health`, proc);
  } catch (error) {
    await proc.stop('SIGKILL');
    throw error;
  }
  return { proc, url, port };
}

/** The JSON body of a Stripe event of `type` carrying `object`, as Stripe sends it to a webhook endpoint. */
export function eventPayload(id: string, type: string, object: unknown): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-03-31.basil',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

/** A signed webhook request for `payload`: its headers and body. */
export function signedWebhookRequest(payload: string, secret: string) {
  return {
    method: 'POST' as const,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': stripeSignature(payload, secret),
    },
    body: payload,
  };
}

/** A `Stripe-Signature` header exactly as Stripe computes it (v1 = HMAC-SHA256 of `t.payload`). */
export function stripeSignature(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** The PaymentIntent id inside a client secret (`pi_..._secret_...`). */
export function paymentIntentIdFromClientSecret(clientSecret: string): string {
  const index = clientSecret.indexOf('_secret_');
  if (index <= 0) throw new Error('not a PaymentIntent client secret');
  return clientSecret.slice(0, index);
}

/** Runs `worker` over `items` with at most `concurrency` at once. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  worker: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
