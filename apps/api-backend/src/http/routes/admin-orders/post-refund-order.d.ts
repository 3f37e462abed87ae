import type { Request, Response } from 'express';
export declare function postRefundOrder(req: Request, res: Response): Promise<void>;
