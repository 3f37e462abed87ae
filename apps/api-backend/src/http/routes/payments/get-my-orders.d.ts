import type { Request, Response } from 'express';
export declare function getMyOrders(req: Request, res: Response): Promise<void>;
