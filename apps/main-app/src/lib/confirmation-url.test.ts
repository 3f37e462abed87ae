import { describe, expect, it } from 'vitest';
import { confirmationPath, confirmationUrl, retryPaymentPath } from './confirmation-url';

describe('confirmation URLs', () => {
  it('return_url = origin/confirmation?order_id=...&token=...', () => {
    expect(confirmationUrl('http://localhost:5173', 'o1', 'tok')).toBe(
      'http://localhost:5173/confirmation?order_id=o1&token=tok',
    );
    expect(confirmationUrl('https://lumira.fr/', 'o1', 'a+b/c')).toBe(
      'https://lumira.fr/confirmation?order_id=o1&token=a%2Bb%2Fc',
    );
  });
  it('carries the PaymentIntent id after an in-page payment, and links back to pay', () => {
    expect(confirmationPath('o1', 't', 'pi_1')).toBe('/confirmation?order_id=o1&token=t&payment_intent=pi_1');
    expect(retryPaymentPath('o1', 't')).toBe('/commande?order_id=o1&token=t');
  });
});
