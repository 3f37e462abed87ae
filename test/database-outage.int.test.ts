/**
 * The API as a production process survives database faults:
 * - its sessions terminated (`pg_terminate_backend`) while a confirm-payment waits on a slow provider:
 *   no crash, the request answers 200 or 503 (never 500), the next requests work;
 * - its (embedded, test-owned) PostgreSQL stopped: requests answer 503 SERVICE_UNAVAILABLE with
 *   Retry-After, the process stays up, and everything works again once PostgreSQL is back.
 * The database is an embedded cluster this test starts itself (never the machine's shared server).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type SandboxHandle, startSandbox } from '@lumira/stripe-sandbox';
import pg from 'pg';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmbeddedPostgresHandle,
  startEmbeddedPostgres,
} from '../apps/api-backend/src/data/embedded-postgres';
import { freePort } from '../bench/lib/proc';
import {
  type ApiProcess,
  DEMO_EXPERT_ID,
  paymentIntentIdFromClientSecret,
  runSecrets,
  startApiProcess,
} from '../bench/lib/stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let pgPort: number;
let database: EmbeddedPostgresHandle | null = null;
let sandbox: SandboxHandle;
let api: ApiProcess;
const secrets = runSecrets();

async function startDatabase(): Promise<EmbeddedPostgresHandle> {
  return startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: pgPort });
}

async function call(method: string, pathName: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}${pathName}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

function alive(): boolean {
  return api.proc.child.exitCode === null && api.proc.child.signalCode === null;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lumira-outage-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as 'postgres' and must traverse it
  pgPort = await freePort();
  database = await startDatabase();
  const apiPort = await freePort();
  sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    webhookUrl: `http://127.0.0.1:${apiPort}/api/payments/webhook`,
    webhookSecret: secrets.webhookSecret,
    retrySchedule: [],
  });
  api = await startApiProcess({
    name: 'api-outage',
    port: apiPort,
    databaseUrl: database.url,
    sandboxUrl: sandbox.url,
    secrets,
    env: { DB_CONNECT_TIMEOUT_MS: '1000' },
  });
});

afterAll(async () => {
  await api?.proc.stop('SIGTERM').catch(() => undefined);
  await sandbox?.close().catch(() => undefined);
  await database?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('database faults in production mode', () => {
  it('survives its sessions being terminated while a settle waits on a slow provider', {
    timeout: 120_000,
  }, async () => {
    const created = await call(
      'POST',
      '/api/payments/create-payment-intent',
      { level: 'premium', expertId: DEMO_EXPERT_ID, customerEmail: 'outage@example.test' },
      { 'idempotency-key': 'outage-1' },
    );
    expect(created.status).toBe(201);
    const paymentIntentId = paymentIntentIdFromClientSecret(created.body.clientSecret);
    const stripe = new Stripe(secrets.secretKey, { host: '127.0.0.1', port: sandbox.port, protocol: 'http' });
    await stripe.paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' });
    expect((await call('POST', '/api/payments/confirm-payment', { paymentIntentId })).body.status).toBe(
      'paid',
    );

    sandbox.setFaults({ latencyMs: 4000 });
    const confirming = call('POST', '/api/payments/confirm-payment', { paymentIntentId });
    await sleep(1500);
    const admin = new pg.Client({ connectionString: database!.url });
    admin.on('error', () => undefined);
    await admin.connect();
    const killed = await admin.query(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname IS NOT NULL AND backend_type = $1',
      ['client backend'],
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    const answer = await confirming;
    sandbox.setFaults({});
    expect([200, 503]).toContain(answer.status);
    if (answer.status === 503) expect(answer.headers.get('retry-after')).toBeTruthy();
    await sleep(300);
    expect(alive()).toBe(true);
    // The pool replaced the terminated connections: database routes work again, the order is still paid.
    expect((await call('GET', '/api/catalog')).status).toBe(200);
    const again = await call('POST', '/api/payments/confirm-payment', { paymentIntentId });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('paid');
  });

  it('answers 503 with Retry-After while PostgreSQL is down, never exits, and recovers when it is back', {
    timeout: 120_000,
  }, async () => {
    await database!.stop();
    database = null;
    for (const [method, pathName, body] of [
      ['GET', '/api/catalog', undefined],
      ['POST', '/api/auth/login', { email: 'client@lumira.test', password: 'client-demo-2026' }],
      ['POST', '/api/payments/create-payment-intent', { level: 'basic', customerEmail: 'down@example.test' }],
    ] as const) {
      const res = await call(method, pathName, body, { 'idempotency-key': `down-${pathName}` });
      expect(res.status, `${method} ${pathName}`).toBe(503);
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await call('GET', '/api/ready')).status).toBe(503);
    await sleep(500);
    expect(alive()).toBe(true);

    database = await startDatabase();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await call('GET', '/api/catalog')).status;
      if (status !== 200) await sleep(250);
    }
    expect(status).toBe(200);
    expect(alive()).toBe(true);
  });
});
