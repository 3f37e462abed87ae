import type { Request, Response } from 'express';
export declare function getAdminOrders(req: Request, res: Response): Promise<void>;
