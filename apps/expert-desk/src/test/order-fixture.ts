import type { OrderView } from '@lumira/shared';

/** An OrderView with sensible defaults (a paid Premium order) and per-test overrides. */
export function orderFixture(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: '674123456789abcdef0000aa',
    status: 'paid',
    tier: { id: 'premium', name: 'Consultation Premium', durationMinutes: 60 },
    amount: 7900,
    currency: 'EUR',
    refundedAmount: 0,
    expert: { id: '674123456789abcdef012345', name: 'Expert Test' },
    customerEmail: 'marie.curie@example.test',
    customerName: 'Marie Curie',
    createdAt: '2026-11-26T10:00:00.000Z',
    paidAt: '2026-11-26T10:01:00.000Z',
    sessionStartedAt: null,
    sessionEndedAt: null,
    history: [],
    refunds: [],
    cancellation: { allowed: false, refundAmount: 0 },
    paymentIntentId: 'pi_test_123',
    refundPolicyVersion: 'refund-policy-2026-11-v1',
    ...overrides,
  };
}
