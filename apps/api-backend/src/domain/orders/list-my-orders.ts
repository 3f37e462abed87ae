/** GET /api/payments/orders: the signed-in customer's orders, newest first, paginated. */
import type { AdminOrderView, OrderStatus } from '@lumira/shared';
import { listOrdersOfUser } from '../../data/orders-repository';
import type { PaymentsContext } from '../payments/payments-context';
import { loadOrderViews } from './order-view';

export async function listMyOrders(
  ctx: PaymentsContext,
  input: { userId: string; status?: OrderStatus; page?: number; pageSize?: number },
): Promise<{ orders: AdminOrderView[]; page: number; pageSize: number; total: number }> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const result = await listOrdersOfUser(ctx.db, input.userId, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
    status: input.status,
  });
  const orders = await loadOrderViews(ctx.db, result.items, 'customer');
  return { orders, page, pageSize, total: result.total };
}
