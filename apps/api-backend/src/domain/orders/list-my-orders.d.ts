/** GET /api/payments/orders: the signed-in customer's orders, newest first, paginated. */
import type { OrderStatus } from '@lumira/shared';
import type { PaymentsContext } from '../payments/payments-context';
import { type OrderViewWithExtras } from './order-view';
export declare function listMyOrders(
  ctx: PaymentsContext,
  input: {
    userId: string;
    status?: OrderStatus;
    page?: number;
    pageSize?: number;
  },
): Promise<{
  orders: OrderViewWithExtras[];
  page: number;
  pageSize: number;
  total: number;
}>;
