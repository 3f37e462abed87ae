import type { Params } from '../http/param-spec';
import { missingParameter } from '../http/stripe-error';
import type { Address, Shipping } from '../state/objects';

const ADDRESS_SPEC = {
  object: {
    city: 'string',
    country: 'string',
    line1: 'string',
    line2: 'string',
    postal_code: 'string',
    state: 'string',
  },
} as const;

/** `shipping[...]` of PaymentIntents and Customers (`shipping=` clears it). */
export const SHIPPING_SPEC = {
  object: {
    address: ADDRESS_SPEC,
    carrier: 'string',
    name: 'string',
    phone: 'string',
    tracking_number: 'string',
  },
} as const;

/** `address[...]` of Customers (`address=` clears it). */
export const ADDRESS_PARAM_SPEC = ADDRESS_SPEC;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function addressOf(input: Params | null | undefined): Address {
  return {
    city: text(input?.city),
    country: text(input?.country),
    line1: text(input?.line1),
    line2: text(input?.line2),
    postal_code: text(input?.postal_code),
    state: text(input?.state),
  };
}

/** Stripe requires `shipping[name]` and `shipping[address]` (with `line1`) when shipping is given. */
export function shippingOf(input: Params | null | undefined, param = 'shipping'): Shipping | null {
  if (!input) return null;
  if (!text(input.name)) throw missingParameter(`${param}[name]`);
  const address = input.address as Params | undefined;
  if (!address) throw missingParameter(`${param}[address]`);
  if (!text(address.line1)) throw missingParameter(`${param}[address][line1]`);
  return {
    address: addressOf(address),
    carrier: text(input.carrier),
    name: text(input.name),
    phone: text(input.phone),
    tracking_number: text(input.tracking_number),
  };
}
