import type { Request, Response } from 'express';
export declare function postStartSession(req: Request, res: Response): Promise<void>;
