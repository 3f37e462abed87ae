import type { Request, Response } from 'express';
export declare function getEarnings(req: Request, res: Response): Promise<void>;
