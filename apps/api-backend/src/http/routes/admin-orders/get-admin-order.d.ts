import type { Request, Response } from 'express';
export declare function getAdminOrder(req: Request, res: Response): Promise<void>;
