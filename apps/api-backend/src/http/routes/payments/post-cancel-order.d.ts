import type { Request, Response } from 'express';
export declare function postCancelOrder(req: Request, res: Response): Promise<void>;
