import type { Request, Response } from 'express';
export declare function postAvailability(req: Request, res: Response): Promise<void>;
