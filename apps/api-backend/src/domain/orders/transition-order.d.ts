/**
 * THE way an order's status changes: checks the transition table, updates the row, appends the history
 * entry and queues the live-update notification, all on the caller's transaction (`trx`, with the order
 * row already locked by `lockOrder`). A transition to the current status is a no-op (no history entry).
 */
import { type OrderStatus, type TransitionCause } from '@lumira/shared';
import type { Kysely } from 'kysely';
import type { OrderNotifier } from '../../data/order-notifier';
import { type OrderPatch } from '../../data/orders-repository';
import type { Database } from '../../data/schema';
import type { Order } from './order';
export type TransitionOptions = {
  note?: string | null;
  /** Other columns written in the same UPDATE. */
  patch?: Omit<OrderPatch, 'status'>;
};
export declare function transitionOrder(
  trx: Kysely<Database>,
  notifier: OrderNotifier,
  order: Order,
  to: OrderStatus,
  cause: TransitionCause,
  options?: TransitionOptions,
): Promise<{
  order: Order;
  changed: boolean;
}>;
/** Queues "this order changed" for every API instance (delivered when `trx` commits). */
export declare function publishOrderChange(
  trx: Kysely<Database>,
  notifier: OrderNotifier,
  order: Order,
): Promise<void>;
