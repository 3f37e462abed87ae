import type { Request, Response } from 'express';
/** SSE: `data: {type: 'order.updated', order}` now and at every change of this order. */
export declare function getOrderEvents(req: Request, res: Response): Promise<void>;
