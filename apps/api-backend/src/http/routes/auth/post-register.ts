import type { RegisterRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { registerCustomer } from '../../../domain/auth/register-customer';

export async function postRegister(req: Request, res: Response): Promise<void> {
  res.status(201).json(await registerCustomer(req.ctx, req.body as RegisterRequest));
}
