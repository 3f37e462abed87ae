import type { Request, Response } from 'express';
export declare function postConfirmPayment(req: Request, res: Response): Promise<void>;
