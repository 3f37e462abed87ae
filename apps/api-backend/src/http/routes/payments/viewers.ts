/**
 * Who is asking about an order: the JWT's user and/or the holder of an order token, given as
 * `?token=` or `X-Order-Token`: either the order access token (returned once at checkout) or a scoped,
 * expiring link token from an e-mail (`ol1.…`, verified here, opening that one order only).
 */
import type { Request } from 'express';
import type { Viewer } from '../../../domain/orders/order';
import { isOrderLinkToken, verifyOrderLinkToken } from '../../../domain/orders/order-link-token';

export function viewersOf(req: Request): Viewer[] {
  const viewers: Viewer[] = [];
  if (req.auth) {
    viewers.push({
      kind: 'user',
      userId: req.auth.userId,
      role: req.auth.role,
      expertId: req.auth.expertId ?? null,
    });
  }
  const query = req.query.token;
  const token = (typeof query === 'string' && query) || req.get('x-order-token');
  if (token && isOrderLinkToken(token)) {
    const orderId = verifyOrderLinkToken(req.ctx.config.jwt.secret, token);
    if (orderId) viewers.push({ kind: 'link', orderId });
  } else if (token) viewers.push({ kind: 'token', token });
  return viewers;
}
