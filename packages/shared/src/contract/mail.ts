/**
 * The e-mail outbox as admins see it: GET /api/admin/emails and POST /api/admin/emails/:id/retry.
 */
export type MailStatus = 'pending' | 'sent' | 'failed';

/** What an admin's "send again" did: requeued now, already waiting, or already sent (nothing done). */
export type RequeueOutcome = 'requeued' | 'already_queued' | 'already_sent';

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
  /** A worker is sending it now (its lease runs until then). */
  sendingUntil: string | null;
  /** Every "send again" asked by an admin, oldest first. */
  adminActions: { adminUserId: string; outcome: RequeueOutcome; at: string }[];
};

export type AdminEmailsResponse = { counts: Record<MailStatus, number>; emails: AdminEmailView[] };

export type RetryEmailResponse = { queued: boolean; outcome: RequeueOutcome };
