/**
 * Read paths that stay flat as the orders table grows (migration 0020, docs/decisions/0080-0082):
 * keyset pages (newest first, no overlap, no gap, an honest "more"), search by the start of an email,
 * and the counters kept by triggers, which must always equal a recount of the rows after real flows
 * (checkout, payment, failed payment, session, no-show with refund, admin refund).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { api, confirmCard, createOrder, paidOrder, waitForStatus } from './payments-helpers';

let stack: TestStack;
let expert: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack({ sandbox: { refundSettleMs: 100 } });
  expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
  admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
});
afterAll(async () => {
  await stack?.stop();
});

type Page = { orders: { id: string; status: string }[]; nextCursor: string | null; pageSize: number };

async function allPages(path: string, token: string, pageSize: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: Page } = await api<Page>(
      stack,
      'GET',
      `${path}${sep}pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(res.status).toBe(200);
    pages.push(res.body.orders.map((o) => o.id));
    cursor = res.body.nextCursor;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return pages;
}

/** What the counters say, next to a recount of the rows. */
async function countersAgainstRows() {
  const db = stack.db;
  const counted = await sql<{ expert_id: string; status: string; n: string }>`
    select expert_id, status, sum(n)::text as n from order_counts group by 1, 2 having sum(n) <> 0 order by 1, 2`.execute(
    db,
  );
  const recount = await sql<{ expert_id: string; status: string; n: string }>`
    select expert_id, status, count(*)::text as n from orders group by 1, 2 order by 1, 2`.execute(db);
  const earnings = await sql<{ k: string }>`
    select expert_id || ' ' || day || ' ' || tier_id || ' ' || sum(order_count) || ' ' || sum(gross_amount) || ' ' || sum(refunded_amount) as k
    from earnings_daily group by expert_id, day, tier_id
    having sum(order_count) <> 0 or sum(gross_amount) <> 0 or sum(refunded_amount) <> 0 order by 1`.execute(
    db,
  );
  const earningsRecount = await sql<{ k: string }>`
    select expert_id || ' ' || (paid_at at time zone 'UTC')::date || ' ' || tier_id || ' ' || count(*) || ' ' || sum(amount) || ' ' || sum(refunded_amount) as k
    from orders where paid_at is not null group by expert_id, (paid_at at time zone 'UTC')::date, tier_id order by 1`.execute(
    db,
  );
  const daily = await sql<{ k: string }>`
    select day || ' ' || sum(failed_count) || ' ' || sum(refund_count) || ' ' || sum(refunded_amount) as k
    from payments_daily group by day
    having sum(failed_count) <> 0 or sum(refund_count) <> 0 or sum(refunded_amount) <> 0 order by 1`.execute(
    db,
  );
  const dailyRecount = await sql<{ k: string }>`
    select day || ' ' || sum(f) || ' ' || sum(c) || ' ' || sum(a) as k from (
      select (at at time zone 'UTC')::date as day, count(*) as f, 0 as c, 0 as a
      from order_events where to_status = 'payment_failed' group by 1
      union all
      select (updated_at at time zone 'UTC')::date, 0, count(*), sum(amount)
      from refunds where status = 'succeeded' group by 1
    ) x group by day order by 1`.execute(db);
  return {
    counts: [counted.rows, recount.rows],
    earnings: [earnings.rows.map((r) => r.k), earningsRecount.rows.map((r) => r.k)],
    daily: [daily.rows.map((r) => r.k), dailyRecount.rows.map((r) => r.k)],
  };
}

describe('keyset pages', () => {
  it('admin and desk lists page newest first with no overlap and no gap, and say when there is more', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const order = await createOrder(stack, {
        level: 'basic',
        expertId: stack.demo.expertId,
        customerEmail: `keyset.${i}@pages.example`,
      });
      created.push(order.orderId);
    }
    const adminPages = await allPages('/api/admin/orders?q=keyset.', admin, 3);
    expect(adminPages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(adminPages.flat()).toEqual([...created].reverse());

    const deskPages = await allPages('/api/desk/orders?status=pending_payment', expert, 2);
    const deskIds = deskPages.flat();
    expect(new Set(deskIds).size).toBe(deskIds.length);
    const mine = deskIds.filter((id) => created.includes(id));
    expect(mine).toEqual([...created].reverse());

    // A full last page says "no more" only when nothing follows.
    const exact = await api<Page>(stack, 'GET', '/api/admin/orders?q=keyset.&pageSize=7', {
      token: admin,
    });
    expect(exact.body.orders).toHaveLength(7);
    expect(exact.body.nextCursor).toBeNull();
    const short = await api<Page>(stack, 'GET', '/api/admin/orders?q=keyset.&pageSize=6', {
      token: admin,
    });
    expect(short.body.nextCursor).toBe(created[1]);
  });

  it('the live queue (status=paid) always starts with the newest paid order', async () => {
    const first = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      expertId: stack.demo.expertId,
      customerEmail: 'queue.old@example.com',
    });
    const newest = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      expertId: stack.demo.expertId,
      customerEmail: 'queue.new@example.com',
    });
    const page = await api<Page>(stack, 'GET', '/api/desk/orders?status=paid&pageSize=1', { token: expert });
    expect(page.body.orders.map((o) => o.id)).toEqual([newest.orderId]);
    expect(page.body.nextCursor).toBe(newest.orderId);
    const next = await api<Page>(
      stack,
      'GET',
      `/api/desk/orders?status=paid&pageSize=100&cursor=${page.body.nextCursor}`,
      { token: expert },
    );
    expect(next.body.orders.map((o) => o.id)).toContain(first.orderId);
    expect(next.body.orders.map((o) => o.id)).not.toContain(newest.orderId);
  });

  it('searches by the start of an email or all of it, and refuses a malformed cursor or a page number', async () => {
    const order = await createOrder(stack, { level: 'vip', customerEmail: 'start.of.search@example.org' });
    for (const q of ['START.OF.SE', 'start.of.search@example.org']) {
      const found = await api<Page>(stack, 'GET', `/api/admin/orders?q=${encodeURIComponent(q)}`, {
        token: admin,
      });
      expect(found.body.orders.map((o) => o.id)).toEqual([order.orderId]);
    }
    const middle = await api<Page>(stack, 'GET', '/api/admin/orders?q=of.search', { token: admin });
    expect(middle.body.orders).toEqual([]);
    const wildcard = await api<Page>(stack, 'GET', '/api/admin/orders?q=%25', { token: admin });
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.orders).toEqual([]);

    for (const query of ['cursor=nope', 'page=2', 'cursor=%27%3B--']) {
      const bad = await api(stack, 'GET', `/api/admin/orders?${query}`, { token: admin });
      expect(bad.status, query).toBe(400);
      const desk = await api(stack, 'GET', `/api/desk/orders?${query}`, { token: expert });
      expect(desk.status, query).toBe(400);
    }
  });
});

describe('counters kept in the same transactions', () => {
  it('equal a recount of the rows after real flows, and the reads that use them agree', async () => {
    const body = (email: string) => ({
      level: 'premium',
      expertId: stack.demo.expertId,
      customerEmail: email,
    });
    const failed = await createOrder(stack, body('counter.failed@example.com'));
    await confirmCard(stack, failed.clientSecret, 'pm_card_chargeDeclined').catch(() => undefined);
    await waitForStatus(stack, failed.orderId, failed.orderAccessToken, 'payment_failed');
    const session = await paidOrder(stack, 'pm_card_visa', body('counter.session@example.com'));
    await api(stack, 'POST', `/api/desk/orders/${session.orderId}/start`, { token: expert });
    await api(stack, 'POST', `/api/desk/orders/${session.orderId}/end`, {
      token: expert,
      body: { reason: 'completed' },
    });
    const noShow = await paidOrder(stack, 'pm_card_visa', body('counter.noshow@example.com'));
    const refund = await api(stack, 'POST', `/api/desk/orders/${noShow.orderId}/no-show`, {
      token: expert,
      body: { who: 'expert' },
    });
    expect(refund.status).toBe(200);
    const refunded = await paidOrder(stack, 'pm_card_visa', body('counter.admin@example.com'));
    const adminRefund = await api(stack, 'POST', `/api/admin/orders/${refunded.orderId}/refund`, {
      token: admin,
      body: { reason: 'geste commercial' },
    });
    expect(adminRefund.status).toBe(201);
    await waitForStatus(stack, refunded.orderId, refunded.orderAccessToken, 'refunded');
    await waitForStatus(stack, noShow.orderId, noShow.orderAccessToken, 'refunded');

    const live = await countersAgainstRows();
    expect(live.counts[0]).toEqual(live.counts[1]);
    expect(live.earnings[0]).toEqual(live.earnings[1]);
    expect(live.daily[0]).toEqual(live.daily[1]);
    expect(live.daily[0]!.length).toBeGreaterThan(0);

    // Earnings and the overview read the counters: they agree with the rows.
    const earnings = await api(stack, 'GET', '/api/desk/earnings', { token: expert });
    const rows = await sql<{ n: string; gross: string; refunded: string }>`
      select count(*)::text as n, coalesce(sum(amount), 0)::text as gross, coalesce(sum(refunded_amount), 0)::text as refunded
      from orders where expert_id = ${stack.demo.expertId} and paid_at is not null`.execute(stack.db);
    expect(earnings.body.orderCount).toBe(Number(rows.rows[0]!.n));
    expect(earnings.body.grossAmount).toBe(Number(rows.rows[0]!.gross));
    expect(earnings.body.refundedAmount).toBe(Number(rows.rows[0]!.refunded));
    const overview = await api(stack, 'GET', '/api/admin/payments/overview', { token: admin });
    expect(overview.body.totals.failedCount).toBeGreaterThanOrEqual(1);
    expect(overview.body.totals.refundCount).toBeGreaterThanOrEqual(2);
    const metrics = await api<string>(stack, 'GET', '/metrics');
    const paid = await sql<{
      n: string;
    }>`select count(*)::text as n from orders where status = 'refunded'`.execute(stack.db);
    expect(String(metrics.body)).toMatch(
      new RegExp(`lumira_orders_by_status\\{status="refunded"[^}]*\\} ${paid.rows[0]!.n}\\n`),
    );

    // Compaction folds the slots of past days into one row per key and changes no sum (the day's rows
    // are moved a day back here, as if the day had ended).
    await sql`update earnings_daily set day = day - 1`.execute(stack.db);
    await sql`update payments_daily set day = day - 1`.execute(stack.db);
    const sums = async () =>
      (
        await sql<{ k: string }>`
          select expert_id || day || tier_id || sum(order_count) || '/' || sum(gross_amount) || '/' || sum(refunded_amount) as k
          from earnings_daily group by expert_id, day, tier_id
          union all
          select day || '/' || sum(failed_count) || '/' || sum(refund_count) || '/' || sum(refunded_amount)
          from payments_daily group by day order by 1`.execute(stack.db)
      ).rows.map((r) => r.k);
    const beforeCompaction = await sums();
    await sql`select lumira_compact_counters()`.execute(stack.db);
    expect(await sums()).toEqual(beforeCompaction);
    const slots = await sql<{ n: string }>`
      select count(*)::text as n from earnings_daily where slot <> -1`.execute(stack.db);
    expect(slots.rows[0]!.n).toBe('0');
    await sql`update earnings_daily set day = day + 1`.execute(stack.db);
    await sql`update payments_daily set day = day + 1`.execute(stack.db);

    // Rebuilding from the rows gives the same counters.
    await sql`select lumira_rebuild_counters()`.execute(stack.db);
    const rebuilt = await countersAgainstRows();
    expect(rebuilt.counts[0]).toEqual(live.counts[0]);
    expect(rebuilt.earnings[0]).toEqual(live.earnings[0]);
    expect(rebuilt.daily[0]).toEqual(live.daily[0]);
  });
});
