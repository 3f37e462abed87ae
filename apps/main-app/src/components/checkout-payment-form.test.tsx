// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

type ConfirmResult = { error?: Record<string, string>; paymentIntent?: { id: string; status: string } };
const stripe = vi.hoisted(() => ({ confirmPayment: vi.fn<(args: unknown) => Promise<ConfirmResult>>() }));
const elements = vi.hoisted(() => ({ id: 'elements' }));

// Stripe's React bindings, reduced to what the form uses: a ready PaymentElement, the stripe object.
vi.mock('@stripe/react-stripe-js', () => ({
  useStripe: () => stripe,
  useElements: () => elements,
  PaymentElement: ({ onReady }: { onReady?: () => void }) => {
    useEffect(() => onReady?.(), [onReady]);
    return <div data-testid="payment-element" />;
  },
}));

const { CheckoutPaymentForm } = await import('./checkout-payment-form');

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function renderForm(onPaid = vi.fn()) {
  render(<CheckoutPaymentForm orderId="o1" accessToken="tok/1" amountLabel="79,00 €" onPaid={onPaid} />);
  return onPaid;
}

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('CheckoutPaymentForm', () => {
  it('confirms once for a double click, with the return_url and redirect only if required', async () => {
    const pending = deferred<ConfirmResult>();
    stripe.confirmPayment.mockReturnValue(pending.promise);
    const onPaid = renderForm();
    const button = await screen.findByTestId('pay-button');
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    expect(button.textContent).toBe('Payer 79,00 €');

    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(button.textContent).toContain('Paiement en cours'));
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(stripe.confirmPayment).toHaveBeenCalledTimes(1);
    expect(stripe.confirmPayment.mock.calls[0]![0]).toEqual({
      elements,
      confirmParams: { return_url: `${window.location.origin}/confirmation?order_id=o1&token=tok%2F1` },
      redirect: 'if_required',
    });

    await act(async () => pending.resolve({ paymentIntent: { id: 'pi_1', status: 'succeeded' } }));
    expect(onPaid).toHaveBeenCalledWith('pi_1');
  });

  it('shows a decline in French next to the form and lets the customer pay again', async () => {
    stripe.confirmPayment
      .mockResolvedValueOnce({
        error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
        },
      })
      .mockResolvedValueOnce({ paymentIntent: { id: 'pi_1', status: 'succeeded' } });
    const onPaid = renderForm();
    const button = await screen.findByTestId('pay-button');
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    fireEvent.click(button);
    const alert = await screen.findByText(/fonds insuffisants/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).not.toMatch(/insufficient/);
    expect(onPaid).not.toHaveBeenCalled();
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));

    fireEvent.click(button);
    await waitFor(() => expect(onPaid).toHaveBeenCalledWith('pi_1'));
    expect(stripe.confirmPayment).toHaveBeenCalledTimes(2);
  });

  it('explains a failed 3-D Secure authentication', async () => {
    stripe.confirmPayment.mockResolvedValue({
      error: { type: 'card_error', code: 'payment_intent_authentication_failure', message: 'auth failed' },
    });
    renderForm();
    const button = await screen.findByTestId('pay-button');
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByTestId('payment-error').textContent).toMatch(/3-D Secure a échoué/),
    );
  });

  it('leaves an invalid card number or a past expiry date to the field’s own message (one message, not two)', async () => {
    stripe.confirmPayment
      .mockResolvedValueOnce({
        error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'x' },
      })
      .mockResolvedValueOnce({
        error: {
          type: 'validation_error',
          code: 'invalid_expiry_year_past',
          message: 'L’année d’expiration de la carte est dépassée.',
        },
      });
    renderForm();
    const button = await screen.findByTestId('pay-button');
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('payment-error').textContent).toMatch(/refusée/));
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(stripe.confirmPayment).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    expect(screen.getByTestId('payment-error').textContent).toBe('');
  });
});
