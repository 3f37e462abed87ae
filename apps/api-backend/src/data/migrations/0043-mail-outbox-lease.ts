/**
 * 0043 (mail outbox lease, admin actions):
 * - The worker no longer holds a row lock while the SMTP server answers. It claims a row in a short
 *   statement by writing a lease (`lease_token`, `lease_expires_at`), sends with no transaction open,
 *   then records the outcome in another short statement. A row whose lease has expired (its worker
 *   died or hung) is due again; the resend carries the same Message-ID (decision 0063).
 * - `mail_admin_actions`: every admin "send again" on an e-mail, with who and when (audit trail).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE mail_outbox
  ADD COLUMN lease_token uuid,
  ADD COLUMN lease_expires_at timestamptz,
  ADD CONSTRAINT mail_outbox_lease_pair CHECK ((lease_token IS NULL) = (lease_expires_at IS NULL));
CREATE TABLE mail_admin_actions (
  id            bigserial PRIMARY KEY,
  mail_id       bigint NOT NULL REFERENCES mail_outbox(id),
  admin_user_id char(24) NOT NULL REFERENCES users(id),
  action        text NOT NULL CHECK (action IN ('requeue')),
  outcome       text NOT NULL CHECK (outcome IN ('requeued', 'already_queued', 'already_sent')),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_admin_actions_mail_idx ON mail_admin_actions (mail_id, id);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
DROP TABLE IF EXISTS mail_admin_actions;
ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS mail_outbox_lease_pair,
  DROP COLUMN IF EXISTS lease_token, DROP COLUMN IF EXISTS lease_expires_at;
`)
    .execute(db);
}
