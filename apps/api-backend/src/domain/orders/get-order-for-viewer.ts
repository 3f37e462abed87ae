/**
 * Order access: its owner (JWT of the user who placed it), its expert, an admin, or whoever holds its
 * access token. Anyone else gets 404 (never 403: the order's existence is not revealed).
 */
import { type AdminOrderView, AppError } from '@lumira/shared';
import type { Db } from '../../data/db';
import { findOrderBundle } from '../../data/order-bundles-repository';
import { findOrderById } from '../../data/orders-repository';
import { isOrderAccessTokenValid } from '../payments/order-access-token';
import type { Order, Viewer } from './order';
import { toOrderView, type ViewerRole } from './order-view';

/** The role the viewer acts in for this order, or null when they may not see it. */
export function viewerRoleFor(order: Order, viewer: Viewer): ViewerRole | null {
  if (viewer.kind === 'user') {
    if (viewer.role === 'admin') return 'admin';
    if (viewer.role === 'expert' && viewer.expertId && viewer.expertId === order.expertId) return 'expert';
    if (order.userId && viewer.userId === order.userId) return 'customer';
    return null;
  }
  if (viewer.kind === 'token')
    return isOrderAccessTokenValid(viewer.token, order.accessTokenHash) ? 'customer' : null;
  if (viewer.kind === 'link') return viewer.orderId === order.id ? 'customer' : null;
  return null;
}

export async function getOrderForViewer(
  db: Db,
  orderId: string,
  viewers: readonly Viewer[],
): Promise<{ order: Order; role: ViewerRole }> {
  const order = await findOrderById(db, orderId);
  if (order) {
    // The strongest role wins (an admin holding a customer token still sees the admin view).
    const roles = viewers.map((v) => viewerRoleFor(order, v)).filter((r): r is ViewerRole => r !== null);
    const role = roles.includes('admin') ? 'admin' : roles.includes('expert') ? 'expert' : roles[0];
    if (role) return { order, role };
  }
  throw new AppError('NOT_FOUND', 'Order not found');
}

/** The order's view for this viewer in one query, or 404 (same rules as getOrderForViewer). */
export async function getOrderViewForViewer(
  db: Db,
  orderId: string,
  viewers: readonly Viewer[],
): Promise<{ view: AdminOrderView; role: ViewerRole }> {
  const bundle = await findOrderBundle(db, orderId);
  if (bundle) {
    const roles = viewers
      .map((v) => viewerRoleFor(bundle.order, v))
      .filter((r): r is ViewerRole => r !== null);
    const role = roles.includes('admin') ? 'admin' : roles.includes('expert') ? 'expert' : roles[0];
    if (role) return { view: toOrderView(bundle.order, bundle, role), role };
  }
  throw new AppError('NOT_FOUND', 'Order not found');
}
