/**
 * 0042 (account e-mails): e-mail verification and password reset.
 * - users.email_verified_at: set when the owner of the address follows the verification link.
 * - account_tokens: single-use, expiring tokens sent by e-mail, stored as SHA-256 hashes only.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
CREATE TABLE account_tokens (
  token_hash  text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id     char(24) NOT NULL REFERENCES users(id),
  purpose     text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  email       text NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose, created_at DESC);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
DROP TABLE IF EXISTS account_tokens;
ALTER TABLE users DROP COLUMN IF EXISTS email_verified_at;
`)
    .execute(db);
}
