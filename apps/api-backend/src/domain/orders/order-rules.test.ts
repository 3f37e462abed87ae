import { money, REFUND_POLICY_VERSION } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import { resolveTierId } from '../payments/create-payment-intent';
import { hashOrderAccessToken } from '../payments/order-access-token';
import { statusAfterRefund } from '../refunds/apply-refund-outcome';
import { viewerRoleFor } from './get-order-for-viewer';
import type { Order } from './order';
import { cancellationPreview } from './order-view';

const order = (overrides: Partial<Order> = {}): Order => ({
  id: '674123456789abcdef000001',
  tierId: 'premium',
  tierName: 'Consultation Premium',
  amount: money(7900, 'EUR'),
  durationMinutes: 60,
  refundPolicyVersion: REFUND_POLICY_VERSION,
  customerEmail: 'alice@example.com',
  customerName: null,
  userId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  expertId: '674123456789abcdef012345',
  paymentIntentId: 'pi_1',
  accessTokenHash: hashOrderAccessToken('the-token'),
  status: 'paid',
  createdAt: new Date(),
  updatedAt: new Date(),
  paidAt: new Date(),
  expiresAt: new Date(),
  sessionStartedAt: null,
  sessionEndedAt: null,
  sessionEndReason: null,
  notes: null,
  refunded: money(0, 'EUR'),
  lastPaymentError: null,
  proposedRefund: null,
  ...overrides,
});

describe('viewerRoleFor: who may see an order', () => {
  const o = order();
  it.each([
    ['its owner', { kind: 'user', userId: 'aaaaaaaaaaaaaaaaaaaaaaaa', role: 'customer' }, 'customer'],
    ['another customer', { kind: 'user', userId: 'bbbbbbbbbbbbbbbbbbbbbbbb', role: 'customer' }, null],
    [
      'its expert',
      { kind: 'user', userId: 'x', role: 'expert', expertId: '674123456789abcdef012345' },
      'expert',
    ],
    [
      'another expert',
      { kind: 'user', userId: 'x', role: 'expert', expertId: 'ffffffffffffffffffffffff' },
      null,
    ],
    ['an admin', { kind: 'user', userId: 'x', role: 'admin' }, 'admin'],
    ['the token holder', { kind: 'token', token: 'the-token' }, 'customer'],
    ['a wrong token', { kind: 'token', token: 'other' }, null],
    ['nobody', { kind: 'anonymous' }, null],
  ] as const)('%s -> %s', (_name, viewer, expected) => {
    expect(viewerRoleFor(o, viewer)).toBe(expected);
  });

  it('a guest order (no account) is never matched by a user id', () => {
    expect(
      viewerRoleFor(order({ userId: null }), {
        kind: 'user',
        userId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        role: 'customer',
      }),
    ).toBeNull();
  });
});

describe('cancellationPreview', () => {
  it.each([
    ['pending_payment', {}, { allowed: true, refundAmount: 0 }],
    ['payment_failed', {}, { allowed: true, refundAmount: 0 }],
    ['paid', {}, { allowed: true, refundAmount: 7900 }],
    ['paid', { sessionStartedAt: new Date() }, { allowed: false, refundAmount: 0 }],
    ['in_session', {}, { allowed: false, refundAmount: 0 }],
    ['cancelled', {}, { allowed: false, refundAmount: 0 }],
    ['refunded', {}, { allowed: false, refundAmount: 0 }],
  ] as const)('%s %o -> %o', (status, extra, expected) => {
    expect(cancellationPreview(order({ status, ...extra }))).toEqual(expected);
  });
});

describe('statusAfterRefund', () => {
  it.each([
    [1, 'partially_refunded'],
    [7899, 'partially_refunded'],
    [7900, 'refunded'],
  ] as const)('%i of 7900 refunded -> %s', (total, expected) => {
    expect(statusAfterRefund(order(), total)).toBe(expected);
  });
});

describe('resolveTierId', () => {
  it.each([
    [{ level: 'basic' }, 'basic'],
    [{ service: 'vip' }, 'vip'],
    [{ level: 'premium', service: 'premium' }, 'premium'],
  ] as const)('%o -> %s', (body, expected) => {
    expect(resolveTierId(body)).toBe(expected);
  });
  it('level and service naming different tiers -> TIER_MISMATCH', () => {
    expect(() => resolveTierId({ level: 'basic', service: 'vip' })).toThrow(
      expect.objectContaining({ code: 'TIER_MISMATCH' }),
    );
  });
});
