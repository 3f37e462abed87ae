import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';

const login = (apiUrl: string) =>
  fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' }),
  });

describe('strict rate limit (in memory)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        RATE_LIMIT_STRICT_MAX: '3',
        RATE_LIMIT_WINDOW_SECONDS: '600',
        METRICS_TOKEN: 'metrics-token-0123456789',
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 429 RATE_LIMITED once the auth budget is spent, with standard headers', async () => {
    for (let i = 0; i < 3; i++) expect((await login(stack.apiUrl)).status).toBe(401);
    const limited = await login(stack.apiUrl);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('ratelimit-policy') ?? limited.headers.get('ratelimit')).toBeTruthy();
    // Registration shares the auth budget; public reads do not.
    const register = await fetch(`${stack.apiUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.test', password: 'password-123', name: 'X' }),
    });
    expect(register.status).toBe(429);
    expect((await fetch(`${stack.apiUrl}/api/catalog`)).status).toBe(200);
    expect((await fetch(`${stack.apiUrl}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${stack.apiUrl}/metrics`, {
      headers: { Authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/lumira_rate_limited_total\{[^}]*limiter="strict-auth"[^}]*\} [1-9]/);
  });
});

describe('strict rate limit shared through Redis', () => {
  let stack: TestStack;
  const prefix = `lumira:test:${randomBytes(6).toString('hex')}:`;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        REDIS_URL: process.env.LUMIRA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        RATE_LIMIT_PREFIX: prefix,
        RATE_LIMIT_STRICT_MAX: '4',
        RATE_LIMIT_WINDOW_SECONDS: '600',
      },
    });
  });
  afterAll(async () => {
    const redis = stack?.ctx.redis;
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
    }
    await stack?.stop();
  });

  it('counts requests to two API instances against one budget', async () => {
    const second = await stack.startApiInstance({
      REDIS_URL: process.env.LUMIRA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      RATE_LIMIT_PREFIX: prefix,
      RATE_LIMIT_STRICT_MAX: '4',
      RATE_LIMIT_WINDOW_SECONDS: '600',
    });
    expect((await login(stack.apiUrl)).status).toBe(401);
    expect((await login(second.url)).status).toBe(401);
    expect((await login(stack.apiUrl)).status).toBe(401);
    expect((await login(second.url)).status).toBe(401);
    expect((await login(stack.apiUrl)).status).toBe(429);
    expect((await login(second.url)).status).toBe(429);
  });
});
