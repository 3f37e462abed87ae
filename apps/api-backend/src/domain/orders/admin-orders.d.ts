/** Admin reads: GET /api/admin/orders (filters, paginated), GET /api/admin/orders/:orderId (full detail). */
import { type AdminOrdersQuery } from '@lumira/shared';
import type { PaymentsContext } from '../payments/payments-context';
import { type OrderViewWithExtras } from './order-view';
export declare function listAdminOrders(
  ctx: PaymentsContext,
  query: AdminOrdersQuery,
): Promise<{
  orders: OrderViewWithExtras[];
  page: number;
  pageSize: number;
  total: number;
}>;
export declare function getAdminOrder(ctx: PaymentsContext, orderId: string): Promise<OrderViewWithExtras>;
