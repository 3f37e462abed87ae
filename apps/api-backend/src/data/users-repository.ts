/**
 * Users: customers, experts (linked to an `experts` row) and admins. Emails are stored lowercased.
 */
import type { Role } from '@lumira/shared';
import { sql } from 'kysely';
import type { Db } from './db';
import { newId } from './ids';
import type { UserRow } from './schema';

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  expertId: string | null;
  createdAt: Date;
};
export type UserWithPassword = User & { passwordHash: string };

function toUser(row: UserRow): UserWithPassword {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    expertId: row.expert_id,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
  };
}

export function withoutPassword({ passwordHash: _omit, ...user }: UserWithPassword): User {
  return user;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserWithPassword | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? withoutPassword(toUser(row)) : null;
}

export type NewUser = {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  expertId?: string | null;
};

/** Inserts a user; answers null when the email is already taken (unique index), never a raw DB error. */
export async function insertUser(db: Db, user: NewUser): Promise<User | null> {
  const row = await db
    .insertInto('users')
    .values({
      id: newId(),
      email: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      expert_id: user.expertId ?? null,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? withoutPassword(toUser(row)) : null;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Login emails of expert accounts, by expert id. */
export async function findExpertLoginEmails(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('users')
    .select(['expert_id', 'email'])
    .where('role', '=', 'expert')
    .where('expert_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.expert_id!, r.email]));
}

export async function setUserPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}

/** Marks the address verified (when it is still the user's address); answers whether it is. */
export async function markEmailVerified(db: Db, userId: string, email: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ email_verified_at: sql`coalesce(email_verified_at, now())`, updated_at: sql`now()` })
    .where('id', '=', userId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Guest orders (no account) placed with this verified address join the account; answers how many. */
export async function attachGuestOrders(db: Db, userId: string, email: string): Promise<number> {
  const result = await db
    .updateTable('orders')
    .set({ user_id: userId })
    .where('user_id', 'is', null)
    .where(sql<boolean>`lower(customer_email) = ${email.toLowerCase()}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
