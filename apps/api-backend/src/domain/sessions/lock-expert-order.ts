/** Locks an order for a desk action; an expert only ever sees their own orders (404 otherwise). */
import { AppError } from '@lumira/shared';
import type { Db } from '../../data/db';
import { lockOrder } from '../../data/orders-repository';
import type { Order } from '../orders/order';

export async function lockExpertOrder(trx: Db, orderId: string, expertId: string): Promise<Order> {
  const order = await lockOrder(trx, orderId);
  if (!order || order.expertId !== expertId) throw new AppError('NOT_FOUND', 'Order not found');
  return order;
}
