/** Who is asking about an order: the JWT's user and/or the holder of an order access token. */
import type { Request } from 'express';
import type { Viewer } from '../../../domain/orders/order';

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
  if (token) viewers.push({ kind: 'token', token });
  return viewers;
}
