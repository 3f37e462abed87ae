/**
 * Text and numbers are validated at the edge: NUL (which PostgreSQL refuses in text) and the other C0
 * control characters answer 400 VALIDATION_FAILED in every text field, and integers beyond what the
 * column holds answer 400, never 500, with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { api } from './payments-helpers';

let stack: TestStack;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
});
afterAll(async () => {
  await stack?.stop();
});

async function counts() {
  const [orders, users, tiers] = await Promise.all([
    stack.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
    stack.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
    stack.db.selectFrom('service_tiers').selectAll().orderBy('id').execute(),
  ]);
  return { orders: Number(orders.n), users: Number(users.n), tiers: JSON.stringify(tiers) };
}

describe('hostile text and numbers', () => {
  it('answers 400 for NUL and other control characters in every text field, never 500', async () => {
    const before = await counts();
    for (const ch of ['\u0000', '\u0001', '\u001b', '\u007f']) {
      const answers = [
        await api(stack, 'POST', '/api/payments/create-payment-intent', {
          body: { level: 'basic', customerEmail: 'nul@example.test', customerName: `a${ch}b` },
          headers: { 'Idempotency-Key': `nul-${ch.charCodeAt(0)}` },
        }),
        await api(stack, 'POST', '/api/auth/register', {
          body: { email: 'nul@example.test', password: 'a long password', name: `a${ch}b` },
        }),
        await api(stack, 'GET', `/api/admin/orders?q=${encodeURIComponent(`a${ch}b`)}`, { token: admin }),
        await api(stack, 'PATCH', '/api/admin/catalog/premium', { body: { name: `a${ch}b` }, token: admin }),
        await api(stack, 'PATCH', '/api/admin/catalog/premium', {
          body: { features: [`a${ch}b`] },
          token: admin,
        }),
        await api(stack, 'PATCH', `/api/admin/catalog/${encodeURIComponent(`pre${ch}mium`)}`, {
          body: { active: true },
          token: admin,
        }),
      ];
      for (const answer of answers) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 400 for a tier price or refund amount beyond a PostgreSQL integer', async () => {
    const before = await counts();
    const price = await api(stack, 'PATCH', '/api/admin/catalog/premium', {
      body: { price: { amount: 2147483648, currency: 'EUR' } },
      token: admin,
    });
    expect(price.status).toBe(400);
    expect(price.body.error.code).toBe('VALIDATION_FAILED');
    const refund = await api(stack, 'POST', '/api/admin/orders/ffffffffffffffffffffffff/refund', {
      body: { amount: 2 ** 40, reason: 'x' },
      token: admin,
    });
    expect(refund.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
