import { describe, expect, it } from 'vitest';
import { toValidationDetails } from './common';
import {
  ZConfirmPaymentRequest,
  ZCreatePaymentIntentRequest,
  ZCreatePaymentIntentResponse,
  ZOrderEvent,
  ZOrdersQuery,
  ZOrderView,
} from './payments';

const ORIGINAL_EXAMPLE = {
  level: 'premium',
  service: 'premium',
  expertId: '674123456789abcdef012345',
  customerEmail: 'test@example.com',
  customerName: 'Test User',
};

function issuesOf(
  schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } },
  value: unknown,
) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return toValidationDetails(result.error as Parameters<typeof toValidationDetails>[0]).issues;
}

describe('ZCreatePaymentIntentRequest', () => {
  it("parses the original design's example request unchanged", () => {
    expect(ZCreatePaymentIntentRequest.parse(ORIGINAL_EXAMPLE)).toEqual(ORIGINAL_EXAMPLE);
  });

  it.each([
    ['level only', { level: 'basic', customerEmail: 'a@b.fr' }],
    ['service only', { service: 'vip', customerEmail: 'a@b.fr' }],
    ['no expert, no name', { level: 'premium', customerEmail: 'a@b.fr' }],
    [
      "level and service that differ (TIER_MISMATCH is the API's job)",
      { level: 'basic', service: 'vip', customerEmail: 'a@b.fr' },
    ],
  ])('accepts %s', (_name, body) => {
    expect(ZCreatePaymentIntentRequest.safeParse(body).success).toBe(true);
  });

  it('normalises the email (trim, lower case)', () => {
    expect(
      ZCreatePaymentIntentRequest.parse({ level: 'basic', customerEmail: '  Test@Example.COM ' })
        .customerEmail,
    ).toBe('test@example.com');
  });

  it.each(['amount', 'price', 'currency', 'status'])('rejects the unknown key "%s" and names it', (extra) => {
    const issues = issuesOf(ZCreatePaymentIntentRequest, { ...ORIGINAL_EXAMPLE, [extra]: 1 });
    const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
    expect(unknown?.keys).toEqual([extra]);
    expect(unknown?.message).toContain(extra);
  });

  it.each(['not-an-email', 'a@', '@b.fr', 'a b@c.fr', '', 'x'.repeat(250) + '@b.fr'])(
    'rejects the email "%s"',
    (email) => {
      const issues = issuesOf(ZCreatePaymentIntentRequest, { ...ORIGINAL_EXAMPLE, customerEmail: email });
      expect(issues.map((issue) => issue.path)).toContain('customerEmail');
    },
  );

  it('requires an email', () => {
    const { customerEmail: _omit, ...rest } = ORIGINAL_EXAMPLE;
    expect(issuesOf(ZCreatePaymentIntentRequest, rest).map((i) => i.path)).toContain('customerEmail');
  });

  it.each(['674123456789ABCDEF012345', '674123456789abcdef01234', '1', 'abc', 674123456789])(
    'rejects the expertId %s (must be 24 lowercase hex)',
    (expertId) => {
      expect(
        issuesOf(ZCreatePaymentIntentRequest, { ...ORIGINAL_EXAMPLE, expertId }).map((i) => i.path),
      ).toContain('expertId');
    },
  );

  it('requires level or service', () => {
    const issues = issuesOf(ZCreatePaymentIntentRequest, { customerEmail: 'a@b.fr' });
    expect(issues).toEqual([
      expect.objectContaining({ path: 'level', message: 'One of level or service is required' }),
    ]);
  });

  it.each(['gold', 'Premium', '', 7900])('rejects the tier %s', (level) => {
    expect(
      issuesOf(ZCreatePaymentIntentRequest, { ...ORIGINAL_EXAMPLE, level }).map((i) => i.path),
    ).toContain('level');
  });

  it.each([null, [], 'text', 42])('rejects a non-object body %s', (body) => {
    expect(ZCreatePaymentIntentRequest.safeParse(body).success).toBe(false);
  });

  it('rejects an empty or overlong name', () => {
    expect(ZCreatePaymentIntentRequest.safeParse({ ...ORIGINAL_EXAMPLE, customerName: '   ' }).success).toBe(
      false,
    );
    expect(
      ZCreatePaymentIntentRequest.safeParse({ ...ORIGINAL_EXAMPLE, customerName: 'x'.repeat(101) }).success,
    ).toBe(false);
  });
});

describe('ZConfirmPaymentRequest', () => {
  it('accepts a PaymentIntent id', () => {
    expect(ZConfirmPaymentRequest.parse({ paymentIntentId: 'pi_3QxYz0abcDEF123' })).toEqual({
      paymentIntentId: 'pi_3QxYz0abcDEF123',
    });
  });

  it.each([
    ['another object id', { paymentIntentId: 'ch_123' }],
    ['a client secret', { paymentIntentId: 'pi_123_secret_abc' }],
    ['a bare prefix', { paymentIntentId: 'pi_' }],
    ['missing', {}],
    ['extra key', { paymentIntentId: 'pi_123', status: 'succeeded' }],
  ])('rejects %s', (_name, body) => {
    expect(ZConfirmPaymentRequest.safeParse(body).success).toBe(false);
  });
});

const ORDER = {
  id: 'ord_1',
  status: 'paid',
  tier: { id: 'premium', name: 'Consultation Premium', durationMinutes: 60 },
  amount: 7900,
  currency: 'EUR',
  refundedAmount: 0,
  expert: { id: '674123456789abcdef012345', name: 'Expert Test' },
  customerEmail: 'test@example.com',
  customerName: null,
  createdAt: '2026-11-26T10:00:00.000Z',
  paidAt: '2026-11-26T10:01:00.000Z',
  sessionStartedAt: null,
  sessionEndedAt: null,
  history: [
    { from: null, to: 'pending_payment', cause: 'customer', note: null, at: '2026-11-26T10:00:00.000Z' },
    {
      from: 'pending_payment',
      to: 'paid',
      cause: 'provider_event',
      note: 'evt_1',
      at: '2026-11-26T10:01:00.000Z',
    },
  ],
  refunds: [],
  cancellation: { allowed: true, refundAmount: 7900 },
};

describe('response schemas', () => {
  it('an order view round-trips, and its SSE event too', () => {
    expect(ZOrderView.parse(ORDER)).toEqual(ORDER);
    expect(ZOrderEvent.parse({ type: 'order.updated', order: ORDER }).order.id).toBe('ord_1');
  });

  it('an order view rejects floats and unknown statuses', () => {
    expect(ZOrderView.safeParse({ ...ORDER, amount: 79.0 + 0.5 }).success).toBe(false);
    expect(ZOrderView.safeParse({ ...ORDER, status: 'succeeded' }).success).toBe(false);
  });

  it('the create-payment-intent response carries amount in cents and the assigned expert', () => {
    const response = {
      clientSecret: 'pi_1_secret_2',
      orderId: 'ord_1',
      orderAccessToken: 'tok',
      amount: 7900,
      currency: 'EUR',
      expert: ORDER.expert,
      tier: ORDER.tier,
    };
    expect(ZCreatePaymentIntentResponse.parse(response)).toEqual(response);
    expect(ZCreatePaymentIntentResponse.safeParse({ ...response, currency: 'eur' }).success).toBe(false);
  });

  it('orders query coerces page numbers from query strings and rejects unknown keys', () => {
    expect(ZOrdersQuery.parse({ page: '2', pageSize: '10' })).toEqual({ page: 2, pageSize: 10 });
    expect(ZOrdersQuery.safeParse({ page: '0' }).success).toBe(false);
    expect(ZOrdersQuery.safeParse({ pageSize: '1000' }).success).toBe(false);
    expect(ZOrdersQuery.safeParse({ sort: 'x' }).success).toBe(false);
  });
  it('rejects a customer name holding a lone surrogate (it would be stored altered) and accepts emoji', () => {
    const base = { level: 'basic', customerEmail: 'a@b.fr' };
    expect(ZCreatePaymentIntentRequest.safeParse({ ...base, customerName: 'Zoé \udfff' }).success).toBe(
      false,
    );
    expect(ZCreatePaymentIntentRequest.safeParse({ ...base, customerName: 'Zoé 🌙' }).success).toBe(true);
  });
});
