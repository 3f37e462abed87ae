/**
 * One checkout attempt = one Idempotency-Key + the request it was used with. Kept in sessionStorage
 * (this tab only, no card data, no client secret) so that a retry, a reload or a "back to pay" link
 * replays the SAME create-payment-intent request and gets the same order and PaymentIntent back.
 */
import type { CreatePaymentIntentRequest } from '@lumira/shared';

export type CheckoutAttempt = {
  idempotencyKey: string;
  request: CreatePaymentIntentRequest;
  orderId?: string;
};

const PREFIX = 'lumira.checkout.';

function sameRequest(a: CreatePaymentIntentRequest, b: CreatePaymentIntentRequest): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CreatePaymentIntentRequest>;
  for (const key of keys) if ((a[key] ?? undefined) !== (b[key] ?? undefined)) return false;
  return true;
}

export function createCheckoutAttempts(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null) {
  const read = (key: string): CheckoutAttempt | null => {
    try {
      const raw = storage?.getItem(PREFIX + key);
      return raw ? (JSON.parse(raw) as CheckoutAttempt) : null;
    } catch {
      return null;
    }
  };
  const write = (key: string, attempt: CheckoutAttempt) => {
    try {
      storage?.setItem(PREFIX + key, JSON.stringify(attempt));
    } catch {
      // Storage full or disabled: the attempt then lives only as long as the page.
    }
  };
  return {
    /** The attempt to use for this request: the stored one when the request is identical, else a new one. */
    attemptFor(request: CreatePaymentIntentRequest, newKey: () => string): CheckoutAttempt {
      const current = read('current');
      if (current && sameRequest(current.request, request)) return current;
      return { idempotencyKey: newKey(), request };
    },
    /** Remembers an attempt once the API has answered with its order. */
    remember(attempt: CheckoutAttempt, orderId: string) {
      const saved = { ...attempt, orderId };
      write('current', saved);
      write(`order.${orderId}`, saved);
    },
    forOrder(orderId: string): CheckoutAttempt | null {
      return read(`order.${orderId}`);
    },
    /** Forget the current attempt (after a successful payment: the next order is a new one). */
    finish() {
      try {
        storage?.removeItem(`${PREFIX}current`);
      } catch {
        // ignore
      }
    },
  };
}
