import type { Request, Response } from 'express';
export declare function postCreatePaymentIntent(req: Request, res: Response): Promise<void>;
