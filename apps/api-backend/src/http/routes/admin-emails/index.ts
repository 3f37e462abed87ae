/** /api/admin/emails: the e-mail outbox for admins (failures visible, resend). Admin JWT on every route. */
import { ZObjectId } from '@lumira/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { requireAuth } from '../../auth';
import { validate } from '../../validate';
import { getAdminEmails } from './get-admin-emails';
import { postRetryEmail } from './post-retry-email';

const ZEmailsQuery = z.strictObject({
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  orderId: ZObjectId.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
const ZEmailParams = z.strictObject({ emailId: z.string().regex(/^[1-9]\d{0,17}$/) });

export function createAdminEmailsRouter(_ctx: AppContext): Router {
  const router = Router();
  const admin = requireAuth('admin');
  router.get('/', admin, validate(ZEmailsQuery, 'query'), getAdminEmails);
  router.post('/:emailId/retry', admin, validate(ZEmailParams, 'params'), postRetryEmail);
  return router;
}
