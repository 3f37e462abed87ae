/**
 * Who may read an order: its owner (JWT), its expert, an admin, or the holder of its access token.
 * Everyone else gets 404. Logged-in checkouts are linked to the account and listed newest first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { api, createOrder, readOrder } from './payments-helpers';

let stack: TestStack;
let customer: string;
let otherCustomer: string;
let admin: string;
let expert: string;

beforeAll(async () => {
  stack = await startTestStack();
  customer = await stack.login(stack.demo.customerEmail, stack.demo.customerPassword);
  await api(stack, 'POST', '/api/auth/register', {
    body: { email: 'mallory@example.com', password: 'mallory-password-1', name: 'Mallory' },
  });
  otherCustomer = await stack.login('mallory@example.com', 'mallory-password-1');
  admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
  expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
});
afterAll(async () => {
  await stack?.stop();
});

describe('order access', () => {
  it("owner, token holder, the order's expert and admins read it; anyone else gets 404", async () => {
    const order = await createOrder(
      stack,
      { level: 'basic', expertId: stack.demo.expertId, customerEmail: stack.demo.customerEmail },
      { token: customer },
    );
    expect((await readOrder(stack, order.orderId, { jwt: customer })).status).toBe(200);
    expect((await readOrder(stack, order.orderId, { token: order.orderAccessToken })).status).toBe(200);
    const viaHeader = await api(stack, 'GET', `/api/payments/order/${order.orderId}`, {
      headers: { 'X-Order-Token': order.orderAccessToken },
    });
    expect(viaHeader.status).toBe(200);
    const asExpert = await readOrder(stack, order.orderId, { jwt: expert });
    expect(asExpert.status).toBe(200);
    expect(asExpert.body.paymentIntentId).toMatch(/^pi_/);
    const asAdmin = await readOrder(stack, order.orderId, { jwt: admin });
    expect(asAdmin.body.paymentIntentId).toMatch(/^pi_/);

    const stranger = await readOrder(stack, order.orderId, { jwt: otherCustomer });
    expect(stranger.status).toBe(404);
    expect((stranger.body as unknown as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await readOrder(stack, order.orderId, {})).status).toBe(404);
    expect((await readOrder(stack, order.orderId, { token: 'not-the-token' })).status).toBe(404);
    expect((await readOrder(stack, 'ffffffffffffffffffffffff', { jwt: admin })).status).toBe(404);
    // Another order's token does not open this one.
    const another = await createOrder(stack);
    expect((await readOrder(stack, order.orderId, { token: another.orderAccessToken })).status).toBe(404);
  });

  it('a logged-in checkout is linked to the account and listed newest first; others never see it', async () => {
    const first = await createOrder(
      stack,
      { level: 'basic', customerEmail: stack.demo.customerEmail },
      { token: customer },
    );
    const second = await createOrder(
      stack,
      { level: 'vip', customerEmail: stack.demo.customerEmail },
      { token: customer },
    );
    const mine = await api(stack, 'GET', '/api/payments/orders?pageSize=2', { token: customer });
    expect(mine.status).toBe(200);
    expect(mine.body.orders.map((o: { id: string }) => o.id)).toEqual([second.orderId, first.orderId]);
    expect(mine.body.total).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(mine.body)).not.toContain('_secret_');

    const theirs = await api(stack, 'GET', '/api/payments/orders', { token: otherCustomer });
    expect(theirs.body.orders.map((o: { id: string }) => o.id)).not.toContain(first.orderId);
    expect((await api(stack, 'GET', '/api/payments/orders')).status).toBe(401);
  });

  it('confirm-payment with an unknown PaymentIntent answers 404, malformed ids 400', async () => {
    const unknown = await api(stack, 'POST', '/api/payments/confirm-payment', {
      body: { paymentIntentId: 'pi_doesnotexist' },
    });
    expect(unknown.status).toBe(404);
    const malformed = await api(stack, 'POST', '/api/payments/confirm-payment', {
      body: { paymentIntentId: "pi_1' OR 1=1" },
    });
    expect(malformed.status).toBe(400);
    const badOrderId = await api(stack, 'GET', "/api/payments/order/1'%20OR%20'1'='1");
    expect(badOrderId.status).toBe(400);
    const adminToken = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    for (const [method, path] of [
      ['GET', '/api/payments/order/%E0%A4%A'],
      ['POST', '/api/payments/order/%/cancel'],
      ['POST', '/api/desk/orders/%%30/start'],
      ['PATCH', '/api/admin/experts/%E0%A4%A'],
      ['PUT', '/api/admin/catalog/%'],
    ] as const) {
      const res = await api(stack, method, path, { token: adminToken });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('customer names and emails that look like SQL are stored as plain text', async () => {
    const name = "Robert'); DROP TABLE orders;--";
    const order = await createOrder(stack, {
      level: 'basic',
      customerEmail: 'bobby@example.com',
      customerName: name,
    });
    const read = await readOrder(stack, order.orderId, { token: order.orderAccessToken });
    expect(read.body.customerName).toBe(name);
  });
});
