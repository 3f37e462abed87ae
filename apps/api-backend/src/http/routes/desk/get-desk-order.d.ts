import type { Request, Response } from 'express';
export declare function getDeskOrder(req: Request, res: Response): Promise<void>;
