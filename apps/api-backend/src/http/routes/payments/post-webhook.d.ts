import type { Request, Response } from 'express';
/** Mounted BEFORE express.json(): `req.body` is the raw Buffer the signature was computed over. */
export declare function postWebhook(req: Request, res: Response): Promise<void>;
