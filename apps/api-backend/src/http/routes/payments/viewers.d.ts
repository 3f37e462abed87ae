/** Who is asking about an order: the JWT's user and/or the holder of an order access token. */
import type { Request } from 'express';
import type { Viewer } from '../../../domain/orders/order';
export declare function viewersOf(req: Request): Viewer[];
