/** The outbox as admins see it: counts per status, the latest e-mails, and "send again" (audited). */
import { type AdminEmailsResponse, AppError } from '@lumira/shared';
import type { Db } from '../../data/db';
import {
  countMailsByStatus,
  listMailAdminActions,
  listMails,
  type RequeueOutcome,
  requeueMail,
} from '../../data/mail-outbox-repository';
import type { MailStatus } from '../../data/schema';

export type { AdminEmailView } from '@lumira/shared';

export async function listAdminEmails(
  db: Db,
  query: { status?: MailStatus; orderId?: string; limit?: number },
): Promise<AdminEmailsResponse> {
  const [counts, mails] = await Promise.all([countMailsByStatus(db), listMails(db, query)]);
  const actions = await listMailAdminActions(
    db,
    mails.map((m) => m.id),
  );
  const now = Date.now();
  return {
    counts,
    emails: mails.map((m) => ({
      id: m.id,
      kind: m.kind,
      recipient: m.recipient,
      orderId: m.orderId,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
      nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt.toISOString() : null,
      sentAt: m.sentAt?.toISOString() ?? null,
      sendingUntil:
        m.status === 'pending' && m.leaseExpiresAt && m.leaseExpiresAt.getTime() > now
          ? m.leaseExpiresAt.toISOString()
          : null,
      adminActions: actions
        .filter((a) => String(a.mail_id) === m.id)
        .map((a) => ({ adminUserId: a.admin_user_id, outcome: a.outcome, at: a.created_at.toISOString() })),
    })),
  };
}

/**
 * "Send again": a failed e-mail goes back to the outbox (same row, same Message-ID), due now; asking
 * again while it waits, or once it is sent, changes nothing. Each request is recorded with its admin.
 */
export async function retryEmail(
  db: Db,
  id: string,
  adminUserId: string,
): Promise<{ outcome: RequeueOutcome }> {
  const outcome = await requeueMail(db, id, adminUserId);
  if (!outcome) throw new AppError('NOT_FOUND', 'No e-mail with this id');
  return { outcome };
}
