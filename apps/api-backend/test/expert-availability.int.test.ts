/**
 * Availability that holds: an offline or inactive expert cannot be booked (clear error code, nothing
 * written), "le premier expert disponible" only picks online experts, and the expert's status is
 * rechecked under a row lock in the order transaction.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { api, eventually } from './payments-helpers';

const MARC_OFFLINE = '674123456789abcdef012347';
const JULIEN_INACTIVE = '674123456789abcdef012349';

let stack: TestStack;
let expert: string;

beforeAll(async () => {
  stack = await startTestStack();
  expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
});
afterAll(async () => {
  await stack?.stop();
});

const checkout = (body: Record<string, unknown>) =>
  api(stack, 'POST', '/api/payments/create-payment-intent', { body });

async function orderCount(): Promise<number> {
  const row = await stack.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('booking an expert who is not available', () => {
  it('an offline expert is refused with EXPERT_OFFLINE and its French copy; no order is written', async () => {
    const before = await orderCount();
    const res = await checkout({
      level: 'premium',
      service: 'premium',
      expertId: MARC_OFFLINE,
      customerEmail: 'offline@example.com',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EXPERT_OFFLINE');
    expect(res.body.error.details).toEqual({ expertId: MARC_OFFLINE });
    expect(await orderCount()).toBe(before);
  });

  it('an inactive expert is refused with EXPERT_INACTIVE', async () => {
    const res = await checkout({ level: 'basic', expertId: JULIEN_INACTIVE, customerEmail: 'x@example.com' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EXPERT_INACTIVE');
  });

  it('the demo expert switching himself off in the desk makes him unbookable until he is back', async () => {
    const body = { level: 'basic', expertId: stack.demo.expertId, customerEmail: 'toggle@example.com' };
    await api(stack, 'POST', '/api/desk/availability', { token: expert, body: { online: false } });
    try {
      const refused = await checkout(body);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('EXPERT_OFFLINE');
      const listed = await api(stack, 'GET', '/api/experts');
      const me = listed.body.experts.find((e: { id: string }) => e.id === stack.demo.expertId);
      expect(me.online).toBe(false);
    } finally {
      await api(stack, 'POST', '/api/desk/availability', { token: expert, body: { online: true } });
    }
    expect((await checkout(body)).status).toBe(201);
  });

  it('"le premier expert disponible" picks an online expert, and none when nobody offering the tier is online', async () => {
    // VIP: Expert Test (online) and Marc (offline) offer it.
    const vip = await checkout({ level: 'vip', customerEmail: 'first@example.com' });
    expect(vip.status).toBe(201);
    expect(vip.body.expert.id).toBe(stack.demo.expertId);
    await api(stack, 'POST', '/api/desk/availability', { token: expert, body: { online: false } });
    try {
      const none = await checkout({ level: 'vip', customerEmail: 'none@example.com' });
      expect(none.status).toBe(409);
      expect(none.body.error.code).toBe('NO_EXPERT_AVAILABLE');
    } finally {
      await api(stack, 'POST', '/api/desk/availability', { token: expert, body: { online: true } });
    }
  });

  it('an expert going offline while the order is being written: the order transaction sees it', async () => {
    // Another connection switches the expert off and holds its transaction open; the checkout's read of
    // the experts still sees him online (uncommitted change), but its row lock waits for the switch to
    // commit and then reads the truth.
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE experts SET online = false WHERE id = $1', [stack.demo.expertId]);
      const pending = checkout({
        level: 'basic',
        expertId: stack.demo.expertId,
        customerEmail: 'race@example.com',
      });
      await eventually(
        async () => {
          const { rows } = await client.query<{ n: string }>(
            "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
          );
          return Number(rows[0]!.n);
        },
        (n) => n > 0,
      );
      await client.query('COMMIT');
      const res = await pending;
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('EXPERT_OFFLINE');
    } finally {
      await client.query('UPDATE experts SET online = true WHERE id = $1', [stack.demo.expertId]);
      await client.end();
    }
  });
});
