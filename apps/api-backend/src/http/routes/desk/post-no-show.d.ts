import type { Request, Response } from 'express';
export declare function postNoShow(req: Request, res: Response): Promise<void>;
