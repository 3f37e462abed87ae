import type { Request, Response } from 'express';
export declare function getOrder(req: Request, res: Response): Promise<void>;
