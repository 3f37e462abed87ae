/** Admin reads: GET /api/admin/orders (filters, newest first, keyset pages), GET /api/admin/orders/:orderId (full detail). */
import { type AdminOrdersQuery, type AdminOrderView, AppError } from '@lumira/shared';
import { findOrderById, listOrdersKeyset } from '../../data/orders-repository';
import type { PaymentsContext } from '../payments/payments-context';
import { loadOrderView, loadOrderViews } from './order-view';

function parseBound(value: string | undefined, endOfDay: boolean): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    return endOfDay ? new Date(day.getTime() + 86_400_000) : day;
  }
  return new Date(value);
}

export async function listAdminOrders(
  ctx: PaymentsContext,
  query: AdminOrdersQuery,
): Promise<{ orders: AdminOrderView[]; pageSize: number; nextCursor: string | null }> {
  const pageSize = query.pageSize ?? 20;
  const result = await listOrdersKeyset(
    ctx.db,
    {
      status: query.status,
      expertId: query.expertId,
      from: parseBound(query.from, false),
      to: parseBound(query.to, true),
      q: query.q || undefined,
    },
    { cursor: query.cursor, limit: pageSize },
  );
  const orders = await loadOrderViews(ctx.db, result.items, 'admin');
  return { orders, pageSize, nextCursor: result.nextCursor };
}

export async function getAdminOrder(ctx: PaymentsContext, orderId: string): Promise<AdminOrderView> {
  const order = await findOrderById(ctx.db, orderId);
  if (!order) throw new AppError('NOT_FOUND', 'Order not found');
  return loadOrderView(ctx.db, order, 'admin');
}
