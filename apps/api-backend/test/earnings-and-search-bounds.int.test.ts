/**
 * Reads bounded whatever the history (migrations 0020-0021, docs/decisions/0083-0084): an expert's
 * earnings read from roll-ups of the daily counters (all-time totals, 24 months, `days` days), and a
 * search by a broad email prefix that walks a bounded number of orders per page and says honestly that
 * more may follow. Orders are bulk-inserted here (years of paid orders, thousands of matches), with the
 * counters' triggers firing as for any insert.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_SCAN_ROWS, SEARCH_SORT_CAP } from '../src/data/orders-repository';
import { startTestStack, type TestStack } from './harness';
import { api } from './payments-helpers';

let stack: TestStack;
let expert: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
  admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
});
afterAll(async () => {
  await stack?.stop();
});

/**
 * Inserts orders `from` .. `to - 1` (ids 'e' + hex of i) created `ageSeconds(i)` ago, `email(i)`; paid
 * (completed) ones paid at their creation, every seventh of those refunded by half.
 */
async function insertOrders(o: { from: number; to: number; email: string; age: string; paid: boolean }) {
  await sql
    .raw(`
    INSERT INTO orders (id, tier_id, tier_name, amount, currency, duration_minutes, refund_policy_version,
      customer_email, customer_name, expert_id, access_token_hash, status, created_at, updated_at, paid_at,
      expires_at, refunded_amount)
    SELECT 'e' || lpad(to_hex(i), 23, '0'), t.id, t.name, t.price_amount, t.currency, t.duration_minutes, 'v1',
      ${o.email}, 'Bulk ' || i, '${stack.demo.expertId}', md5(i::text), ${o.paid ? "'completed'" : "'expired'"},
      now() - (${o.age}), now() - (${o.age}), ${o.paid ? `now() - (${o.age})` : 'NULL'}, now() - (${o.age}) + interval '30 minutes',
      ${o.paid ? 'CASE WHEN i % 7 = 0 THEN t.price_amount / 2 ELSE 0 END' : '0'}
    FROM generate_series(${o.from}, ${o.to - 1}) AS i
    JOIN service_tiers t ON t.id = (ARRAY['basic','premium','vip'])[1 + i % 3]`)
    .execute(stack.db);
}

type Earnings = {
  orderCount: number;
  grossAmount: number;
  refundedAmount: number;
  netAmount: number;
  byTier: { tier: string; orderCount: number; netAmount: number }[];
  byDay: { date: string; orderCount: number; netAmount: number }[];
  byMonth: { month: string; orderCount: number; netAmount: number }[];
};

/** The expert's paid orders recounted from the rows, per key (`to_char` format of paid_at, UTC). */
async function recount(format: string, since: string) {
  const { rows } = await sql<{ k: string; n: string; net: string }>`
    select to_char(paid_at at time zone 'UTC', ${format}) as k, count(*)::text as n,
           sum(amount - refunded_amount)::text as net
    from orders where expert_id = ${stack.demo.expertId} and paid_at is not null
      and to_char(paid_at at time zone 'UTC', ${format}) >= ${since}
    group by 1 order by 1`.execute(stack.db);
  return rows.map((r) => ({ key: r.k, orderCount: Number(r.n), netAmount: Number(r.net) }));
}

/** The roll-up tables against a regrouping of the daily counters they derive from. */
async function rollUpsAgainstDaily() {
  const q = (table: string, key: string) =>
    sql
      .raw<{ k: string }>(`
      select expert_id || ' ' || ${key} || ' ' || tier_id || ' ' || sum(order_count) || ' ' || sum(gross_amount) || ' ' || sum(refunded_amount) as k
      from ${table} group by expert_id, ${key}, tier_id
      having sum(order_count) <> 0 or sum(gross_amount) <> 0 or sum(refunded_amount) <> 0 order by 1`)
      .execute(stack.db)
      .then((r) => r.rows.map((x) => x.k));
  return {
    months: [
      await q('earnings_monthly', "to_char(month, 'YYYY-MM')"),
      await q('earnings_daily', "to_char(day, 'YYYY-MM')"),
    ],
    totals: [await q('earnings_totals', 'currency'), await q('earnings_daily', 'currency')],
  };
}

describe('expert earnings', () => {
  it('read all-time totals, 24 months and `days` days from roll-ups that always equal the rows', async () => {
    // Three years of paid orders, about one a day, and a few today.
    await insertOrders({
      from: 1,
      to: 1100,
      email: "'earner' || i || '@bounds.test'",
      age: "i * interval '1 day'",
      paid: true,
    });
    await insertOrders({
      from: 1100,
      to: 1110,
      email: "'earner' || i || '@bounds.test'",
      age: "interval '1 minute'",
      paid: true,
    });

    const live = await rollUpsAgainstDaily();
    expect(live.months[0]).toEqual(live.months[1]);
    expect(live.totals[0]).toEqual(live.totals[1]);

    const all = await sql<{ n: string; gross: string; refunded: string }>`
      select count(*)::text as n, sum(amount)::text as gross, sum(refunded_amount)::text as refunded
      from orders where expert_id = ${stack.demo.expertId} and paid_at is not null`.execute(stack.db);
    const res = await api<Earnings>(stack, 'GET', '/api/desk/earnings', { token: expert });
    expect(res.status).toBe(200);
    const e = res.body;
    expect(e.orderCount).toBe(Number(all.rows[0]!.n));
    expect(e.grossAmount).toBe(Number(all.rows[0]!.gross));
    expect(e.refundedAmount).toBe(Number(all.rows[0]!.refunded));
    expect(e.byTier.reduce((s, t) => s + t.orderCount, 0)).toBe(e.orderCount);

    const now = new Date();
    const sinceDay = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const sinceMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 23, 1))
      .toISOString()
      .slice(0, 7);
    expect(e.byDay.map(({ date: key, ...v }) => ({ key, ...v }))).toEqual(
      await recount('YYYY-MM-DD', sinceDay),
    );
    expect(e.byDay.length).toBeLessThanOrEqual(31);
    expect(e.byMonth.map(({ month: key, ...v }) => ({ key, ...v }))).toEqual(
      await recount('YYYY-MM', sinceMonth),
    );
    expect(e.byMonth).toHaveLength(24);

    const year = await api<Earnings>(stack, 'GET', '/api/desk/earnings?days=366', { token: expert });
    expect(year.body.byDay.length).toBeGreaterThan(300);
    expect(
      year.body.byDay[0]!.date >= new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10),
    ).toBe(true);
    for (const bad of ['days=0', 'days=367', 'days=x', 'from=2020-01-01']) {
      expect((await api(stack, 'GET', `/api/desk/earnings?${bad}`, { token: expert })).status, bad).toBe(400);
    }

    // Compaction, a day moved (as in a correction) and a full rebuild keep the roll-ups equal to the days.
    await sql`select lumira_compact_counters()`.execute(stack.db);
    await sql`update earnings_daily set day = day - 20 where day < current_date - 600`.execute(stack.db);
    await sql`select lumira_rebuild_counters()`.execute(stack.db);
    const after = await rollUpsAgainstDaily();
    expect(after.months[0]).toEqual(after.months[1]);
    expect(after.totals[0]).toEqual(after.totals[1]);
    expect((await api<Earnings>(stack, 'GET', '/api/desk/earnings', { token: expert })).body.orderCount).toBe(
      e.orderCount,
    );
  });
});

type Page = { orders: { id: string; customerEmail: string; createdAt: string }[]; nextCursor: string | null };

async function searchAll(q: string, pageSize: number): Promise<{ ids: string[]; pages: number[] }> {
  const ids: string[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: Page } = await api<Page>(
      stack,
      'GET',
      `/api/admin/orders?q=${q}&pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    for (const o of res.body.orders) expect(o.customerEmail.startsWith(q)).toBe(true);
    ids.push(...res.body.orders.map((o) => o.id));
    pages.push(res.body.orders.length);
    cursor = res.body.nextCursor;
    expect(pages.length).toBeLessThan(200);
  } while (cursor);
  return { ids, pages };
}

async function matchingIds(prefix: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from orders where customer_email like ${`${prefix}%`} order by created_at desc, id desc`.execute(
    stack.db,
  );
  return rows.map((r) => r.id);
}

describe('search by a broad email prefix', () => {
  it('pages every match newest first, no gap, no overlap, reading a bounded number of orders per page', async () => {
    // More matches than the sort cap, one order in four among the newest: the walk path.
    const dense = SEARCH_SORT_CAP + 400;
    await insertOrders({
      from: 10_000,
      to: 10_000 + dense * 4,
      email: "CASE WHEN i % 4 = 0 THEN 'dense' || i ELSE 'other' || i END || '@bounds.test'",
      age: "i * interval '1 second'",
      paid: false,
    });
    const expected = await matchingIds('dense');
    expect(expected.length).toBeGreaterThan(SEARCH_SORT_CAP);
    const { ids, pages } = await searchAll('dense', 100);
    expect(ids).toEqual(expected);
    expect(Math.max(...pages)).toBeLessThanOrEqual(100);
  });

  it('answers a short page and an honest cursor when the matches are older than a page walk reaches', async () => {
    // Old matches, then more than a walk's worth of newer orders that do not match.
    await insertOrders({
      from: 30_000,
      to: 30_000 + SEARCH_SORT_CAP + 10,
      email: "'ancient' || i || '@bounds.test'",
      age: "interval '5 years' + i * interval '1 second'",
      paid: false,
    });
    await insertOrders({
      from: 40_000,
      to: 40_000 + SEARCH_SCAN_ROWS + 100,
      email: "'recent' || i || '@bounds.test'",
      age: "interval '1 day' + i * interval '1 second'",
      paid: false,
    });
    const first = await api<Page>(stack, 'GET', '/api/admin/orders?q=ancient&pageSize=20', { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.orders).toEqual([]);
    expect(first.body.nextCursor).not.toBeNull();
    const { ids } = await searchAll('ancient', 100);
    expect(ids).toEqual(await matchingIds('ancient'));
    // A 1-character prefix is answered the same bounded way.
    const one = await api<Page>(stack, 'GET', '/api/admin/orders?q=a&pageSize=20', { token: admin });
    expect(one.status).toBe(200);
    expect(one.body.nextCursor).not.toBeNull();
  });

  it('sorts few matches from the index, with other filters too', async () => {
    const some = await matchingIds('earner105');
    expect(some.length).toBeGreaterThan(5);
    expect(some.length).toBeLessThanOrEqual(SEARCH_SORT_CAP);
    expect((await searchAll('earner105', 4)).ids).toEqual(some);
    const completed = await api<Page>(
      stack,
      'GET',
      '/api/admin/orders?q=earner105&status=completed&pageSize=100',
      {
        token: admin,
      },
    );
    expect(completed.body.orders.map((o) => o.id)).toEqual(some);
    const expired = await api<Page>(stack, 'GET', '/api/admin/orders?q=earner105&status=expired', {
      token: admin,
    });
    expect(expired.body.orders).toEqual([]);
    expect(expired.body.nextCursor).toBeNull();
  });
});
