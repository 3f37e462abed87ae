import { AppError } from './errors';
import { isOneOf } from './one-of';

export const ORDER_STATUSES = [
  'pending_payment',
  'requires_action',
  'payment_failed',
  'paid',
  'in_session',
  'completed',
  'interrupted',
  'no_show_customer',
  'no_show_expert',
  'cancelled',
  'expired',
  'partially_refunded',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const isOrderStatus = isOneOf(ORDER_STATUSES);

/**
 * Who or what makes a transition happen.
 * - customer / expert / admin: a person acting through the API;
 * - provider_event: the payment provider's truth (a webhook, or the browser return path, both of
 *   which re-read the PaymentIntent / Refund and apply ITS status);
 * - reconciliation: the background sweeper (expiry of unpaid orders, missed webhooks).
 */
export const TRANSITION_CAUSES = ['customer', 'expert', 'admin', 'provider_event', 'reconciliation'] as const;
export type TransitionCause = (typeof TRANSITION_CAUSES)[number];

export const isTransitionCause = isOneOf(TRANSITION_CAUSES);

/** Causes allowed to apply a payment outcome reported by the provider. */
export const PROVIDER_CAUSES = [
  'provider_event',
  'reconciliation',
] as const satisfies readonly TransitionCause[];
/** Causes allowed to record money going back to the customer (refund succeeded / admin refund). */
export const REFUND_CAUSES = [
  'admin',
  'provider_event',
  'reconciliation',
] as const satisfies readonly TransitionCause[];

type TransitionTable = {
  readonly [F in OrderStatus]: { readonly [T in OrderStatus]?: readonly TransitionCause[] };
};

/**
 * THE transition table: `TRANSITIONS[from][to]` lists the causes allowed to move an order from
 * `from` to `to`. A pair that is absent is forbidden for every cause. `from === to` is never in the
 * table except `partially_refunded -> partially_refunded` (a further partial refund); any other
 * same-status "transition" is a no-op the caller detects (no error, no history entry).
 *
 * Rules encoded here (see packages/shared/README.md and docs/decisions/0003, 0005):
 * - payment outcomes (requires_action, paid, payment_failed) only come from the provider or
 *   reconciliation, never from a person;
 * - nothing at or after `paid` goes back to pending_payment / requires_action / payment_failed, so a
 *   late or out-of-order provider event can never move an order backwards;
 * - a payment that succeeds on an order already `expired` or `cancelled` (before payment) still moves
 *   it to `paid` (provider/reconciliation only): the money was taken and must be visible and refundable;
 * - refund states are reached only from states where money was taken and the outcome is settled;
 * - `refunded` is terminal.
 */
export const TRANSITIONS: TransitionTable = Object.freeze({
  pending_payment: {
    requires_action: PROVIDER_CAUSES,
    paid: PROVIDER_CAUSES,
    payment_failed: PROVIDER_CAUSES,
    cancelled: ['customer', 'admin'],
    expired: ['reconciliation'],
  },
  requires_action: {
    paid: PROVIDER_CAUSES,
    payment_failed: PROVIDER_CAUSES,
    cancelled: ['customer', 'admin'],
    expired: ['reconciliation'],
  },
  payment_failed: {
    pending_payment: ['customer', 'provider_event', 'reconciliation'],
    requires_action: PROVIDER_CAUSES,
    paid: PROVIDER_CAUSES,
    cancelled: ['customer', 'admin'],
    expired: ['reconciliation'],
  },
  paid: {
    in_session: ['expert', 'admin'],
    no_show_customer: ['expert', 'admin'],
    no_show_expert: ['expert', 'admin', 'reconciliation'],
    cancelled: ['customer', 'expert', 'admin'],
    refunded: REFUND_CAUSES,
  },
  in_session: {
    completed: ['expert', 'admin'],
    interrupted: ['expert', 'admin'],
    no_show_customer: ['expert', 'admin'],
  },
  completed: {
    partially_refunded: REFUND_CAUSES,
    refunded: REFUND_CAUSES,
  },
  interrupted: {
    partially_refunded: REFUND_CAUSES,
    refunded: REFUND_CAUSES,
  },
  no_show_customer: {
    partially_refunded: REFUND_CAUSES,
    refunded: REFUND_CAUSES,
  },
  no_show_expert: {
    partially_refunded: REFUND_CAUSES,
    refunded: REFUND_CAUSES,
  },
  cancelled: {
    paid: PROVIDER_CAUSES,
    partially_refunded: REFUND_CAUSES,
    refunded: REFUND_CAUSES,
  },
  expired: {
    paid: PROVIDER_CAUSES,
  },
  partially_refunded: {
    partially_refunded: REFUND_CAUSES,
    refunded: REFUND_CAUSES,
  },
  refunded: {},
});

export type Transition = { from: OrderStatus; to: OrderStatus; causes: readonly TransitionCause[] };

/** Every allowed (from, to) pair with its causes, flattened from TRANSITIONS. */
export const ALLOWED_TRANSITIONS: readonly Transition[] = Object.freeze(
  ORDER_STATUSES.flatMap((from) =>
    ORDER_STATUSES.flatMap((to) => {
      const causes = TRANSITIONS[from][to];
      return causes && causes.length > 0 ? [{ from, to, causes }] : [];
    }),
  ),
);

export function canTransition(from: OrderStatus, to: OrderStatus, cause: TransitionCause): boolean {
  return TRANSITIONS[from]?.[to]?.includes(cause) ?? false;
}

/** The statuses `cause` may move an order to from `from`. */
export function nextStatuses(from: OrderStatus, cause: TransitionCause): OrderStatus[] {
  return ORDER_STATUSES.filter((to) => canTransition(from, to, cause));
}

export class InvalidTransitionError extends AppError {
  override readonly name = 'InvalidTransitionError';
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly transitionCause: TransitionCause;

  constructor(from: OrderStatus, to: OrderStatus, cause: TransitionCause) {
    super('INVALID_TRANSITION', `Order cannot move from ${from} to ${to} (cause: ${cause})`, {
      from,
      to,
      cause,
    });
    this.from = from;
    this.to = to;
    this.transitionCause = cause;
  }
}

/** Throws InvalidTransitionError unless the table allows `cause` to move `from` -> `to`. */
export function assertTransition(from: OrderStatus, to: OrderStatus, cause: TransitionCause): void {
  if (!canTransition(from, to, cause)) throw new InvalidTransitionError(from, to, cause);
}

/** Terminal: no transition leaves this status, for any cause. */
export function isTerminal(status: OrderStatus): boolean {
  return ALLOWED_TRANSITIONS.every((t) => t.from !== status);
}

export const TERMINAL_STATUSES: readonly OrderStatus[] = Object.freeze(ORDER_STATUSES.filter(isTerminal));

/** Before payment: the customer can (re)try paying. */
export const PAYABLE_STATUSES = [
  'pending_payment',
  'requires_action',
  'payment_failed',
] as const satisfies readonly OrderStatus[];
export function isPayable(status: OrderStatus): boolean {
  return (PAYABLE_STATUSES as readonly OrderStatus[]).includes(status);
}

/**
 * Orders that still occupy an expert (count towards `openOrders` in expert assignment):
 * awaiting payment or paid and not yet finished.
 */
export const OPEN_ORDER_STATUSES = [
  'pending_payment',
  'requires_action',
  'payment_failed',
  'paid',
  'in_session',
] as const satisfies readonly OrderStatus[];
export function isOpenOrder(status: OrderStatus): boolean {
  return (OPEN_ORDER_STATUSES as readonly OrderStatus[]).includes(status);
}

/** Statuses the customer may cancel from (derived from the table). */
export function isCancellableBy(status: OrderStatus, cause: TransitionCause): boolean {
  return canTransition(status, 'cancelled', cause);
}
