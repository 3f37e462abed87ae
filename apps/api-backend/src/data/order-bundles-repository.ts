/**
 * Orders with everything their view needs (expert name, history, refunds) in ONE round trip: the order
 * reads (customer page, SSE pushes, desk and admin lists) are the hottest queries of the API.
 */
import type { OrderStatus, TransitionCause } from '@lumira/shared';
import { type Kysely, sql } from 'kysely';
import type { Order, OrderEvent, Refund } from '../domain/orders/order';
import { type OrderRow, toOrder } from './orders-repository';
import type { PaymentsDatabase } from './payments-schema';
import { toRefund } from './refunds-repository';
import type { Database } from './schema';

export type OrderBundle = { order: Order; expertName: string; history: OrderEvent[]; refunds: Refund[] };

type BundleRow = OrderRow & {
  expert_name: string | null;
  history: {
    id: string | number;
    from_status: string | null;
    to_status: string;
    cause: string;
    note: string | null;
    at: string;
  }[];
  refund_rows: (Omit<PaymentsDatabase['refunds'], 'created_at' | 'updated_at'> & {
    created_at: string;
    updated_at: string;
  })[];
};

/** Bundles for `ids`, in the order of `ids` (unknown ids are skipped). */
export async function findOrderBundles(db: Kysely<Database>, ids: readonly string[]): Promise<OrderBundle[]> {
  if (ids.length === 0) return [];
  const result = await sql<BundleRow>`
    select o.*,
      e.name as expert_name,
      coalesce((select json_agg(h order by h.id) from order_events h where h.order_id = o.id), '[]'::json) as history,
      coalesce((select json_agg(r order by r.created_at, r.id) from refunds r where r.order_id = o.id), '[]'::json) as refund_rows
    from orders o
    left join experts e on e.id = o.expert_id
    where o.id = any(${[...ids]}::char(24)[])`.execute(db);
  const byId = new Map(result.rows.map((row) => [String(row.id), toBundle(row)]));
  return ids.map((id) => byId.get(id)).filter((b): b is OrderBundle => b !== undefined);
}

export async function findOrderBundle(db: Kysely<Database>, id: string): Promise<OrderBundle | null> {
  return (await findOrderBundles(db, [id]))[0] ?? null;
}

function toBundle(row: BundleRow): OrderBundle {
  const { expert_name, history, refund_rows, ...orderRow } = row;
  return {
    order: toOrder(orderRow as OrderRow),
    expertName: expert_name ?? '',
    history: history.map((h) => ({
      id: String(h.id),
      orderId: String(row.id),
      from: (h.from_status as OrderStatus | null) ?? null,
      to: h.to_status as OrderStatus,
      cause: h.cause as TransitionCause,
      note: h.note ?? null,
      at: new Date(h.at),
    })),
    refunds: refund_rows.map((r) =>
      toRefund({ ...r, created_at: new Date(r.created_at), updated_at: new Date(r.updated_at) }),
    ),
  };
}
