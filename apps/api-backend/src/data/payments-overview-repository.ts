/** Aggregates for the admin payments overview (per UTC day). */
import { sql } from 'kysely';
import type { Db } from './db';

type DayRow = { date: string; count: number; amount: number };

export async function paymentsOverviewRows(
  db: Db,
  since: Date,
): Promise<{ succeeded: DayRow[]; failed: DayRow[]; refunds: DayRow[] }> {
  const toRows = (rows: { date: string; count: string | number; amount: string | number | null }[]) =>
    rows.map((r) => ({ date: String(r.date), count: Number(r.count), amount: Number(r.amount ?? 0) }));
  const [succeeded, failed, refunds] = await Promise.all([
    sql<{ date: string; count: string; amount: string }>`
      select to_char(paid_at at time zone 'UTC', 'YYYY-MM-DD') as date, count(*) as count, sum(amount) as amount
      from orders where paid_at >= ${since} group by 1 order by 1`.execute(db),
    sql<{ date: string; count: string; amount: null }>`
      select to_char(at at time zone 'UTC', 'YYYY-MM-DD') as date, count(*) as count, null as amount
      from order_events where to_status = 'payment_failed' and at >= ${since} group by 1 order by 1`.execute(
      db,
    ),
    sql<{ date: string; count: string; amount: string }>`
      select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD') as date, count(*) as count, sum(amount) as amount
      from refunds where status = 'succeeded' and updated_at >= ${since} group by 1 order by 1`.execute(db),
  ]);
  return { succeeded: toRows(succeeded.rows), failed: toRows(failed.rows), refunds: toRows(refunds.rows) };
}
