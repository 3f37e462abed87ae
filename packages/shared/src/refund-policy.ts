import { AppError } from './errors';
import { type Money, minMoney, money, percentOfMoney, prorateMoney, subtractMoney } from './money';
import type { OrderStatus, TransitionCause } from './order-status';

/** The version id of the current refund policy; stored on every order at purchase. */
export const REFUND_POLICY_VERSION = 'refund-policy-2026-11-v1';

/**
 * The policy as it stood when the order was bought. Percentages are integers 0..100 applied to
 * the amount paid and rounded down to the cent.
 */
export type RefundPolicySnapshot = {
  version: string;
  customerCancelBeforeSessionPercent: number;
  expertCancelPercent: number;
  expertNoShowPercent: number;
  customerNoShowPercent: number;
  completedPercent: number;
  /** interrupted sessions: unused whole minutes / duration, rounded down to the cent */
  interrupted: 'prorata_unused_minutes';
};

export const DEFAULT_REFUND_POLICY: RefundPolicySnapshot = Object.freeze({
  version: REFUND_POLICY_VERSION,
  customerCancelBeforeSessionPercent: 100,
  expertCancelPercent: 100,
  expertNoShowPercent: 100,
  customerNoShowPercent: 0,
  completedPercent: 0,
  interrupted: 'prorata_unused_minutes',
});

/** Every policy version ever shipped, so an order's stored version can be turned back into rules. */
export const REFUND_POLICIES: Readonly<Record<string, RefundPolicySnapshot>> = Object.freeze({
  [REFUND_POLICY_VERSION]: DEFAULT_REFUND_POLICY,
});

/** The snapshot for a stored version id; throws (INTERNAL_ERROR) on an unknown version. */
export function getRefundPolicy(version: string): RefundPolicySnapshot {
  const policy = REFUND_POLICIES[version];
  if (!policy) throw new AppError('INTERNAL_ERROR', `Unknown refund policy version ${version}`);
  return policy;
}

export const REFUND_REASONS = [
  'customer_cancelled_before_session',
  'expert_cancelled',
  'admin_cancelled',
  'expert_no_show',
  'session_interrupted_prorata',
  'customer_no_show',
  'session_completed',
  'admin_discretion',
  'payment_after_order_closed',
] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export type SessionFacts = {
  startedAt?: Date | null;
  endedAt?: Date | null;
  endReason?: 'completed' | 'interrupted' | null;
  noShow?: 'customer' | 'expert' | null;
};

export type ComputeRefundOptions = {
  policy: RefundPolicySnapshot;
  order: { status: OrderStatus; paid: Money; refunded: Money; durationMinutes: number };
  session: SessionFacts;
  now: Date;
  /** who asks: the customer cancelling, the expert cancelling/ending, an admin, or the system */
  actor: TransitionCause;
  /** an admin's chosen amount (admin only); must be > 0 and <= paid - refunded */
  requestedAmount?: Money;
};

export type RefundDecision = { amount: Money; reason: RefundReason };

export type RefundPolicyErrorCode =
  | 'REFUND_NOT_ALLOWED'
  | 'REFUND_AMOUNT_EXCEEDS_CAP'
  | 'VALIDATION_FAILED'
  | 'FORBIDDEN';

export class RefundPolicyError extends AppError {
  override readonly name = 'RefundPolicyError';
  declare readonly code: RefundPolicyErrorCode;

  constructor(code: RefundPolicyErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}

const MS_PER_MINUTE = 60_000;
const NO_MONEY_STATUSES: readonly OrderStatus[] = ['pending_payment', 'requires_action', 'payment_failed'];

/**
 * Whole minutes used in a session: a started minute counts as used (ceil), never below 0.
 * Missing start -> 0 minutes used; missing end -> `now`.
 */
export function usedMinutes(session: SessionFacts, now: Date): number {
  if (!session.startedAt) return 0;
  const end = session.endedAt ?? now;
  const elapsedMs = end.getTime() - session.startedAt.getTime();
  if (!(elapsedMs > 0)) return 0;
  return Math.ceil(elapsedMs / MS_PER_MINUTE);
}

/**
 * The refund policy as a pure function. Returns the amount to refund now: what the policy entitles the
 * order to in total, minus what was already refunded (never more than paid - already refunded, never
 * negative) and the reason; throws RefundPolicyError when a refund
 * cannot be decided (session still running) or an admin amount is invalid.
 *
 * Precedence: an admin's requested amount; then session facts and outcome statuses (expert no-show,
 * customer no-show, completed, interrupted); then cancellation before the session by actor.
 */
export function computeRefund(options: ComputeRefundOptions): RefundDecision {
  const { policy, order, session, now, actor, requestedAmount } = options;
  const { paid } = order;
  const refunded = minMoney(order.refunded, paid);
  const remaining = subtractMoney(paid, refunded);
  // The policy says what the order is owed IN TOTAL: what was already refunded (or is pending) counts
  // against it, so asking the policy twice never pays twice. Never more than what remains.
  const capped = (entitled: Money, reason: RefundReason): RefundDecision => {
    const owed =
      entitled.amount > refunded.amount ? subtractMoney(entitled, refunded) : money(0, paid.currency);
    return { amount: minMoney(owed, remaining), reason };
  };

  if (requestedAmount !== undefined) {
    if (actor !== 'admin') {
      throw new RefundPolicyError('FORBIDDEN', 'Only an admin may request a refund amount');
    }
    if (requestedAmount.currency !== paid.currency || requestedAmount.amount <= 0) {
      throw new RefundPolicyError(
        'VALIDATION_FAILED',
        'Requested refund must be a positive amount in the order currency',
        {
          requested: requestedAmount,
        },
      );
    }
    if (NO_MONEY_STATUSES.includes(order.status) || remaining.amount === 0) {
      throw new RefundPolicyError('REFUND_NOT_ALLOWED', 'Nothing left to refund on this order', {
        remaining: remaining.amount,
      });
    }
    if (requestedAmount.amount > remaining.amount) {
      throw new RefundPolicyError(
        'REFUND_AMOUNT_EXCEEDS_CAP',
        'Requested refund exceeds paid minus already refunded',
        {
          requested: requestedAmount.amount,
          cap: remaining.amount,
        },
      );
    }
    return { amount: money(requestedAmount.amount, paid.currency), reason: 'admin_discretion' };
  }

  if (session.noShow === 'expert' || order.status === 'no_show_expert') {
    return capped(percentOfMoney(paid, policy.expertNoShowPercent), 'expert_no_show');
  }
  if (session.noShow === 'customer' || order.status === 'no_show_customer') {
    return capped(percentOfMoney(paid, policy.customerNoShowPercent), 'customer_no_show');
  }
  if (session.endReason === 'completed' || order.status === 'completed') {
    return capped(percentOfMoney(paid, policy.completedPercent), 'session_completed');
  }
  if (session.endReason === 'interrupted' || order.status === 'interrupted') {
    const duration = order.durationMinutes;
    if (!Number.isSafeInteger(duration) || duration <= 0) {
      throw new RefundPolicyError(
        'VALIDATION_FAILED',
        'Order duration must be a positive whole number of minutes',
      );
    }
    const unused = Math.max(0, duration - usedMinutes(session, now));
    return capped(prorateMoney(paid, unused, duration), 'session_interrupted_prorata');
  }
  if (order.status === 'in_session' || (session.startedAt && !session.endedAt)) {
    throw new RefundPolicyError('REFUND_NOT_ALLOWED', 'The session is in progress: end it before refunding');
  }

  // No session took place: cancellation (or a payment that landed on a closed order).
  switch (actor) {
    case 'customer':
      return capped(
        percentOfMoney(paid, policy.customerCancelBeforeSessionPercent),
        'customer_cancelled_before_session',
      );
    case 'expert':
      return capped(percentOfMoney(paid, policy.expertCancelPercent), 'expert_cancelled');
    case 'admin':
      return capped(percentOfMoney(paid, policy.expertCancelPercent), 'admin_cancelled');
    case 'provider_event':
    case 'reconciliation':
      return capped(paid, 'payment_after_order_closed');
  }
}
