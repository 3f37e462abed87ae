/**
 * `npm run bench:scale`: latency of every API endpoint as the orders table grows.
 *
 * One fresh database, one API process (production mode) and one Stripe sandbox. At each size (default 0,
 * 100,000 and 1,000,000 orders, loaded in bulk by `lib/scale-data.ts` between two measurements) every
 * route is called one request at a time (no concurrency: this measures the cost of one request at that
 * table size, not throughput) and p50 / p99 are taken over the samples. Writes act on fresh orders the
 * bench creates through the API at that size (checkouts, confirmed PaymentIntents, paid orders), so
 * "0 orders" means the loaded table is empty and only those few fixture orders exist.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../apps/api-backend/src/domain/auth/password';
import { createTempDatabase, type DbMode, type TempDatabase } from './lib/database';
import { percentile, type RequestSpec, type TimedResponse, timedRequest } from './lib/http-client';
import { type MachineInfo, machineInfo } from './lib/machine';
import { type NodeProcess, waitForOk } from './lib/proc';
import {
  analyzeTables,
  loadCustomers,
  loadOrders,
  SCALE_ORDER_SPACING_SECONDS,
  scaleCustomerEmail,
  scaleOrderCustomer,
  scaleOrderId,
  scaleOrderStatus,
  scaleOrderToken,
} from './lib/scale-data';
import {
  type ApiProcess,
  DEMO_EXPERT_ID,
  eventPayload,
  paymentIntentIdFromClientSecret,
  runSecrets,
  type SandboxProcess,
  signedWebhookRequest,
  startApiProcess,
  startSandboxProcess,
} from './lib/stack';

export const SCALE_PASSWORD = 'scale-password-2026';
const DEMO = {
  admin: ['admin@lumira.test', 'admin-demo-2026'],
  expert: ['expert@lumira.test', 'expert-demo-2026'],
} as const;

export interface ScaleOptions {
  /** Table sizes to measure at, ascending (default [0, 100_000, 1_000_000]). */
  sizes?: number[];
  customers?: number;
  /** Samples per read endpoint (default 100) and per write endpoint (default 30). */
  readSamples?: number;
  writeSamples?: number;
  /** Stop sampling one endpoint after this many seconds (default 10): keeps slow endpoints bounded. */
  endpointBudgetSeconds?: number;
  db?: DbMode;
  /** Another API entry (a bundled or compiled build); default: main.ts through tsx. */
  apiEntry?: string;
  apiBuild?: string;
  /** Measure only these endpoint ids (the fixtures every write needs are still made, unmeasured). */
  only?: string[];
  /**
   * Leave the database in place at the end (its URL is logged and returned) to study it afterwards;
   * only a database on the PostgreSQL server (an embedded cluster stops with the run).
   */
  keepDatabase?: boolean;
  /** Name prefix of the fresh database (default `lumira_scale`). */
  databasePrefix?: string;
  command?: string;
  log?: (line: string) => void;
}

export interface EndpointFigure {
  id: string;
  method: string;
  route: string;
  kind: 'read' | 'write';
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** status code -> count (every sample must be the expected 2xx). */
  statusCodes: Record<string, number>;
}

export interface ScaleMeasurement {
  orders: number;
  loadSeconds: number;
  loadAverage: number[];
  endpoints: EndpointFigure[];
}

export interface ScaleResults {
  date: string;
  command: string;
  apiBuild: string;
  database: 'server' | 'embedded';
  machine: MachineInfo;
  settings: { customers: number; readSamples: number; writeSamples: number; endpointBudgetSeconds: number };
  loadAverage: { start: number[]; end: number[] };
  measurements: ScaleMeasurement[];
  /** Requests that did not answer the expected status (must be 0). */
  unexpected: number;
  /** The database's URL when it was kept (`keepDatabase` on the server): the caller drops it. */
  keptDatabaseUrl?: string;
}

type Fixture = { orderId: string; token: string; paymentIntentId: string };

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export async function runScaleBench(options: ScaleOptions = {}): Promise<ScaleResults> {
  const log = options.log ?? ((line: string) => console.log(line));
  const sizes = options.sizes ?? [0, 100_000, 1_000_000];
  const customers = options.customers ?? 100_000;
  const readSamples = options.readSamples ?? 100;
  const writeSamples = options.writeSamples ?? 30;
  const budgetMs = (options.endpointBudgetSeconds ?? 10) * 1000;
  const maxOrders = Math.max(0, ...sizes);
  const loadStart = os.loadavg().map((n) => round(n));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'lumira-scale-'));
  const secrets = runSecrets();
  const processes: NodeProcess[] = [];
  let database: TempDatabase | null = null;
  let client: pg.Client | null = null;
  let unexpected = 0;
  const only = options.only ? new Set(options.only) : null;
  // Only a database on the server outlives the run (an embedded cluster stops with it).
  let keep = false;
  const measurements: ScaleMeasurement[] = [];

  try {
    database = await createTempDatabase(options.db ?? 'auto', options.databasePrefix ?? 'lumira_scale');
    log(`database: ${database.mode} (${database.name})`);
    keep = options.keepDatabase === true && database.mode === 'server';
    const sandbox: SandboxProcess = await startSandboxProcess({ logFile: path.join(workDir, 'sandbox.log') });
    processes.push(sandbox.proc);
    const api: ApiProcess = await startApiProcess({
      name: 'api',
      databaseUrl: database.url,
      sandboxUrl: sandbox.url,
      secrets,
      logFile: path.join(workDir, 'api.log'),
      ...(options.apiEntry ? { entry: options.apiEntry, node: { plain: true } } : {}),
    });
    processes.push(api.proc);
    await waitForOk(`${api.url}/api/ready`, api.proc);
    log(`api: ${api.url} (${options.apiBuild ?? 'tsx'}), sandbox: ${sandbox.url}`);

    client = new pg.Client({ connectionString: database.url });
    client.on('error', () => undefined);
    await client.connect();
    const loadedAt = Date.now();
    await loadCustomers(client, customers, await hashPassword(SCALE_PASSWORD));
    log(`${customers} customers loaded in ${round((Date.now() - loadedAt) / 1000, 1)} s`);
    const baseEpoch = Math.floor(Date.now() / 1000) - maxOrders * SCALE_ORDER_SPACING_SECONDS - 86_400;

    const json = { 'content-type': 'application/json' };
    const sk = { authorization: `Bearer ${secrets.secretKey}` };
    const call = (p: string, spec: RequestSpec = {}) => timedRequest(`${api.url}${p}`, spec);
    const login = async (email: string, password: string) => {
      const res = await call('/api/auth/login', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
      return (JSON.parse(res.body) as { token: string }).token;
    };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const adminJwt = await login(...DEMO.admin);
    const expertJwt = await login(...DEMO.expert);
    const customerJwt = await login(scaleCustomerEmail(1), SCALE_PASSWORD);
    const sandboxPost = async (p: string, form: string) => {
      const res = await timedRequest(`${sandbox.url}${p}`, {
        method: 'POST',
        headers: { ...sk, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      if (res.status !== 200) throw new Error(`sandbox ${p}: ${res.status} ${res.body}`);
      return JSON.parse(res.body) as Record<string, unknown>;
    };
    const sandboxGet = async (p: string) => {
      const res = await timedRequest(`${sandbox.url}${p}`, { headers: sk });
      if (res.status !== 200) throw new Error(`sandbox ${p}: ${res.status} ${res.body}`);
      return JSON.parse(res.body) as Record<string, unknown>;
    };
    const signedEvent = (type: string, object: Record<string, unknown>) =>
      signedWebhookRequest(
        eventPayload(`evt_scale${randomBytes(10).toString('hex')}`, type, object),
        secrets.webhookSecret,
      );

    /** Samples one endpoint: `spec(i)` builds request i; every answer must have status `expect`. */
    const sample = async (
      figures: EndpointFigure[],
      meta: { id: string; method: string; route: string; kind: 'read' | 'write'; expect?: number },
      count: number,
      spec: (i: number) => { path: string } & RequestSpec,
      options: {
        warmup?: number;
        onResponse?: (res: TimedResponse, i: number) => void;
        /** Fixture requests: every one is needed, the time budget does not apply. */
        unbounded?: boolean;
      } = {},
    ) => {
      const expect = meta.expect ?? 200;
      const measured = !only || only.has(meta.id);
      // An endpoint left out by `only` is still called when its answers are fixtures (`unbounded`).
      if (!measured && !options.unbounded) return null;
      for (let w = 0; w < (options.warmup ?? 0); w++) await call(spec(-1 - w).path, spec(-1 - w));
      const times: number[] = [];
      const statusCodes: Record<string, number> = {};
      const started = Date.now();
      for (let i = 0; i < count; i++) {
        const { path: p, ...rest } = spec(i);
        const res = await call(p, rest);
        times.push(res.ms);
        statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
        if (res.status !== expect) {
          unexpected++;
          if (unexpected <= 20)
            log(`  ${meta.id}: expected ${expect}, got ${res.status} ${res.body.slice(0, 300)}`);
        }
        options.onResponse?.(res, i);
        if (!options.unbounded && Date.now() - started > budgetMs && i >= 4) break;
      }
      times.sort((a, b) => a - b);
      const figure: EndpointFigure = {
        ...meta,
        samples: times.length,
        p50Ms: round(percentile(times, 50)),
        p99Ms: round(percentile(times, 99)),
        statusCodes,
      };
      delete (figure as { expect?: number }).expect;
      if (!measured) return null;
      figures.push(figure);
      log(
        `  ${meta.method} ${meta.route} [${meta.id}]: p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms (${times.length})`,
      );
      return figure;
    };

    let loaded = 0;
    let fixtureRun = 0;
    for (const size of sizes) {
      const t0 = Date.now();
      if (size > loaded) {
        log(`loading orders ${loaded} .. ${size - 1}`);
        await loadOrders(client, { from: loaded, to: size, customers, baseEpoch }, (done) =>
          log(`  ${done} / ${size - loaded} orders`),
        );
        await analyzeTables(client);
        loaded = size;
      }
      const loadSeconds = round((Date.now() - t0) / 1000, 1);
      log(
        `== ${size} orders (loaded in ${loadSeconds} s), load average ${os
          .loadavg()
          .map((n) => round(n))
          .join(' / ')}`,
      );
      const figures: EndpointFigure[] = [];
      const loadAverage = os.loadavg().map((n) => round(n));
      fixtureRun++;
      const run = `${fixtureRun}${randomBytes(3).toString('hex')}`;
      const S = writeSamples;

      // ---- checkouts (the write every other fixture starts from) --------------------------------
      const fixtures: Fixture[] = [];
      await sample(
        figures,
        {
          id: 'create-payment-intent',
          method: 'POST',
          route: '/api/payments/create-payment-intent',
          kind: 'write',
          expect: 201,
        },
        7 * S,
        (i) => ({
          path: '/api/payments/create-payment-intent',
          method: 'POST',
          headers: { ...json, 'idempotency-key': `scale-${run}-${i}` },
          body: JSON.stringify({
            level: ['basic', 'premium', 'vip'][Math.abs(i) % 3],
            customerEmail: `scale-${run}-${Math.abs(i)}@example.test`,
            customerName: 'Client Scale',
            expertId: DEMO_EXPERT_ID,
          }),
        }),
        {
          unbounded: true,
          onResponse: (res) => {
            if (res.status !== 201) return;
            const body = JSON.parse(res.body) as {
              orderId: string;
              orderAccessToken: string;
              clientSecret: string;
            };
            fixtures.push({
              orderId: body.orderId,
              token: body.orderAccessToken,
              paymentIntentId: paymentIntentIdFromClientSecret(body.clientSecret),
            });
          },
        },
      );
      if (fixtures.length < 7 * S) throw new Error(`only ${fixtures.length} checkouts succeeded`);
      const take = (n: number) => fixtures.splice(0, n);
      const toCancel = take(S);
      const toConfirm = take(S);
      const toWebhook = take(S);
      const forSessions = take(S);
      const forNoShow = take(S);
      const forRefund = take(S);
      const forRefundFail = take(S);

      // Confirm PaymentIntents in the sandbox (not measured): card 4242, or the refund-fails card.
      const confirmed = new Map<string, Record<string, unknown>>();
      for (const f of [...toConfirm, ...toWebhook, ...forSessions, ...forNoShow, ...forRefund]) {
        confirmed.set(
          f.orderId,
          await sandboxPost(
            `/v1/payment_intents/${f.paymentIntentId}/confirm`,
            'payment_method=pm_card_visa',
          ),
        );
      }
      for (const f of forRefundFail) {
        confirmed.set(
          f.orderId,
          await sandboxPost(
            `/v1/payment_intents/${f.paymentIntentId}/confirm`,
            'payment_method=pm_card_refundFail',
          ),
        );
      }

      await sample(
        figures,
        { id: 'confirm-payment', method: 'POST', route: '/api/payments/confirm-payment', kind: 'write' },
        S,
        (i) => ({
          path: '/api/payments/confirm-payment',
          method: 'POST',
          headers: json,
          body: JSON.stringify({ paymentIntentId: toConfirm[Math.max(0, i)]!.paymentIntentId }),
        }),
      );
      await sample(
        figures,
        { id: 'webhook', method: 'POST', route: '/api/payments/webhook', kind: 'write' },
        S,
        (i) => ({
          path: '/api/payments/webhook',
          ...signedEvent('payment_intent.succeeded', confirmed.get(toWebhook[Math.max(0, i)]!.orderId)!),
        }),
      );
      // Pay the remaining fixtures through the webhook (not measured).
      for (const f of [...forSessions, ...forNoShow, ...forRefund, ...forRefundFail]) {
        const res = await call(
          '/api/payments/webhook',
          signedEvent('payment_intent.succeeded', confirmed.get(f.orderId)!),
        );
        if (res.status !== 200) throw new Error(`webhook fixture: ${res.status} ${res.body}`);
      }
      await sample(
        figures,
        { id: 'cancel', method: 'POST', route: '/api/payments/order/:id/cancel', kind: 'write' },
        S,
        (i) => {
          const f = toCancel[Math.max(0, i)]!;
          return {
            path: `/api/payments/order/${f.orderId}/cancel`,
            method: 'POST',
            headers: { 'x-order-token': f.token },
          };
        },
      );

      // ---- reads ---------------------------------------------------------------------------------
      const R = readSamples;
      const pick = (i: number) => {
        // A loaded order when there are any (spread over the table), else a fixture.
        if (loaded > 0) {
          const n = Math.floor(((Math.abs(i) * 7919) % 1000) * (loaded / 1000)) + (Math.abs(i) % 7);
          const k = Math.min(loaded - 1, n);
          return { orderId: scaleOrderId(k), token: scaleOrderToken(k), expertOwned: k % 3 === 0 };
        }
        const f = toConfirm[Math.abs(i) % toConfirm.length]!;
        return { orderId: f.orderId, token: f.token, expertOwned: true };
      };
      const deskOrder = (i: number) => {
        if (loaded > 0) {
          const k = Math.min(loaded - 1, Math.floor(((Math.abs(i) * 7919) % 1000) * (loaded / 1000)) * 3);
          return scaleOrderId(k - (k % 3));
        }
        return toConfirm[Math.abs(i) % toConfirm.length]!.orderId;
      };
      const adminJ = bearer(adminJwt);
      const expertJ = bearer(expertJwt);
      const customerJ = bearer(customerJwt);
      const reads: {
        id: string;
        route: string;
        path: (i: number) => string;
        headers?: Record<string, string>;
        sse?: boolean;
      }[] = [
        { id: 'health', route: '/api/health', path: () => '/api/health' },
        { id: 'ready', route: '/api/ready', path: () => '/api/ready' },
        {
          id: 'metrics',
          route: '/metrics',
          path: () => '/metrics',
          headers: bearer(api.env.METRICS_TOKEN!),
        },
        { id: 'catalog', route: '/api/catalog', path: () => '/api/catalog' },
        { id: 'experts', route: '/api/experts', path: () => '/api/experts' },
        { id: 'me', route: '/api/auth/me', path: () => '/api/auth/me', headers: customerJ },
        {
          id: 'my-orders',
          route: '/api/payments/orders',
          path: () => '/api/payments/orders',
          headers: customerJ,
        },
        {
          id: 'order-by-token',
          route: '/api/payments/order/:id (token)',
          path: (i) => `/api/payments/order/${pick(i).orderId}?token=${encodeURIComponent(pick(i).token)}`,
        },
        { id: 'desk-orders', route: '/api/desk/orders', path: () => '/api/desk/orders', headers: expertJ },
        {
          id: 'desk-orders-paid',
          route: '/api/desk/orders?status=paid',
          path: () => '/api/desk/orders?status=paid',
          headers: expertJ,
        },
        {
          id: 'desk-order',
          route: '/api/desk/orders/:id',
          path: (i) => `/api/desk/orders/${deskOrder(i)}`,
          headers: expertJ,
        },
        {
          id: 'desk-earnings',
          route: '/api/desk/earnings',
          path: () => '/api/desk/earnings',
          headers: expertJ,
        },
        {
          id: 'desk-earnings-year',
          route: '/api/desk/earnings?days=366',
          path: () => '/api/desk/earnings?days=366',
          headers: expertJ,
        },
        { id: 'admin-orders', route: '/api/admin/orders', path: () => '/api/admin/orders', headers: adminJ },
        {
          id: 'admin-orders-paid',
          route: '/api/admin/orders?status=paid',
          path: () => '/api/admin/orders?status=paid',
          headers: adminJ,
        },
        {
          id: 'admin-orders-expert',
          route: '/api/admin/orders?expertId=',
          path: () => `/api/admin/orders?expertId=${DEMO_EXPERT_ID}`,
          headers: adminJ,
        },
        {
          id: 'admin-orders-search',
          route: '/api/admin/orders?q=email',
          path: (i) =>
            `/api/admin/orders?q=${encodeURIComponent(scaleCustomerEmail((Math.abs(i) % customers) + 1))}`,
          headers: adminJ,
        },
        {
          id: 'admin-orders-search-start',
          route: '/api/admin/orders?q=start of an email',
          path: (i) => `/api/admin/orders?q=${encodeURIComponent(`customer${(Math.abs(i) % 900) + 100}`)}`,
          headers: adminJ,
        },
        {
          id: 'admin-orders-search-broad',
          route: '/api/admin/orders?q=broad start (customer1..9)',
          path: (i) => `/api/admin/orders?q=customer${(Math.abs(i) % 9) + 1}`,
          headers: adminJ,
        },
        {
          id: 'admin-orders-search-short',
          route: '/api/admin/orders?q=1-2 characters',
          path: (i) => `/api/admin/orders?q=${['c', 'cu', 'g', 'gu'][Math.abs(i) % 4]}`,
          headers: adminJ,
        },
        {
          id: 'admin-orders-day',
          route: '/api/admin/orders?from=&to= (one day)',
          path: () => {
            const day = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
            return `/api/admin/orders?from=${day}&to=${day}`;
          },
          headers: adminJ,
        },
        {
          id: 'admin-orders-deep',
          route: '/api/admin/orders (10,000 orders deep)',
          path: () => '',
          headers: adminJ,
        },
        {
          id: 'admin-order',
          route: '/api/admin/orders/:id',
          path: (i) => `/api/admin/orders/${pick(i).orderId}`,
          headers: adminJ,
        },
        {
          id: 'payments-overview',
          route: '/api/admin/payments/overview',
          path: () => '/api/admin/payments/overview',
          headers: adminJ,
        },
        {
          id: 'payments-overview-year',
          route: '/api/admin/payments/overview?days=366',
          path: () => '/api/admin/payments/overview?days=366',
          headers: adminJ,
        },
        {
          id: 'admin-catalog',
          route: '/api/admin/catalog',
          path: () => '/api/admin/catalog',
          headers: adminJ,
        },
        {
          id: 'admin-experts',
          route: '/api/admin/experts',
          path: () => '/api/admin/experts',
          headers: adminJ,
        },
        {
          id: 'order-events-open',
          route: '/api/payments/order/:id/events (SSE open)',
          path: (i) =>
            `/api/payments/order/${pick(i).orderId}/events?token=${encodeURIComponent(pick(i).token)}`,
          sse: true,
        },
        {
          id: 'desk-events-open',
          route: '/api/desk/events (SSE open)',
          path: () => '/api/desk/events',
          headers: expertJ,
          sse: true,
        },
        {
          id: 'admin-events-open',
          route: '/api/admin/events (SSE open)',
          path: () => '/api/admin/events',
          headers: adminJ,
          sse: true,
        },
      ];
      const deepPath = await deepAdminPage(call, adminJ, 10_000);
      for (const r of reads) {
        const p = r.id === 'admin-orders-deep' ? () => deepPath : r.path;
        await sample(
          figures,
          { id: r.id, method: 'GET', route: r.route, kind: 'read' },
          r.sse ? Math.min(R, 30) : R,
          (i) => ({ path: p(i), headers: r.headers ?? {}, headersOnly: r.sse ?? false }),
          { warmup: 3 },
        );
      }

      // ---- desk and admin writes -------------------------------------------------------------------
      await sample(
        figures,
        { id: 'desk-start', method: 'POST', route: '/api/desk/orders/:id/start', kind: 'write' },
        S,
        (i) => ({
          path: `/api/desk/orders/${forSessions[Math.max(0, i)]!.orderId}/start`,
          method: 'POST',
          headers: { ...expertJ, ...json },
          body: '{}',
        }),
        { unbounded: true },
      );
      // The consultation room of each running session (one message, typing, one hang-up signal per order).
      await sample(figures, { id: 'room', method: 'GET', route: '/api/rooms/:id', kind: 'read' }, S, (i) => ({
        path: `/api/rooms/${forSessions[Math.max(0, i)]!.orderId}`,
        headers: expertJ,
      }));
      await sample(
        figures,
        { id: 'room-message', method: 'POST', route: '/api/rooms/:id/messages', kind: 'write', expect: 201 },
        S,
        (i) => ({
          path: `/api/rooms/${forSessions[Math.max(0, i)]!.orderId}/messages`,
          method: 'POST',
          headers: { ...expertJ, ...json },
          body: JSON.stringify({
            clientMessageId: `scale-${run}-${Math.abs(i)}`,
            text: 'Bonjour, je vous écoute.',
          }),
        }),
      );
      await sample(
        figures,
        { id: 'room-typing', method: 'POST', route: '/api/rooms/:id/typing', kind: 'write', expect: 204 },
        S,
        (i) => ({
          path: `/api/rooms/${forSessions[Math.max(0, i)]!.orderId}/typing`,
          method: 'POST',
          headers: { ...expertJ, ...json },
          body: '{}',
        }),
      );
      await sample(
        figures,
        { id: 'room-signal', method: 'POST', route: '/api/rooms/:id/signal', kind: 'write', expect: 202 },
        S,
        (i) => ({
          path: `/api/rooms/${forSessions[Math.max(0, i)]!.orderId}/signal`,
          method: 'POST',
          headers: { ...expertJ, ...json },
          body: JSON.stringify({ type: 'hangup', callId: `scalecall${run}${Math.abs(i)}`, reason: 'hangup' }),
        }),
      );
      await sample(
        figures,
        { id: 'room-events-open', method: 'GET', route: '/api/rooms/:id/events (SSE open)', kind: 'read' },
        S,
        (i) => ({
          path: `/api/rooms/${forSessions[Math.max(0, i)]!.orderId}/events`,
          headers: expertJ,
          headersOnly: true,
        }),
      );
      await sample(
        figures,
        { id: 'desk-end', method: 'POST', route: '/api/desk/orders/:id/end', kind: 'write' },
        S,
        (i) => ({
          path: `/api/desk/orders/${forSessions[Math.max(0, i)]!.orderId}/end`,
          method: 'POST',
          headers: { ...expertJ, ...json },
          body: JSON.stringify({ reason: 'completed' }),
        }),
      );
      await sample(
        figures,
        { id: 'desk-no-show', method: 'POST', route: '/api/desk/orders/:id/no-show', kind: 'write' },
        S,
        (i) => ({
          path: `/api/desk/orders/${forNoShow[Math.max(0, i)]!.orderId}/no-show`,
          method: 'POST',
          headers: { ...expertJ, ...json },
          body: JSON.stringify({ who: i % 2 === 0 ? 'customer' : 'expert' }),
        }),
      );
      await sample(
        figures,
        { id: 'desk-availability', method: 'PUT', route: '/api/desk/availability', kind: 'write' },
        S,
        () => ({
          path: '/api/desk/availability',
          method: 'PUT',
          headers: { ...expertJ, ...json },
          body: '{"online":true}',
        }),
      );
      await sample(
        figures,
        {
          id: 'admin-refund',
          method: 'POST',
          route: '/api/admin/orders/:id/refund',
          kind: 'write',
          expect: 201,
        },
        S,
        (i) => ({
          path: `/api/admin/orders/${forRefund[Math.max(0, i)]!.orderId}/refund`,
          method: 'POST',
          headers: { ...adminJ, ...json },
          body: JSON.stringify({ reason: 'annulation demandée par le client' }),
        }),
      );
      // Refunds that fail: ask them (not measured), let the sandbox fail them, tell the API by a signed
      // event, then measure the admin's retry.
      for (const f of forRefundFail) {
        const res = await call(`/api/admin/orders/${f.orderId}/refund`, {
          method: 'POST',
          headers: { ...adminJ, ...json },
          body: JSON.stringify({ reason: 'annulation demandée par le client' }),
        });
        if (res.status !== 201) throw new Error(`refund fixture: ${res.status} ${res.body}`);
      }
      await new Promise((r) => setTimeout(r, 1_500));
      const failedRefundIds: string[] = [];
      for (const f of forRefundFail) {
        const list = (await sandboxGet(`/v1/refunds?payment_intent=${f.paymentIntentId}`)) as {
          data: Record<string, unknown>[];
        };
        for (const refund of list.data) {
          const res = await call('/api/payments/webhook', signedEvent('refund.failed', refund));
          if (res.status !== 200) throw new Error(`refund.failed event: ${res.status} ${res.body}`);
        }
        const order = await call(`/api/admin/orders/${f.orderId}`, { headers: adminJ });
        const view = JSON.parse(order.body) as { refunds?: { id: string; status: string }[] };
        const failed = view.refunds?.find((r) => r.status === 'failed');
        if (failed) failedRefundIds.push(failed.id);
      }
      if (failedRefundIds.length > 0) {
        await sample(
          figures,
          {
            id: 'admin-refund-retry',
            method: 'POST',
            route: '/api/admin/refunds/:id/retry',
            kind: 'write',
            expect: 201,
          },
          failedRefundIds.length,
          (i) => ({
            path: `/api/admin/refunds/${failedRefundIds[Math.max(0, i)]}/retry`,
            method: 'POST',
            headers: adminJ,
          }),
        );
      } else {
        log('  no failed refund to retry: admin-refund-retry not measured');
      }
      await sample(
        figures,
        { id: 'admin-tier', method: 'PATCH', route: '/api/admin/catalog/:tier', kind: 'write' },
        S,
        () => ({
          path: '/api/admin/catalog/premium',
          method: 'PATCH',
          headers: { ...adminJ, ...json },
          body: JSON.stringify({ durationMinutes: 60 }),
        }),
      );
      await sample(
        figures,
        { id: 'admin-expert', method: 'PATCH', route: '/api/admin/experts/:id', kind: 'write' },
        S,
        () => ({
          path: `/api/admin/experts/${DEMO_EXPERT_ID}`,
          method: 'PATCH',
          headers: { ...adminJ, ...json },
          body: JSON.stringify({ active: true }),
        }),
      );
      await sample(
        figures,
        { id: 'register', method: 'POST', route: '/api/auth/register', kind: 'write', expect: 202 },
        S,
        (i) => ({
          path: '/api/auth/register',
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            email: `new-${run}-${Math.abs(i)}@example.test`,
            password: SCALE_PASSWORD,
            name: 'Nouveau',
          }),
        }),
      );
      await sample(
        figures,
        { id: 'login', method: 'POST', route: '/api/auth/login', kind: 'write' },
        S,
        (i) => ({
          path: '/api/auth/login',
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            email: scaleCustomerEmail((Math.abs(i) % customers) + 1),
            password: SCALE_PASSWORD,
          }),
        }),
      );
      measurements.push({ orders: size, loadSeconds, loadAverage, endpoints: figures });
    }
  } finally {
    await client?.end().catch(() => undefined);
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    if (keep) log(`database kept: ${database?.url} (drop it with DROP DATABASE ${database?.name})`);
    else await database?.drop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
  void scaleOrderCustomer;
  void scaleOrderStatus;
  return {
    date: new Date().toISOString(),
    command: options.command ?? 'npm run bench:scale',
    apiBuild: options.apiBuild ?? 'tsx',
    database: database?.mode ?? 'server',
    machine: machineInfo(),
    settings: { customers, readSamples, writeSamples, endpointBudgetSeconds: budgetMs / 1000 },
    loadAverage: { start: loadStart, end: os.loadavg().map((n) => round(n)) },
    measurements,
    unexpected,
    ...(keep && database ? { keptDatabaseUrl: database.url } : {}),
  };
}

/**
 * The admin list `depth` orders deep: with keyset pagination, follow `nextCursor` (pages of 100, not
 * measured) and answer the path of the page there; with page numbers, the page at that offset.
 */
async function deepAdminPage(
  call: (p: string, spec?: RequestSpec) => Promise<TimedResponse>,
  headers: Record<string, string>,
  depth: number,
): Promise<string> {
  const first = await call('/api/admin/orders?pageSize=100', { headers });
  const body = JSON.parse(first.body) as { total?: number; nextCursor?: string | null };
  if (body.total !== undefined) return `/api/admin/orders?page=${Math.floor(depth / 20) + 1}`;
  let cursor = body.nextCursor ?? null;
  for (let seen = 100; seen < depth && cursor; seen += 100) {
    const res = await call(`/api/admin/orders?pageSize=100&cursor=${encodeURIComponent(cursor)}`, {
      headers,
    });
    cursor = (JSON.parse(res.body) as { nextCursor?: string | null }).nextCursor ?? null;
  }
  return cursor ? `/api/admin/orders?cursor=${encodeURIComponent(cursor)}` : '/api/admin/orders';
}
