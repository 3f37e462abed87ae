/**
 * The payments half's view of the schema: D1's `Database` plus the columns added by migration 0002.
 * Only the payments repositories use it (`asPaymentsDb`); the runtime object is the same Kysely instance.
 */
import type { Kysely } from 'kysely';
import type { Database, OrdersTable, RefundsTable } from './schema';

export interface PaymentsDatabase extends Omit<Database, 'orders' | 'refunds'> {
  orders: OrdersTable & { proposed_refund_amount: number | null };
  refunds: RefundsTable & { retry_of: string | null };
}

export type Db = Kysely<Database>;
export type PaymentsDb = Kysely<PaymentsDatabase>;

export function asPaymentsDb(db: Kysely<Database> | Kysely<PaymentsDatabase>): PaymentsDb {
  return db as unknown as PaymentsDb;
}
