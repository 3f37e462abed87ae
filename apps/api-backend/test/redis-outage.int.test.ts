/**
 * A Redis outage never stalls a request and never lifts the rate limits. The API talks to Redis through a
 * TCP relay this test controls: first a black hole (connections stay open, nothing answers), then a dead
 * port (connections cut, new ones refused), then Redis back. Requests keep answering quickly, the strict
 * limit still refuses the sixth login (decided in memory), /api/ready says `degraded` with
 * `checks.redis: 'unreachable'` and the metrics show it; once Redis is back, everything is shared again.
 * Needs a Redis at LUMIRA_TEST_REDIS_URL (default redis://127.0.0.1:6379), as the rate-limit tests do.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTestStack, type TestStack } from './harness';
import { api, eventually } from './payments-helpers';

const target = new URL(process.env.LUMIRA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const METRICS_TOKEN = 'metrics-token-redis-outage';

/** Relays TCP to Redis; `blackhole` keeps connections open and swallows everything, `kill` cuts them. */
class Relay {
  mode: 'pass' | 'blackhole' = 'pass';
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(readonly port: number) {}

  async listen(): Promise<void> {
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      const upstream = net.connect(Number(target.port || 6379), target.hostname);
      this.sockets.add(upstream);
      const forget = () => {
        this.sockets.delete(client);
        this.sockets.delete(upstream);
        client.destroy();
        upstream.destroy();
      };
      client.on('data', (chunk) => {
        if (this.mode === 'pass') upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        if (this.mode === 'pass') client.write(chunk);
      });
      client.on('error', forget);
      upstream.on('error', forget);
      client.on('close', forget);
      upstream.on('close', forget);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()));
  }

  async kill(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

let stack: TestStack;
let relay: Relay;
const prefix = `lumira:test:${randomBytes(6).toString('hex')}:`;

beforeAll(async () => {
  relay = new Relay(await freePort());
  await relay.listen();
  stack = await startTestStack({
    env: {
      REDIS_URL: `redis://127.0.0.1:${relay.port}`,
      REDIS_COMMAND_TIMEOUT_MS: '200',
      RATE_LIMIT_PREFIX: prefix,
      RATE_LIMIT_STRICT_MAX: '5',
      RATE_LIMIT_WINDOW_SECONDS: '600',
      TRUST_PROXY: '1',
      METRICS_TOKEN,
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await relay?.kill();
});

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await fn();
  return { ms: Date.now() - started, value };
}

/** Six wrong logins from one (forwarded) address: the sixth must be refused by the strict limit. */
async function loginsFrom(address: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await api(stack, 'POST', '/api/auth/login', {
      body: { email: 'nobody@example.test', password: 'wrong-password-1' },
      headers: { 'X-Forwarded-For': address },
    });
    statuses.push(res.status);
  }
  return statuses;
}

async function metric(name: string): Promise<number> {
  const res = await fetch(`${stack.apiUrl}/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (!line) throw new Error(`${name} not in /metrics (${res.status})`);
  return Number(line.split(' ').at(-1));
}

describe('Redis outage', () => {
  it('with Redis up, readiness reports it and the limits are counted in Redis', async () => {
    const ready = await api(stack, 'GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { database: 'ok', paymentProvider: 'ok', redis: 'ok' },
    });
    expect(await loginsFrom('203.0.113.1')).toEqual([401, 401, 401, 401, 401, 429]);
    const keys = await stack.ctx.redis!.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    await stack.ctx.redis!.del(...keys);
    expect(await metric('lumira_redis_up')).toBe(1);
  });

  it('a black-holed Redis stalls nothing, limits still apply (in memory), readiness and metrics say so', async () => {
    relay.mode = 'blackhole';
    // Well under the 12-30 s stalls an outage used to cause (command timeout 200 ms, then memory).
    for (const path of ['/api/catalog', '/api/experts', '/api/health']) {
      const { ms, value } = await timed(() => api(stack, 'GET', path));
      expect(value.status, path).toBe(200);
      expect(ms, path).toBeLessThan(5000);
    }
    const { ms, value: statuses } = await timed(() => loginsFrom('203.0.113.2'));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(ms).toBeLessThan(15_000);
    const ready = await eventually(
      () => api(stack, 'GET', '/api/ready'),
      (r) => r.status === 200 && r.body.status === 'degraded',
    );
    expect(ready.body.checks).toEqual({ database: 'ok', paymentProvider: 'ok', redis: 'unreachable' });
    expect(await metric('lumira_redis_up')).toBe(0);
    expect(await metric('lumira_rate_limit_fallbacks_total')).toBeGreaterThan(0);
  });

  it('a dead Redis port (connections cut, refused) stalls nothing either', async () => {
    await relay.kill();
    relay.mode = 'pass';
    for (let i = 0; i < 3; i++) {
      const { ms, value } = await timed(() => api(stack, 'GET', '/api/catalog'));
      expect(value.status).toBe(200);
      expect(ms).toBeLessThan(5000);
    }
    expect(await loginsFrom('203.0.113.3')).toEqual([401, 401, 401, 401, 401, 429]);
    const ready = await api(stack, 'GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.redis).toBe('unreachable');
  });

  it('once Redis is back, readiness and the shared counters come back by themselves', async () => {
    await relay.listen();
    const ready = await eventually(
      () => api(stack, 'GET', '/api/ready'),
      (r) => r.status === 200 && r.body.status === 'ready',
      30_000,
    );
    expect(ready.body.checks.redis).toBe('ok');
    await eventually(
      async () => {
        await api(stack, 'POST', '/api/auth/login', {
          body: { email: 'nobody@example.test', password: 'wrong-password-1' },
          headers: { 'X-Forwarded-For': '203.0.113.4' },
        });
        return stack.ctx.redis!.keys(`${prefix}*`);
      },
      (keys) => keys.length > 0,
      30_000,
    );
    const keys = await stack.ctx.redis!.keys(`${prefix}*`);
    if (keys.length) await stack.ctx.redis!.del(...keys);
  });
});
