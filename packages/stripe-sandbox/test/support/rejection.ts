/** What an SDK call rejected with, for the tests that expect Stripe to refuse a request. */
import type Stripe from 'stripe';
import { expect } from 'vitest';

/** The error `promise` rejected with; fails the test when it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  return promise.then(
    () => {
      throw new Error('expected an error');
    },
    (e: Stripe.errors.StripeError) => e,
  );
}

/** The same, checked to be the SDK's error class of `type` (e.g. `StripeCardError`) with that HTTP status. */
export async function rejectedWith<E extends Stripe.errors.StripeError = Stripe.errors.StripeError>(
  promise: Promise<unknown>,
  statusCode: number,
  type: E['type'],
): Promise<E> {
  const e = (await rejection(promise)) as E;
  expect((e as Error).constructor.name).toBe(type);
  expect(e.statusCode).toBe(statusCode);
  expect(e.type).toBe(type);
  return e;
}
