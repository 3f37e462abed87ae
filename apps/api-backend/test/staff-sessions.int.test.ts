/**
 * Staff sessions end with the account, and per-client caps:
 * - an expert's token stops working (REST and SSE) as soon as the expert is deactivated, an admin's as
 *   soon as the account is demoted, and a validly signed staff token for a user that does not exist is
 *   refused (staff tokens are checked against the account on every request);
 * - a client holds at most SSE_MAX_STREAMS_PER_CLIENT live streams; closing one frees a slot.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { api, createOrder, eventually } from './payments-helpers';
import { openStream } from './room-stream';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ env: { SSE_MAX_STREAMS_PER_CLIENT: '3' } });
});
afterAll(async () => {
  await stack?.stop();
});

async function forge(claims: Record<string, unknown>, subject: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer('lumira-api')
    .setAudience('lumira')
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(stack.config.jwt.secret));
}

describe('staff tokens are checked against the account on each request', () => {
  it("a deactivated expert's token stops listing orders and opening the desk stream; reactivated, it works again", async () => {
    const expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
    const admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    expect((await api(stack, 'GET', '/api/desk/orders', { token: expert })).status).toBe(200);

    const off = await api(stack, 'PATCH', `/api/admin/experts/${stack.demo.expertId}`, {
      token: admin,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    const listed = await api(stack, 'GET', '/api/desk/orders', { token: expert });
    expect(listed.status).toBe(401);
    expect(listed.body.error.code).toBe('UNAUTHENTICATED');
    const online = await api(stack, 'POST', '/api/desk/availability', {
      token: expert,
      body: { online: true },
    });
    expect(online.status).toBe(401);
    const stream = await fetch(`${stack.apiUrl}/api/desk/events?access_token=${expert}`);
    expect(stream.status).toBe(401);
    await stream.body?.cancel();

    const on = await api(stack, 'PATCH', `/api/admin/experts/${stack.demo.expertId}`, {
      token: admin,
      body: { active: true },
    });
    expect(on.status).toBe(200);
    expect((await api(stack, 'GET', '/api/desk/orders', { token: expert })).status).toBe(200);
  });

  it('a demoted admin loses the admin routes at once; a signed admin token for an unknown user is refused', async () => {
    const admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const userId = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).sub as string;
    expect((await api(stack, 'GET', '/api/admin/orders', { token: admin })).status).toBe(200);
    await stack.db.updateTable('users').set({ role: 'customer' }).where('id', '=', userId).execute();
    try {
      expect((await api(stack, 'GET', '/api/admin/orders', { token: admin })).status).toBe(401);
    } finally {
      await stack.db.updateTable('users').set({ role: 'admin' }).where('id', '=', userId).execute();
    }
    expect((await api(stack, 'GET', '/api/admin/orders', { token: admin })).status).toBe(200);

    const ghost = await forge({ role: 'admin' }, '0123456789abcdef01234567');
    expect((await api(stack, 'GET', '/api/admin/orders', { token: ghost })).status).toBe(401);
  });
});

describe('live stream cap per client', () => {
  it('the fourth stream of one client is refused with 429; closing one frees a slot', async () => {
    const order = await createOrder(stack, { level: 'premium', customerEmail: 'streams@example.test' });
    const url = `${stack.apiUrl}/api/payments/order/${order.orderId}/events?token=${order.orderAccessToken}`;
    const streams = [openStream(url), openStream(url), openStream(url)];
    await Promise.all(streams.map((s) => s.ready));
    for (const s of streams) expect(s.events.find((e) => e.data.type === 'http.error')).toBeUndefined();

    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { reason: 'sse_streams' },
    });

    streams[0]!.close();
    const reopened = await eventually(
      async () => {
        const s = openStream(url);
        await s.ready;
        const failed = s.events.some((e) => e.data.type === 'http.error');
        if (failed) s.close();
        return { s, failed };
      },
      (r) => !r.failed,
    );
    reopened.s.close();
    for (const s of streams.slice(1)) s.close();
  });
});
