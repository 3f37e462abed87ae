/**
 * The checkout's data access (POST /api/payments/create-payment-intent): two statements, one round trip
 * each, inside the caller's transaction (decision 0089). What used to be nine statements (claim, lock,
 * count, tier, experts, open counts, expert lock, order, history) is the same work in two:
 *
 *   1. `openCheckout`: claim the client's Idempotency-Key, then take the customer's transaction lock
 *      (the claim comes first, as before: two checkouts of one key never wait on each other in the other
 *      order), and read the tier and every expert with their open-order count (counters of 0020);
 *   2. `placeCheckoutOrder`: under that lock, count the customer's unpaid orders (a statement of its own,
 *      so its snapshot is taken after the lock was granted), lock the chosen expert's row FOR SHARE and
 *      insert the order and its first history entry only when the count is under the cap and the expert,
 *      as locked (its newest version), is still active, online and offers the tier.
 * The open-order counts per expert come from the counters of migration 0020 (`order_counts`).
 */
import { isTierId, type OrderStatus, type ServiceTier, type TierId } from '@lumira/shared';
import { sql } from 'kysely';
import type { Order } from '../domain/orders/order';
import { type Db, preparedStatement } from './db';
import { type NewOrder, orderColumns, toOrder } from './orders-repository';
import type { OrderRow, ServiceTierRow } from './schema';
import { toTier } from './service-tiers-repository';

/** An expert as the assignment rule sees it (ExpertCandidate). */
export type CheckoutExpert = {
  id: string;
  name: string;
  tiers: TierId[];
  active: boolean;
  online: boolean;
  openOrders: number;
};

export type CheckoutOpening = {
  /** false: the Idempotency-Key was already claimed (read its record with `findIdempotencyRecord`). */
  claimed: boolean;
  tier: ServiceTier | null;
  /** Every expert, by name then id (the order of `listExperts`). */
  experts: CheckoutExpert[];
};

type ExpertJson = {
  id: string;
  name: string;
  tiers: string[];
  active: boolean;
  online: boolean;
  open: number;
};

/** The key under which one customer's checkouts are serialized (an account, else a guest's e-mail). */
function pendingOrdersLockKey(customer: { userId: string | null; email: string }): string {
  return `pending-orders:${customer.userId ? `user:${customer.userId}` : `email:${customer.email.toLowerCase()}`}`;
}

export async function openCheckout(
  trx: Db,
  input: {
    claim: { scope: string; key: string; requestHash: string; response: unknown } | null;
    customer: { userId: string | null; email: string };
    tierId: TierId;
    openStatuses: readonly OrderStatus[];
  },
): Promise<CheckoutOpening> {
  const { claim } = input;
  const { rows } = await sql<{
    claimed: number;
    locked: number;
    tier: ServiceTierRow | null;
    experts: ExpertJson[];
  }>`${preparedStatement('checkout-open')}
    with claim as (
      insert into idempotency_keys (scope, key, request_hash, response)
      select ${claim?.scope ?? ''}, ${claim?.key ?? ''}, ${claim?.requestHash ?? ''},
             ${claim ? JSON.stringify(claim.response) : null}::jsonb
      where ${claim !== null}::boolean
      on conflict (scope, key) do nothing
      returning 1
    ),
    claimed as (select count(*)::int as n from claim),
    locked as (
      select pg_advisory_xact_lock(hashtext(${pendingOrdersLockKey(input.customer)})) from claimed
    ),
    open as (
      select expert_id, sum(n)::int as n from order_counts
      where status = any(${sql.val([...input.openStatuses])}::text[])
      group by expert_id
    )
    select
      (select n from claimed) as claimed,
      (select count(*)::int from locked) as locked,
      (select to_jsonb(t) from service_tiers t where t.id = ${input.tierId}) as tier,
      (select coalesce(jsonb_agg(jsonb_build_object(
                'id', e.id, 'name', e.name, 'tiers', e.tiers, 'active', e.active, 'online', e.online,
                'open', coalesce(o.n, 0)) order by e.name, e.id), '[]'::jsonb)
         from experts e left join open o on o.expert_id = e.id) as experts`.execute(trx);
  const row = rows[0];
  if (row?.locked !== 1) throw new Error('openCheckout: the customer lock was not taken');
  return {
    claimed: claim === null || row.claimed === 1,
    tier: row.tier ? toTier(row.tier) : null,
    experts: row.experts.map((e) => ({
      id: e.id,
      name: e.name,
      tiers: e.tiers.filter(isTierId),
      active: e.active,
      online: e.online,
      openOrders: Number(e.open),
    })),
  };
}

export type CheckoutPlacement = {
  /** The customer's unpaid, unexpired orders before this one. */
  pendingOrders: number;
  /** The chosen expert as locked (newest version), or null when it no longer exists. */
  expert: Omit<CheckoutExpert, 'openOrders'> | null;
  /** The order written, or null when the cap or the expert's state refused it (nothing was written). */
  order: Order | null;
};

type PlacementRow = Partial<OrderRow> & {
  pending_orders: number;
  locked_expert_id: string | null;
  locked_expert_name: string | null;
  locked_expert_tiers: string[] | null;
  locked_expert_active: boolean | null;
  locked_expert_online: boolean | null;
};

export async function placeCheckoutOrder(
  trx: Db,
  input: { order: NewOrder; pendingStatuses: readonly OrderStatus[]; pendingLimit: number },
): Promise<CheckoutPlacement> {
  const { order } = input;
  const customerFilter = order.userId
    ? sql`user_id = ${order.userId}`
    : sql`customer_email = ${order.customerEmail} and user_id is null`;
  const { rows } = await sql<PlacementRow>`${preparedStatement('checkout-place')}
    with pending as (
      select count(*)::int as n from orders
      where status = any(${sql.val([...input.pendingStatuses])}::text[]) and expires_at > now()
        and ${customerFilter}
    ),
    expert as (
      select id, name, tiers, active, online from experts where id = ${order.expertId} for share
    ),
    ins as (
      insert into orders (id, tier_id, tier_name, amount, currency, duration_minutes, refund_policy_version,
                          customer_email, customer_name, user_id, expert_id, access_token_hash, status, expires_at)
      select ${order.id}, ${order.tierId}, ${order.tierName}, ${order.amount.amount}::int,
             ${order.amount.currency}, ${order.durationMinutes}::int, ${order.refundPolicyVersion},
             ${order.customerEmail}, ${order.customerName}::text, ${order.userId}::text, expert.id,
             ${order.accessTokenHash}, ${order.status}, ${order.expiresAt}::timestamptz
      from expert, pending
      where pending.n < ${input.pendingLimit}::int
        and expert.active and expert.online and ${order.tierId}::text = any(expert.tiers)
      returning ${orderColumns()}
    ),
    history as (
      insert into order_events (order_id, from_status, to_status, cause, note)
      select id, null, status, 'customer', 'order created' from ins
    )
    select pending.n as pending_orders,
           expert.id as locked_expert_id, expert.name as locked_expert_name,
           expert.tiers as locked_expert_tiers, expert.active as locked_expert_active,
           expert.online as locked_expert_online, ${orderColumns('ins')}
    from pending left join expert on true left join ins on true`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error('placeCheckoutOrder: no row');
  return {
    pendingOrders: Number(row.pending_orders),
    expert:
      row.locked_expert_id === null
        ? null
        : {
            id: row.locked_expert_id,
            name: row.locked_expert_name ?? '',
            tiers: (row.locked_expert_tiers ?? []).filter(isTierId),
            active: row.locked_expert_active === true,
            online: row.locked_expert_online === true,
          },
    order: row.id ? toOrder(row as OrderRow) : null,
  };
}
