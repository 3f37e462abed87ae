import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import type { Order, Viewer } from './order';
import type { ViewerRole } from './order-view';
/** The role the viewer acts in for this order, or null when they may not see it. */
export declare function viewerRoleFor(order: Order, viewer: Viewer): ViewerRole | null;
export declare function getOrderForViewer(
  db: Kysely<Database>,
  orderId: string,
  viewers: readonly Viewer[],
): Promise<{
  order: Order;
  role: ViewerRole;
}>;
