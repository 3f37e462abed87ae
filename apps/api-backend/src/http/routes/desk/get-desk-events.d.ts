import type { Request, Response } from 'express';
/** SSE: every change to one of the signed-in expert's orders (JWT via header or `?access_token=`). */
export declare function getDeskEvents(req: Request, res: Response): Promise<void>;
