/** GET /api/desk/orders and /api/desk/orders/:orderId: the expert's own orders only (oldest first). */
import { AppError, type OrderStatus } from '@lumira/shared';
import { findOrderById, listOrdersOfExpert } from '../../data/orders-repository';
import { loadOrderView, loadOrderViews, type OrderViewWithExtras } from '../orders/order-view';
import type { PaymentsContext } from '../payments/payments-context';

export async function listDeskOrders(
  ctx: PaymentsContext,
  input: { expertId: string; status?: OrderStatus },
): Promise<{ orders: OrderViewWithExtras[] }> {
  const orders = await listOrdersOfExpert(
    ctx.db,
    input.expertId,
    input.status ? { statuses: [input.status] } : {},
  );
  return { orders: await loadOrderViews(ctx.db, orders, 'expert') };
}

export async function getDeskOrder(
  ctx: PaymentsContext,
  input: { expertId: string; orderId: string },
): Promise<OrderViewWithExtras> {
  const order = await findOrderById(ctx.db, input.orderId);
  if (!order || order.expertId !== input.expertId) throw new AppError('NOT_FOUND', 'Order not found');
  return loadOrderView(ctx.db, order, 'expert');
}
