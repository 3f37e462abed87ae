import type { Request, Response } from 'express';
export declare function postRetryRefund(req: Request, res: Response): Promise<void>;
