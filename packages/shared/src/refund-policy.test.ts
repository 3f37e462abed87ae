import { describe, expect, it } from 'vitest';
import { type Money, money } from './money';
import type { OrderStatus, TransitionCause } from './order-status';
import {
  type ComputeRefundOptions,
  computeRefund,
  DEFAULT_REFUND_POLICY,
  getRefundPolicy,
  REFUND_POLICY_VERSION,
  RefundPolicyError,
  type RefundReason,
  type SessionFacts,
  usedMinutes,
} from './refund-policy';

const eur = (amount: number): Money => money(amount, 'EUR');
const START = new Date('2026-11-26T10:00:00.000Z');
const at = (minutes: number, seconds = 0, ms = 0) =>
  new Date(START.getTime() + minutes * 60_000 + seconds * 1000 + ms);

type Case = {
  name: string;
  status: OrderStatus;
  actor: TransitionCause;
  paid?: number;
  refunded?: number;
  duration?: number;
  session?: SessionFacts;
  now?: Date;
  expected: [number, RefundReason];
};

function run(
  c: Omit<Case, 'name' | 'expected'> & { requested?: number; policy?: ComputeRefundOptions['policy'] },
) {
  return computeRefund({
    policy: c.policy ?? DEFAULT_REFUND_POLICY,
    order: {
      status: c.status,
      paid: eur(c.paid ?? 7900),
      refunded: eur(c.refunded ?? 0),
      durationMinutes: c.duration ?? 60,
    },
    session: c.session ?? {},
    now: c.now ?? at(500),
    actor: c.actor,
    ...(c.requested === undefined ? {} : { requestedAmount: eur(c.requested) }),
  });
}

const interrupted = (usedEnd: Date): SessionFacts => ({
  startedAt: START,
  endedAt: usedEnd,
  endReason: 'interrupted',
});

const CASES: Case[] = [
  // cancellation before the session
  {
    name: 'customer cancels a paid order before the session',
    status: 'paid',
    actor: 'customer',
    expected: [7900, 'customer_cancelled_before_session'],
  },
  {
    name: 'customer cancels an unpaid order: nothing to refund',
    status: 'pending_payment',
    actor: 'customer',
    paid: 0,
    expected: [0, 'customer_cancelled_before_session'],
  },
  {
    name: 'customer cancels after a 2000 partial refund',
    status: 'paid',
    actor: 'customer',
    refunded: 2000,
    expected: [5900, 'customer_cancelled_before_session'],
  },
  { name: 'expert cancels', status: 'paid', actor: 'expert', expected: [7900, 'expert_cancelled'] },
  {
    name: 'expert cancelled (status already cancelled)',
    status: 'cancelled',
    actor: 'expert',
    expected: [7900, 'expert_cancelled'],
  },
  { name: 'admin cancels', status: 'paid', actor: 'admin', expected: [7900, 'admin_cancelled'] },
  {
    name: 'late payment on an expired order (provider event)',
    status: 'paid',
    actor: 'provider_event',
    expected: [7900, 'payment_after_order_closed'],
  },
  {
    name: 'late payment on an expired order (reconciliation)',
    status: 'expired',
    actor: 'reconciliation',
    expected: [7900, 'payment_after_order_closed'],
  },
  // no-shows
  {
    name: 'expert no-show (status)',
    status: 'no_show_expert',
    actor: 'admin',
    expected: [7900, 'expert_no_show'],
  },
  {
    name: 'expert no-show (session fact, before the status moves)',
    status: 'paid',
    actor: 'expert',
    session: { noShow: 'expert' },
    expected: [7900, 'expert_no_show'],
  },
  {
    name: 'expert no-show after a partial refund',
    status: 'no_show_expert',
    actor: 'reconciliation',
    refunded: 900,
    expected: [7000, 'expert_no_show'],
  },
  {
    name: 'customer no-show (status)',
    status: 'no_show_customer',
    actor: 'expert',
    expected: [0, 'customer_no_show'],
  },
  {
    name: 'customer no-show (session fact)',
    status: 'in_session',
    actor: 'expert',
    session: { startedAt: START, noShow: 'customer' },
    expected: [0, 'customer_no_show'],
  },
  // completed
  {
    name: 'session completed (status)',
    status: 'completed',
    actor: 'customer',
    session: { startedAt: START, endedAt: at(60) },
    expected: [0, 'session_completed'],
  },
  {
    name: 'session completed (end reason)',
    status: 'in_session',
    actor: 'expert',
    session: { startedAt: START, endedAt: at(60), endReason: 'completed' },
    expected: [0, 'session_completed'],
  },
  // interrupted: pro-rata of unused whole minutes, rounded down to the cent
  {
    name: 'interrupted, 0 minutes used (ended at start)',
    status: 'interrupted',
    actor: 'expert',
    session: interrupted(at(0)),
    expected: [7900, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, 1 ms used counts as 1 minute',
    status: 'interrupted',
    actor: 'expert',
    session: interrupted(at(0, 0, 1)),
    expected: [7768, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, exactly 1 minute used',
    status: 'interrupted',
    actor: 'expert',
    session: interrupted(at(1)),
    expected: [7768, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, 29 min 30 s used counts as 30',
    status: 'interrupted',
    actor: 'expert',
    session: interrupted(at(29, 30)),
    expected: [3950, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, 30 minutes used',
    status: 'interrupted',
    actor: 'admin',
    session: interrupted(at(30)),
    expected: [3950, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, 59 min 1 s used counts as 60: nothing left',
    status: 'interrupted',
    actor: 'expert',
    session: interrupted(at(59, 1)),
    expected: [0, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, all 60 minutes used',
    status: 'interrupted',
    actor: 'expert',
    session: interrupted(at(60)),
    expected: [0, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, more than the duration used',
    status: 'interrupted',
    actor: 'expert',
    session: interrupted(at(95)),
    expected: [0, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, end before start (clock skew) counts 0 used',
    status: 'interrupted',
    actor: 'expert',
    session: interrupted(at(-3)),
    expected: [7900, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, no end time: uses now',
    status: 'in_session',
    actor: 'expert',
    session: { startedAt: START, endReason: 'interrupted' },
    now: at(45),
    expected: [1975, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, never started: full refund',
    status: 'interrupted',
    actor: 'admin',
    session: { endReason: 'interrupted' },
    expected: [7900, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted basic 2900/30, 1 minute used: 2803.33 -> 2803',
    status: 'interrupted',
    actor: 'expert',
    paid: 2900,
    duration: 30,
    session: interrupted(at(1)),
    expected: [2803, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted vip 14900/120, 1 minute used: 14775.83 -> 14775',
    status: 'interrupted',
    actor: 'expert',
    paid: 14900,
    duration: 120,
    session: interrupted(at(1)),
    expected: [14775, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, 30 used (3950 owed), already refunded 5000: nothing more',
    status: 'partially_refunded',
    actor: 'admin',
    refunded: 5000,
    session: interrupted(at(30)),
    expected: [0, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, 30 used (3950 owed), already refunded 3000: the 950 still owed',
    status: 'partially_refunded',
    actor: 'admin',
    refunded: 3000,
    session: interrupted(at(30)),
    expected: [950, 'session_interrupted_prorata'],
  },
  {
    name: 'interrupted, 30 used (3950 owed), already refunded exactly 3950: asking again gives nothing',
    status: 'partially_refunded',
    actor: 'admin',
    refunded: 3950,
    session: interrupted(at(30)),
    expected: [0, 'session_interrupted_prorata'],
  },
  // nothing left
  {
    name: 'zero remaining: customer cancel gives 0',
    status: 'cancelled',
    actor: 'customer',
    refunded: 7900,
    expected: [0, 'customer_cancelled_before_session'],
  },
  {
    name: 'refunded more than paid (bad data) never goes negative',
    status: 'refunded',
    actor: 'expert',
    refunded: 9000,
    expected: [0, 'expert_cancelled'],
  },
];

describe('computeRefund: policy table', () => {
  it.each(CASES)('$name -> $expected', (c) => {
    const result = run(c);
    expect(result).toEqual({ amount: eur(c.expected[0]), reason: c.expected[1] });
  });

  it('never refunds more than paid minus already refunded, never negative', () => {
    for (const c of CASES) {
      const { amount } = run(c);
      const remaining = Math.max(0, (c.paid ?? 7900) - Math.min(c.refunded ?? 0, c.paid ?? 7900));
      expect(amount.amount, c.name).toBeGreaterThanOrEqual(0);
      expect(amount.amount, c.name).toBeLessThanOrEqual(remaining);
      expect(Number.isInteger(amount.amount)).toBe(true);
    }
  });
});

describe('computeRefund: admin chosen amount', () => {
  it.each([
    ['completed session, 1000 of 7900', 'completed', 0, 1000, 1000],
    ['customer no-show, the whole amount', 'no_show_customer', 0, 7900, 7900],
    ['exactly the remaining cap after a partial refund', 'partially_refunded', 2900, 5000, 5000],
    ['a paid order', 'paid', 0, 1, 1],
  ] as const)('%s', (_name, status, refunded, requested, expected) => {
    expect(run({ status, actor: 'admin', refunded, requested })).toEqual({
      amount: eur(expected),
      reason: 'admin_discretion',
    });
  });

  function expectError(fn: () => unknown, code: string, details?: unknown) {
    let thrown: unknown;
    try {
      fn();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RefundPolicyError);
    expect((thrown as RefundPolicyError).code).toBe(code);
    if (details !== undefined) expect((thrown as RefundPolicyError).details).toEqual(details);
  }

  it('an amount above the cap is a typed error naming the cap (never silently capped)', () => {
    expectError(
      () => run({ status: 'completed', actor: 'admin', requested: 7901 }),
      'REFUND_AMOUNT_EXCEEDS_CAP',
      {
        requested: 7901,
        cap: 7900,
      },
    );
    expectError(
      () => run({ status: 'partially_refunded', actor: 'admin', refunded: 2900, requested: 5001 }),
      'REFUND_AMOUNT_EXCEEDS_CAP',
      { requested: 5001, cap: 5000 },
    );
  });

  it('zero remaining: refund not allowed', () => {
    expectError(
      () => run({ status: 'refunded', actor: 'admin', refunded: 7900, requested: 1 }),
      'REFUND_NOT_ALLOWED',
    );
  });

  it('an unpaid order cannot be refunded', () => {
    expectError(
      () => run({ status: 'pending_payment', actor: 'admin', paid: 0, requested: 100 }),
      'REFUND_NOT_ALLOWED',
    );
    expectError(
      () => run({ status: 'payment_failed', actor: 'admin', requested: 100 }),
      'REFUND_NOT_ALLOWED',
    );
  });

  it('zero, or another currency, is invalid; only an admin may choose an amount', () => {
    expectError(() => run({ status: 'completed', actor: 'admin', requested: 0 }), 'VALIDATION_FAILED');
    expectError(
      () =>
        computeRefund({
          policy: DEFAULT_REFUND_POLICY,
          order: { status: 'completed', paid: eur(7900), refunded: eur(0), durationMinutes: 60 },
          session: {},
          now: START,
          actor: 'admin',
          requestedAmount: { amount: 100, currency: 'USD' } as unknown as Money,
        }),
      'VALIDATION_FAILED',
    );
    expectError(() => run({ status: 'completed', actor: 'customer', requested: 100 }), 'FORBIDDEN');
    expectError(() => run({ status: 'completed', actor: 'expert', requested: 100 }), 'FORBIDDEN');
  });
});

describe('computeRefund: undecidable cases', () => {
  it('a session in progress has no refund until it ends', () => {
    expect(() => run({ status: 'in_session', actor: 'customer', session: { startedAt: START } })).toThrow(
      RefundPolicyError,
    );
    expect(() => run({ status: 'in_session', actor: 'admin', session: { startedAt: START } })).toThrow(
      /session is in progress/,
    );
  });

  it('an interrupted session needs a positive duration', () => {
    expect(() =>
      run({ status: 'interrupted', actor: 'expert', duration: 0, session: interrupted(at(1)) }),
    ).toThrow(RefundPolicyError);
  });
});

describe('policy snapshot', () => {
  it('has a version id, and the stored version resolves to the same rules', () => {
    expect(DEFAULT_REFUND_POLICY.version).toBe(REFUND_POLICY_VERSION);
    expect(getRefundPolicy(REFUND_POLICY_VERSION)).toBe(DEFAULT_REFUND_POLICY);
    expect(() => getRefundPolicy('refund-policy-unknown')).toThrow(/Unknown refund policy version/);
  });

  it("computes with the snapshot stored on the order, not today's policy", () => {
    const older = { ...DEFAULT_REFUND_POLICY, version: 'test-older', customerCancelBeforeSessionPercent: 50 };
    expect(run({ status: 'paid', actor: 'customer', policy: older })).toEqual({
      amount: eur(3950),
      reason: 'customer_cancelled_before_session',
    });
  });
});

describe('usedMinutes', () => {
  it.each([
    ['not started', {}, 0],
    ['0 ms', { startedAt: START, endedAt: at(0) }, 0],
    ['1 ms', { startedAt: START, endedAt: at(0, 0, 1) }, 1],
    ['59.999 s', { startedAt: START, endedAt: at(0, 59, 999) }, 1],
    ['60 s', { startedAt: START, endedAt: at(1) }, 1],
    ['60.001 s', { startedAt: START, endedAt: at(1, 0, 1) }, 2],
    ['negative', { startedAt: START, endedAt: at(-1) }, 0],
    ['no end: now', { startedAt: START }, 500],
  ] as const)('%s -> %d', (_name, session, expected) => {
    expect(usedMinutes(session, at(500))).toBe(expected);
  });
});
