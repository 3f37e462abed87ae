import type { Request, Response } from 'express';
export declare function getPaymentsOverview(req: Request, res: Response): Promise<void>;
