/**
 * Single-use, expiring tokens sent by e-mail (address verification, password reset), stored as SHA-256
 * hashes only (0042). `consumeAccountToken` marks a token used in the caller's transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

type AnyDb = Kysely<Database>;
export type AccountTokenPurpose = 'verify_email' | 'reset_password';

export function hashAccountToken(token: string): string {
  return createHash('sha256').update(`lumira-account-token:${token}`).digest('hex');
}

/** Creates a token and answers it in clear (the only time it exists in clear). */
export async function createAccountToken(
  db: AnyDb,
  input: { userId: string; purpose: AccountTokenPurpose; email: string; expiresAt: Date },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('account_tokens')
    .values({
      token_hash: hashAccountToken(token),
      user_id: input.userId,
      purpose: input.purpose,
      email: input.email,
      expires_at: input.expiresAt,
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * Marks the token used and answers its user and address, or null when it is unknown, of another
 * purpose, expired or already used. Concurrent uses: exactly one wins (conditional UPDATE).
 */
export async function consumeAccountToken(
  db: AnyDb,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<{ userId: string; email: string } | null> {
  if (token.length < 20 || token.length > 100) return null;
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', hashAccountToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['user_id', 'email'])
    .executeTakeFirst();
  return row ? { userId: String(row.user_id), email: row.email } : null;
}

/** Voids the user's other unused tokens of that purpose (a new reset link cancels the older ones). */
export async function revokeAccountTokens(
  db: AnyDb,
  userId: string,
  purpose: AccountTokenPurpose,
): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
