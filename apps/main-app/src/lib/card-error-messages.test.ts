import { describe, expect, it } from 'vitest';
import { cardErrorMessage, GENERIC_CARD_ERROR_FR } from './card-error-messages';

describe('cardErrorMessage (Stripe.js errors -> French)', () => {
  it.each([
    [{ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' }, /carte a été refusée/],
    [{ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' }, /fonds insuffisants/],
    [{ type: 'card_error', code: 'card_declined', decline_code: 'lost_card' }, /perdue/],
    [{ type: 'card_error', code: 'card_declined', decline_code: 'stolen_card' }, /volée/],
    [{ type: 'card_error', code: 'card_declined', decline_code: 'card_velocity_exceeded' }, /plafond/],
    [{ type: 'card_error', code: 'expired_card' }, /expirée/],
    [{ type: 'card_error', code: 'incorrect_cvc' }, /CVC\) est incorrect/],
    [{ type: 'card_error', code: 'processing_error' }, /traitement/],
    [{ type: 'card_error', code: 'incorrect_number' }, /numéro de carte est incorrect/],
    [{ type: 'invalid_request_error', code: 'payment_intent_authentication_failure' }, /3-D Secure a échoué/],
    [{ type: 'card_error', code: 'card_declined', decline_code: 'unknown_new_code' }, /carte a été refusée/],
  ])('%o', (error, expected) => {
    expect(cardErrorMessage(error)).toMatch(expected);
  });

  it('never shows Stripe’s English message', () => {
    expect(cardErrorMessage({ type: 'api_error', message: 'Your card was declined.' })).toBe(
      GENERIC_CARD_ERROR_FR,
    );
  });

  it.each([
    'invalid_number',
    'incomplete_number',
    'invalid_expiry_year_past',
    'invalid_expiry_month_past',
    'incomplete_cvc',
  ])('adds nothing under the form for %s: the Payment Element shows it at the field', (code) => {
    expect(
      cardErrorMessage({ type: 'validation_error', code, message: 'Your card number is invalid.' }),
    ).toBeNull();
  });
});
