/**
 * Kysely table types: THE one description of the database as the data layer sees it (snake_case
 * columns), covering every migration in `migrations/`. A migration that adds or changes a column updates
 * this file in the same commit. Text columns holding a closed set of values (statuses, causes, tier ids,
 * currencies) are typed with the domain's unions: the migrations' CHECKs and the writers (the transition
 * table, the repositories) keep them in range, so the repositories map rows without casts.
 * Repositories map these rows to domain types; outside `src/data/` only `Db` (`db.ts`) is used.
 */
import type { Currency, OrderStatus, TierId, TransitionCause } from '@lumira/shared';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** timestamptz: read as Date, written as Date or ISO string, defaulted by the database when Generated. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type UserRole = 'customer' | 'expert' | 'admin';
export type RefundRowStatus = 'pending' | 'succeeded' | 'failed';

export interface ExpertsTable {
  id: string;
  name: string;
  bio: ColumnType<string, string | undefined, string>;
  /** Tier ids this expert offers (`basic`, `premium`, `vip`). */
  tiers: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  online: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface UsersTable {
  id: string;
  /** Stored lowercased; unique. */
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  expert_id: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  /** Set when the address owner followed the verification link (0042). */
  email_verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ServiceTiersTable {
  id: string;
  name: string;
  price_amount: number;
  currency: Currency;
  duration_minutes: number;
  features: ColumnType<string[], string, string>;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface OrdersTable {
  id: string;
  /** Priced snapshot, copied from the catalog when the order is created. */
  tier_id: TierId;
  tier_name: string;
  amount: number;
  currency: Currency;
  duration_minutes: number;
  refund_policy_version: string;
  customer_email: string;
  customer_name: string | null;
  user_id: string | null;
  expert_id: string;
  payment_intent_id: string | null;
  /** SHA-256 (hex) of the order access token; the token itself is never stored. */
  access_token_hash: string;
  status: OrderStatus;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  paid_at: Timestamp | null;
  expires_at: Timestamp;
  session_started_at: Timestamp | null;
  session_ended_at: Timestamp | null;
  session_end_reason: string | null;
  notes: string | null;
  refunded_amount: Generated<number>;
  last_payment_error_code: string | null;
  last_payment_error_message: string | null;
  /** Pro-rata refund proposed to the admin after an interrupted session (0002). */
  proposed_refund_amount: ColumnType<number | null, number | null | undefined, number | null>;
  /** When reconciliation last looked at this unpaid order (0011); null: never. */
  reconciled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Append-only (UPDATE and DELETE are refused by a trigger). */
export interface OrderEventsTable {
  id: Generated<string>;
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  cause: TransitionCause;
  note: string | null;
  at: GeneratedTimestamp;
}

/** The webhook inbox: one row per provider event id, written in the same transaction as its effect. */
export interface PaymentEventsTable {
  id: string;
  type: string;
  object_id: string | null;
  order_id: string | null;
  received_at: GeneratedTimestamp;
  processed_at: Timestamp | null;
}

export interface RefundsTable {
  id: string;
  order_id: string;
  stripe_refund_id: string | null;
  amount: number;
  currency: Currency;
  status: RefundRowStatus;
  reason: string;
  idempotency_key: string;
  failure_reason: string | null;
  requested_by: string | null;
  /** A retried failed refund points at the failed one (0002; unique: one retry per refund). */
  retry_of: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  status_code: number | null;
  created_at: GeneratedTimestamp;
}

/** The consultation room's transcript. Append-only (UPDATE and DELETE are refused by a trigger). */
export interface RoomMessagesTable {
  id: Generated<string>;
  order_id: string;
  sender_role: 'customer' | 'expert' | 'system';
  body: string;
  client_message_id: string;
  created_at: GeneratedTimestamp;
}

/** Open room streams (UNLOGGED); a row older than the presence window is ignored. */
export interface RoomPresenceTable {
  connection_id: string;
  order_id: string;
  role: 'customer' | 'expert' | 'admin';
  seen_at: GeneratedTimestamp;
}

/** WebRTC signalling relayed between the two participants (UNLOGGED, pruned). */
export interface RoomSignalsTable {
  id: Generated<string>;
  order_id: string;
  from_role: 'customer' | 'expert';
  payload: ColumnType<unknown, string, string>;
  created_at: GeneratedTimestamp;
}

export type MailStatus = 'pending' | 'sent' | 'failed';

/** The transactional outbox (0040): one row per e-mail. */
export interface MailOutboxTable {
  id: Generated<string>;
  idempotency_key: string;
  kind: string;
  recipient: string;
  order_id: string | null;
  user_id: string | null;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  message_id: string;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: Generated<number>;
  next_attempt_at: GeneratedTimestamp;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
  /** The worker currently sending the row (0043): null when no send is in progress. */
  lease_token: ColumnType<string | null, string | null | undefined, string | null>;
  lease_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** An admin's action on an e-mail (0043), kept as an audit trail. */
export interface MailAdminActionsTable {
  id: Generated<string>;
  mail_id: string;
  admin_user_id: string;
  action: 'requeue';
  outcome: 'requeued' | 'already_queued' | 'already_sent';
  created_at: GeneratedTimestamp;
}

export interface InvoiceCountersTable {
  series: string;
  year: number;
  last_number: number;
}

/** Factures and avoirs (0041); never updated or deleted. */
export interface InvoicesTable {
  id: string;
  kind: 'invoice' | 'credit_note';
  series: string;
  year: number;
  number: number;
  reference: string;
  order_id: string;
  refund_id: string | null;
  corrects_id: string | null;
  total: number;
  currency: string;
  issued_at: Timestamp;
  document: ColumnType<unknown, string, never>;
}

export interface AccountTokensTable {
  token_hash: string;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  email: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

export interface PaymentAnomaliesTable {
  payment_intent_id: string;
  order_id: string;
  reason: 'amount_mismatch' | 'foreign_payment_intent';
  amount: number;
  currency: string;
  status: string;
  refund_id: string | null;
  refund_status: string | null;
  created_at: Generated<Date>;
}

export interface Database {
  payment_anomalies: PaymentAnomaliesTable;
  mail_outbox: MailOutboxTable;
  mail_admin_actions: MailAdminActionsTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
  account_tokens: AccountTokensTable;
  experts: ExpertsTable;
  users: UsersTable;
  service_tiers: ServiceTiersTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  payment_events: PaymentEventsTable;
  refunds: RefundsTable;
  idempotency_keys: IdempotencyKeysTable;
  room_messages: RoomMessagesTable;
  room_presence: RoomPresenceTable;
  room_signals: RoomSignalsTable;
}

export type ExpertRow = Selectable<ExpertsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type ServiceTierRow = Selectable<ServiceTiersTable>;
export type OrderRow = Selectable<OrdersTable>;
export type NewOrderRow = Insertable<OrdersTable>;
export type OrderUpdate = Updateable<OrdersTable>;
export type OrderEventRow = Selectable<OrderEventsTable>;
export type PaymentEventRow = Selectable<PaymentEventsTable>;
export type RefundRow = Selectable<RefundsTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;
