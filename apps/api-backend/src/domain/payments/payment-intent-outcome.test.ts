import { describe, expect, it } from 'vitest';
import type { GatewayPaymentIntent } from '../../providers/payment-gateway';
import { outcomeOfPaymentIntent } from './payment-intent-outcome';

const declined = {
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

describe('outcomeOfPaymentIntent', () => {
  const cases: [GatewayPaymentIntent['status'], GatewayPaymentIntent['lastPaymentError'], string | null][] = [
    ['succeeded', null, 'paid'],
    ['succeeded', declined, 'paid'],
    ['requires_action', null, 'requires_action'],
    ['requires_payment_method', null, null],
    ['requires_payment_method', declined, 'payment_failed'],
    ['processing', null, null],
    ['requires_confirmation', null, null],
    ['requires_capture', null, null],
    ['canceled', null, null],
  ];
  it.each(cases)('%s (error: %o) -> %s', (status, lastPaymentError, expected) => {
    expect(outcomeOfPaymentIntent({ status, lastPaymentError })?.to ?? null).toBe(expected);
  });

  it('keeps the decline code and message for the order', () => {
    expect(
      outcomeOfPaymentIntent({ status: 'requires_payment_method', lastPaymentError: declined })
        ?.lastPaymentError,
    ).toEqual({ code: 'card_declined', message: 'Your card was declined.' });
  });
});
