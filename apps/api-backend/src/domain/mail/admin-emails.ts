/** The outbox as admins see it: counts per status, the latest e-mails (failures first), and a resend. */
import { AppError } from '@lumira/shared';
import type { Db } from '../../data/db';
import { countMailsByStatus, listMails, requeueFailedMail } from '../../data/mail-outbox-repository';
import type { MailStatus } from '../../data/schema';

export type AdminEmailView = {
  id: string;
  kind: string;
  recipient: string;
  orderId: string | null;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
};

export async function listAdminEmails(
  db: Db,
  query: { status?: MailStatus; orderId?: string; limit?: number },
): Promise<{ counts: Record<MailStatus, number>; emails: AdminEmailView[] }> {
  const [counts, mails] = await Promise.all([countMailsByStatus(db), listMails(db, query)]);
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
    })),
  };
}

/** A failed e-mail goes back to the outbox (same row, same Message-ID), due now. */
export async function retryFailedEmail(db: Db, id: string): Promise<void> {
  if (!(await requeueFailedMail(db, id))) throw new AppError('NOT_FOUND', 'No failed e-mail with this id');
}
