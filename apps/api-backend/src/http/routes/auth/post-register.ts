import { REGISTER_ACCEPTED_MESSAGE, type RegisterRequest, type RegisterResponse } from '@lumira/shared';
import type { Request, Response } from 'express';
import { registerCustomer } from '../../../domain/auth/register-customer';

/** The same 202 whether the address was free or taken (no enumeration): the client then logs in. */
export async function postRegister(req: Request, res: Response): Promise<void> {
  const outcome = await registerCustomer(req.ctx, req.body as RegisterRequest);
  req.log?.info({ requestId: req.requestId, outcome: outcome.kind }, 'registration');
  const body: RegisterResponse = { accepted: true, message: REGISTER_ACCEPTED_MESSAGE };
  res.status(202).json(body);
}
