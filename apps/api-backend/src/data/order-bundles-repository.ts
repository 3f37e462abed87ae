/**
 * Orders with everything their view needs (expert name, history, refunds) in ONE round trip: the order
 * reads (customer page, SSE pushes, desk and admin lists) are the hottest queries of the API.
 */
import { sql } from 'kysely';
import type { Order, OrderEvent, Refund } from '../domain/orders/order';
import { type Db, preparedStatement } from './db';
import { orderColumns, toOrder } from './orders-repository';
import { toRefund } from './refunds-repository';
import type { OrderEventRow, OrderRow, RefundRow } from './schema';

export type OrderBundle = { order: Order; expertName: string; history: OrderEvent[]; refunds: Refund[] };

/** `json_agg` turns timestamps into ISO strings; everything else keeps its column type. */
type JsonRow<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

type BundleRow = OrderRow & {
  expert_name: string | null;
  history: JsonRow<OrderEventRow>[];
  refund_rows: JsonRow<RefundRow>[];
};

/** Bundles for `ids`, in the order of `ids` (unknown ids are skipped). */
export async function findOrderBundles(db: Db, ids: readonly string[]): Promise<OrderBundle[]> {
  if (ids.length === 0) return [];
  const result = await sql<BundleRow>`${preparedStatement('order-bundles')}
    select ${orderColumns('o')},
      e.name as expert_name,
      coalesce((select json_agg(h order by h.id) from order_events h where h.order_id = o.id), '[]'::json) as history,
      coalesce((select json_agg(r order by r.created_at, r.id) from refunds r where r.order_id = o.id), '[]'::json) as refund_rows
    from orders o
    left join experts e on e.id = o.expert_id
    where o.id = any(${[...ids]}::char(24)[])`.execute(db);
  const byId = new Map(result.rows.map((row) => [String(row.id), toBundle(row)]));
  return ids.map((id) => byId.get(id)).filter((b): b is OrderBundle => b !== undefined);
}

export async function findOrderBundle(db: Db, id: string): Promise<OrderBundle | null> {
  return (await findOrderBundles(db, [id]))[0] ?? null;
}

function toBundle(row: BundleRow): OrderBundle {
  const { expert_name, history, refund_rows, ...orderRow } = row;
  return {
    order: toOrder(orderRow),
    expertName: expert_name ?? '',
    history: history.map((h) => ({
      id: String(h.id),
      orderId: row.id,
      from: h.from_status,
      to: h.to_status,
      cause: h.cause,
      note: h.note,
      at: new Date(h.at),
    })),
    refunds: refund_rows.map((r) =>
      toRefund({ ...r, created_at: new Date(r.created_at), updated_at: new Date(r.updated_at) }),
    ),
  };
}
