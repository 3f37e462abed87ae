import { PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { type FormEvent, useRef, useState } from 'react';
import { cardErrorMessage, GENERIC_CARD_ERROR_FR } from '../lib/card-error-messages';
import { confirmationUrl } from '../lib/confirmation-url';

export type CheckoutPaymentFormProps = {
  orderId: string;
  accessToken: string;
  amountLabel: string;
  /** Called once the card payment went through (no redirect was needed). */
  onPaid(paymentIntentId: string): void;
};

/**
 * The card form (Stripe's PaymentElement) and the pay button. One confirmation at a time; a refused
 * card leaves the same PaymentIntent ready for another attempt on the same order.
 */
export function CheckoutPaymentForm({ orderId, accessToken, amountLabel, onPaid }: CheckoutPaymentFormProps) {
  const stripe = useStripe();
  const elements = useElements();
  const [isReady, setIsReady] = useState(false);
  const [isPaying, setIsPaying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements || inFlight.current) return;
    inFlight.current = true;
    setIsPaying(true);
    setError(null);
    try {
      const result = await stripe.confirmPayment({
        elements,
        confirmParams: { return_url: confirmationUrl(window.location.origin, orderId, accessToken) },
        redirect: 'if_required',
      });
      if (result.error) {
        setError(cardErrorMessage(result.error));
        return;
      }
      const status = result.paymentIntent.status;
      if (status === 'succeeded' || status === 'processing' || status === 'requires_capture') {
        onPaid(result.paymentIntent.id);
        return;
      }
      setError(GENERIC_CARD_ERROR_FR);
    } catch {
      setError(GENERIC_CARD_ERROR_FR);
    } finally {
      inFlight.current = false;
      setIsPaying(false);
    }
  }

  return (
    <form className="payment-form" onSubmit={handleSubmit} aria-describedby="payment-error" noValidate>
      <fieldset className="payment-fieldset" disabled={isPaying}>
        <legend className="step-title">
          <span className="step-number" aria-hidden="true">
            2
          </span>
          Paiement par carte
        </legend>
        {!isReady ? (
          <p className="muted" role="status">
            Chargement du formulaire de paiement…
          </p>
        ) : null}
        <div className="payment-element">
          <PaymentElement
            options={{ layout: 'tabs' }}
            onReady={() => setIsReady(true)}
            onLoadError={() =>
              setError('Le formulaire de paiement n’a pas pu être chargé. Rechargez la page pour réessayer.')
            }
          />
        </div>
      </fieldset>
      <div className="form-error" id="payment-error" role="alert" data-testid="payment-error">
        {error}
      </div>
      <p className="field-hint" data-testid="cgv-acceptance">
        En payant, vous acceptez nos{' '}
        <a href="/cgv" target="_blank" rel="noopener">
          conditions générales de vente
        </a>
        .
      </p>
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={!stripe || !elements || !isReady || isPaying}
        aria-busy={isPaying}
        data-testid="pay-button"
      >
        {isPaying ? (
          <>
            <span className="spinner spinner-small" aria-hidden="true" /> Paiement en cours…
          </>
        ) : (
          `Payer ${amountLabel}`
        )}
      </button>
    </form>
  );
}
