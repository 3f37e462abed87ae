import type { Request, Response } from 'express';
/** SSE: every order change (admins; JWT via header or `?access_token=`). */
export declare function getAdminEvents(req: Request, res: Response): Promise<void>;
