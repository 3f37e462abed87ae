import type { Request, Response } from 'express';
export declare function getDeskOrders(req: Request, res: Response): Promise<void>;
