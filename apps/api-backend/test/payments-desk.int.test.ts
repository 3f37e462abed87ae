/**
 * The expert desk: sessions (start, completed, interrupted with a pro-rata refund proposed and issued by
 * the admin), no-shows (the expert's refunds in full automatically), isolation between experts, live
 * updates over SSE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/data/ids';
import { startTestStack, type TestStack } from './harness';
import { api, createOrder, eventually, paidOrder, readOrder, waitForStatus } from './payments-helpers';

let stack: TestStack;
let expert: string;
let admin: string;
const demoOrder = () => ({
  level: 'basic',
  expertId: stack.demo.expertId,
  customerEmail: 'desk@example.com',
});

beforeAll(async () => {
  stack = await startTestStack({ sandbox: { refundSettleMs: 200 } });
  expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
  admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
});
afterAll(async () => {
  await stack?.stop();
});

describe('desk sessions', () => {
  it('an interrupted session proposes the pro-rata refund, which the admin then issues', async () => {
    const order = await paidOrder(stack, 'pm_card_visa', demoOrder());
    const queue = await api(stack, 'GET', '/api/desk/orders?status=paid', { token: expert });
    expect(queue.body.orders.map((o: { id: string }) => o.id)).toContain(order.orderId);
    // Data minimisation: the expert's view carries no customer email.
    const mine = queue.body.orders.find((o: { id: string }) => o.id === order.orderId);
    expect(mine).not.toHaveProperty('customerEmail');

    const started = await api(stack, 'POST', `/api/desk/orders/${order.orderId}/start`, { token: expert });
    expect(started.body.order.status).toBe('in_session');
    // The session began 10 minutes (and a few ms) ago, of 30: a started minute counts as used, so 11 used,
    // 19 unused -> floor(2900 * 19 / 30) = 1836 cents.
    await stack.db
      .updateTable('orders')
      .set({ session_started_at: new Date(Date.now() - 10 * 60_000) })
      .where('id', '=', order.orderId)
      .execute();
    const ended = await api(stack, 'POST', `/api/desk/orders/${order.orderId}/end`, {
      token: expert,
      body: { reason: 'interrupted', notes: 'connexion perdue' },
    });
    expect(ended.status).toBe(200);
    expect(ended.body.order.status).toBe('interrupted');
    expect(ended.body.order.proposedRefundAmount).toBe(1836);
    expect(ended.body.order.refundedAmount).toBe(0);

    const refund = await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { reason: 'séance interrompue' },
    });
    expect(refund.status).toBe(201);
    expect(refund.body.refund.amount).toBe(1836);
    const done = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'partially_refunded');
    expect(done.refundedAmount).toBe(1836);
    expect(done.proposedRefundAmount).toBeNull();

    // Asking the policy again gives nothing more: the pro-rata amount is owed once, not per request.
    const again = await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { reason: 'double clic' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REFUND_NOT_ALLOWED');
    const after = await readOrder(stack, order.orderId, { token: order.orderAccessToken });
    expect(after.body.refundedAmount).toBe(1836);
    expect(after.body.refunds).toHaveLength(1);

    // The admin reads the expert's session notes.
    const adminView = await api(stack, 'GET', `/api/admin/orders/${order.orderId}`, { token: admin });
    expect(adminView.body.notes).toBe('connexion perdue');
  });

  it("the expert's no-show refunds the customer in full automatically", async () => {
    const order = await paidOrder(stack, 'pm_card_visa', demoOrder());
    const res = await api(stack, 'POST', `/api/desk/orders/${order.orderId}/no-show`, {
      token: expert,
      body: { who: 'expert' },
    });
    expect(res.status).toBe(200);
    expect(res.body.refund.amount).toBe(2900);
    const done = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    expect(done.history.map((h) => h.to)).toEqual(['pending_payment', 'paid', 'no_show_expert', 'refunded']);
  });

  it("the customer's no-show refunds nothing", async () => {
    const order = await paidOrder(stack, 'pm_card_visa', demoOrder());
    const res = await api(stack, 'POST', `/api/desk/orders/${order.orderId}/no-show`, {
      token: expert,
      body: { who: 'customer' },
    });
    expect(res.body.order.status).toBe('no_show_customer');
    expect(res.body.refund).toBeNull();
  });

  it("an expert never sees or acts on another expert's order (404)", async () => {
    const otherExpertId = newId();
    await stack.db
      .insertInto('experts')
      .values({ id: otherExpertId, name: 'Autre Expert', tiers: ['basic'], active: true, online: true })
      .execute();
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      expertId: otherExpertId,
      customerEmail: 'other@example.com',
    });
    expect((await api(stack, 'GET', `/api/desk/orders/${order.orderId}`, { token: expert })).status).toBe(
      404,
    );
    expect(
      (await api(stack, 'POST', `/api/desk/orders/${order.orderId}/start`, { token: expert })).status,
    ).toBe(404);
    const noShow = await api(stack, 'POST', `/api/desk/orders/${order.orderId}/no-show`, {
      token: expert,
      body: { who: 'expert' },
    });
    expect(noShow.status).toBe(404);
    expect((await readOrder(stack, order.orderId, { jwt: expert })).status).toBe(404);
    const list = await api(stack, 'GET', '/api/desk/orders', { token: expert });
    expect(list.body.orders.map((o: { id: string }) => o.id)).not.toContain(order.orderId);
    // The order was not touched.
    const still = await readOrder(stack, order.orderId, { token: order.orderAccessToken });
    expect(still.body.status).toBe('paid');
    expect(still.body.refunds).toEqual([]);
  });

  it('a customer cannot use the desk; availability and earnings answer the expert', async () => {
    const customer = await stack.login(stack.demo.customerEmail, stack.demo.customerPassword);
    expect((await api(stack, 'GET', '/api/desk/orders', { token: customer })).status).toBe(403);
    const online = await api(stack, 'POST', '/api/desk/availability', {
      token: expert,
      body: { online: true },
    });
    expect(online.body.online).toBe(true);
    const earnings = await api(stack, 'GET', '/api/desk/earnings', { token: expert });
    expect(earnings.status).toBe(200);
    expect(earnings.body.grossAmount).toBeGreaterThan(0);
    expect(earnings.body.netAmount).toBe(earnings.body.grossAmount - earnings.body.refundedAmount);
    expect(earnings.body.byMonth[0].month).toMatch(/^\d{4}-\d{2}$/);
  });

  it('live updates: the order stream and the desk stream receive the payment (SSE)', async () => {
    const order = await createOrder(stack, demoOrder());
    const received = { order: [] as string[], desk: [] as string[] };
    const ready = { order: false, desk: false };
    const controller = new AbortController();
    const listen = async (url: string, into: string[], onReady: () => void) => {
      const res = await fetch(url, { signal: controller.signal });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          const complete = buffer.slice(0, buffer.lastIndexOf('\n') + 1);
          for (const line of complete.split('\n')) {
            if (line === 'event: ready') onReady();
            if (line.startsWith('data: ')) {
              const payload = JSON.parse(line.slice(6));
              if (payload.order?.id === order.orderId) into.push(payload.order.status);
            }
          }
          buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        }
      } catch {
        // aborted
      }
    };
    const streams = [
      listen(
        `${stack.apiUrl}/api/payments/order/${order.orderId}/events?token=${order.orderAccessToken}`,
        received.order,
        () => {
          ready.order = true;
        },
      ),
      listen(`${stack.apiUrl}/api/desk/events?access_token=${expert}`, received.desk, () => {
        ready.desk = true;
      }),
    ];
    await eventually(
      async () => ready,
      (r) => r.order && r.desk,
    );
    await stack.stripe.paymentIntents.confirm(order.clientSecret.split('_secret_')[0]!, {
      payment_method: 'pm_card_visa',
    });
    await waitForStatus(stack, order.orderId, order.orderAccessToken, 'paid');
    const deadline = Date.now() + 10_000;
    while ((!received.order.includes('paid') || !received.desk.includes('paid')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    controller.abort();
    await Promise.all(streams);
    expect(received.order).toContain('paid');
    expect(received.desk).toContain('paid');

    const denied = await fetch(`${stack.apiUrl}/api/payments/order/${order.orderId}/events?token=wrong`);
    expect(denied.status).toBe(404);
  });
});
