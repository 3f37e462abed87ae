import { describe, expect, it } from 'vitest';
import { AppError, ERROR_HTTP_STATUS } from './errors';
import {
  ALLOWED_TRANSITIONS,
  assertTransition,
  canTransition,
  InvalidTransitionError,
  isCancellableBy,
  isTerminal,
  nextStatuses,
  ORDER_STATUSES,
  type OrderStatus,
  TERMINAL_STATUSES,
  TRANSITION_CAUSES,
  type TransitionCause,
} from './order-status';

const P = ['provider_event', 'reconciliation'] as const;
const R = ['admin', 'provider_event', 'reconciliation'] as const;

/** The expected table, written out by hand: the code's table must equal it exactly. */
const EXPECTED: [OrderStatus, OrderStatus, readonly TransitionCause[]][] = [
  ['pending_payment', 'requires_action', P],
  ['pending_payment', 'paid', P],
  ['pending_payment', 'payment_failed', P],
  ['pending_payment', 'cancelled', ['customer', 'admin']],
  ['pending_payment', 'expired', ['reconciliation']],
  ['requires_action', 'paid', P],
  ['requires_action', 'payment_failed', P],
  ['requires_action', 'cancelled', ['customer', 'admin']],
  ['requires_action', 'expired', ['reconciliation']],
  ['payment_failed', 'pending_payment', ['customer', 'provider_event', 'reconciliation']],
  ['payment_failed', 'requires_action', P],
  ['payment_failed', 'paid', P],
  ['payment_failed', 'cancelled', ['customer', 'admin']],
  ['payment_failed', 'expired', ['reconciliation']],
  ['paid', 'in_session', ['expert', 'admin']],
  ['paid', 'no_show_customer', ['expert', 'admin']],
  ['paid', 'no_show_expert', ['expert', 'admin', 'reconciliation']],
  ['paid', 'cancelled', ['customer', 'expert', 'admin']],
  ['paid', 'refunded', R],
  ['in_session', 'completed', ['expert', 'admin']],
  ['in_session', 'interrupted', ['expert', 'admin']],
  ['in_session', 'no_show_customer', ['expert', 'admin']],
  ['completed', 'partially_refunded', R],
  ['completed', 'refunded', R],
  ['interrupted', 'partially_refunded', R],
  ['interrupted', 'refunded', R],
  ['no_show_customer', 'partially_refunded', R],
  ['no_show_customer', 'refunded', R],
  ['no_show_expert', 'partially_refunded', R],
  ['no_show_expert', 'refunded', R],
  ['cancelled', 'paid', P],
  ['cancelled', 'partially_refunded', R],
  ['cancelled', 'refunded', R],
  ['expired', 'paid', P],
  ['partially_refunded', 'partially_refunded', R],
  ['partially_refunded', 'refunded', R],
];

const key = (from: string, to: string, cause: string) => `${from} -> ${to} by ${cause}`;
const expectedAllowed = new Set(
  EXPECTED.flatMap(([from, to, causes]) => causes.map((c) => key(from, to, c))),
);

const allTriples = ORDER_STATUSES.flatMap((from) =>
  ORDER_STATUSES.flatMap((to) => TRANSITION_CAUSES.map((cause) => [from, to, cause] as const)),
);
const allowedTriples = allTriples.filter(([f, t, c]) => expectedAllowed.has(key(f, t, c)));
const forbiddenTriples = allTriples.filter(([f, t, c]) => !expectedAllowed.has(key(f, t, c)));

describe('the transition table', () => {
  it('equals the expected list exactly (pairs and causes)', () => {
    const flatten = (rows: [string, string, readonly string[]][]) =>
      rows.map(([from, to, causes]) => `${from} -> ${to}: ${[...causes].sort().join(',')}`).sort();
    const actual = flatten(ALLOWED_TRANSITIONS.map((t) => [t.from, t.to, t.causes]));
    expect(actual).toEqual(flatten(EXPECTED));
    expect(actual).toHaveLength(EXPECTED.length);
  });

  it('covers every status as a source or a target', () => {
    for (const status of ORDER_STATUSES) {
      expect(
        ALLOWED_TRANSITIONS.some((t) => t.from === status || t.to === status),
        status,
      ).toBe(true);
    }
  });

  it('splits all 13 x 13 x 5 triples into allowed and forbidden', () => {
    expect(allTriples).toHaveLength(13 * 13 * 5);
    expect(allowedTriples.length).toBe(expectedAllowed.size);
    expect(allowedTriples.length + forbiddenTriples.length).toBe(allTriples.length);
  });
});

describe('every allowed transition, per cause', () => {
  it.each(allowedTriples)('%s -> %s by %s is allowed', (from, to, cause) => {
    expect(canTransition(from, to, cause)).toBe(true);
    expect(() => assertTransition(from, to, cause)).not.toThrow();
  });
});

describe('every forbidden transition, per cause', () => {
  it.each(forbiddenTriples)('%s -> %s by %s throws InvalidTransitionError', (from, to, cause) => {
    expect(canTransition(from, to, cause)).toBe(false);
    let thrown: unknown;
    try {
      assertTransition(from, to, cause);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTransitionError);
    const error = thrown as InvalidTransitionError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.status).toBe(ERROR_HTTP_STATUS.INVALID_TRANSITION);
    expect([error.from, error.to, error.transitionCause]).toEqual([from, to, cause]);
    expect(error.details).toEqual({ from, to, cause });
  });
});

describe('invariants', () => {
  const afterPayment: OrderStatus[] = [
    'paid',
    'in_session',
    'completed',
    'interrupted',
    'no_show_customer',
    'no_show_expert',
    'partially_refunded',
    'refunded',
  ];
  const prePayment: OrderStatus[] = ['pending_payment', 'requires_action', 'payment_failed'];

  it('a late provider event never moves a paid (or later) order backwards', () => {
    for (const from of afterPayment) {
      for (const to of prePayment) {
        for (const cause of TRANSITION_CAUSES)
          expect(canTransition(from, to, cause), key(from, to, cause)).toBe(false);
      }
    }
    expect(() => assertTransition('paid', 'requires_action', 'provider_event')).toThrow(
      InvalidTransitionError,
    );
    expect(() => assertTransition('paid', 'payment_failed', 'provider_event')).toThrow(
      InvalidTransitionError,
    );
    expect(() => assertTransition('refunded', 'paid', 'provider_event')).toThrow(InvalidTransitionError);
  });

  it('no person can declare a payment outcome', () => {
    for (const cause of ['customer', 'expert', 'admin'] as const) {
      for (const from of ORDER_STATUSES) {
        for (const to of ['requires_action', 'paid', 'payment_failed'] as const) {
          expect(canTransition(from, to, cause), key(from, to, cause)).toBe(false);
        }
      }
    }
  });

  it('refunded is the only terminal status and stays terminal', () => {
    expect(TERMINAL_STATUSES).toEqual(['refunded']);
    for (const to of ORDER_STATUSES) {
      for (const cause of TRANSITION_CAUSES) expect(canTransition('refunded', to, cause)).toBe(false);
    }
    expect(isTerminal('refunded')).toBe(true);
    expect(isTerminal('expired')).toBe(false);
  });

  it('expired and cancelled orders can only be reopened by a payment the provider reports', () => {
    expect(nextStatuses('expired', 'provider_event')).toEqual(['paid']);
    expect(nextStatuses('expired', 'reconciliation')).toEqual(['paid']);
    for (const cause of ['customer', 'expert', 'admin'] as const)
      expect(nextStatuses('expired', cause)).toEqual([]);
    expect(nextStatuses('cancelled', 'customer')).toEqual([]);
  });

  it('payment_failed is retryable back to pending_payment, requires_action and paid', () => {
    expect(nextStatuses('payment_failed', 'provider_event')).toEqual([
      'pending_payment',
      'requires_action',
      'paid',
    ]);
    expect(nextStatuses('payment_failed', 'customer')).toEqual(['pending_payment', 'cancelled']);
  });

  it('the only self-transition is a further partial refund', () => {
    const selfLoops = ALLOWED_TRANSITIONS.filter((t) => t.from === t.to).map((t) => t.from);
    expect(selfLoops).toEqual(['partially_refunded']);
  });

  it('a customer may cancel only before the session starts', () => {
    expect(ORDER_STATUSES.filter((s) => isCancellableBy(s, 'customer'))).toEqual([
      'pending_payment',
      'requires_action',
      'payment_failed',
      'paid',
    ]);
  });

  it('the happy path is allowed in order', () => {
    const path: [OrderStatus, OrderStatus, TransitionCause][] = [
      ['pending_payment', 'requires_action', 'provider_event'],
      ['requires_action', 'paid', 'provider_event'],
      ['paid', 'in_session', 'expert'],
      ['in_session', 'completed', 'expert'],
    ];
    for (const [from, to, cause] of path) expect(() => assertTransition(from, to, cause)).not.toThrow();
  });
});
