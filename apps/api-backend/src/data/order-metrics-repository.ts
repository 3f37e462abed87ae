/** Read-only aggregate for the `lumira_orders_by_status` gauge (collected at scrape time). */
import type { Db } from './db';

export async function countOrdersByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
