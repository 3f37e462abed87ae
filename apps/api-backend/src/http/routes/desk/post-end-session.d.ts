import type { Request, Response } from 'express';
export declare function postEndSession(req: Request, res: Response): Promise<void>;
