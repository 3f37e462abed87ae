/** GET /api/desk/orders and /api/desk/orders/:orderId: the expert's own orders only, newest first
 * in keyset pages (the live queue's first page always holds the newest paid orders). */
import { type AdminOrderView, AppError, type OrderStatus } from '@lumira/shared';
import { findOrderById, listOrdersKeyset } from '../../data/orders-repository';
import { loadOrderView, loadOrderViews } from '../orders/order-view';
import type { PaymentsContext } from '../payments/payments-context';

export async function listDeskOrders(
  ctx: PaymentsContext,
  input: { expertId: string; status?: OrderStatus; cursor?: string; pageSize?: number },
): Promise<{ orders: AdminOrderView[]; pageSize: number; nextCursor: string | null }> {
  const pageSize = input.pageSize ?? 50;
  const result = await listOrdersKeyset(
    ctx.db,
    { expertId: input.expertId, ...(input.status ? { status: input.status } : {}) },
    { cursor: input.cursor, limit: pageSize },
  );
  return {
    orders: await loadOrderViews(ctx.db, result.items, 'expert'),
    pageSize,
    nextCursor: result.nextCursor,
  };
}

export async function getDeskOrder(
  ctx: PaymentsContext,
  input: { expertId: string; orderId: string },
): Promise<AdminOrderView> {
  const order = await findOrderById(ctx.db, input.orderId);
  if (!order || order.expertId !== input.expertId) throw new AppError('NOT_FOUND', 'Order not found');
  return loadOrderView(ctx.db, order, 'expert');
}
