import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { resourceMissing } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds, randomString } from '../state/ids';
import type { Customer } from '../state/objects';
import { assertEmail, assertLocales } from './descriptors';
import { mergeMetadata } from './merge-metadata';
import { render } from './render';
import { addressOf, shippingOf } from './shipping';

export function getCustomer(sandbox: Sandbox, id: string): Customer {
  const c = sandbox.store.customers.get(id);
  if (!c) throw resourceMissing('customer', id, 'customer');
  return c;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** `invoice_settings[custom_fields|default_payment_method|footer]` over the current settings. */
function invoiceSettings(
  sandbox: Sandbox,
  input: Params | null | undefined,
  current: Customer['invoice_settings'],
): Customer['invoice_settings'] {
  if (!input) return current;
  const next = { ...current };
  if (input.custom_fields !== undefined) {
    const fields = (input.custom_fields as { name: string; value: string }[] | null) ?? [];
    next.custom_fields = fields.length ? fields.map((f) => ({ name: f.name, value: f.value })) : null;
  }
  if (input.default_payment_method !== undefined) {
    const pm = str(input.default_payment_method);
    if (pm !== null && !sandbox.store.paymentMethods.has(pm)) {
      throw resourceMissing('invoice_settings[default_payment_method]', pm, 'PaymentMethod', 400);
    }
    next.default_payment_method = pm;
  }
  if (input.footer !== undefined) next.footer = str(input.footer);
  return next;
}

function assertCustomerParams(params: Params): void {
  assertEmail(params.email, 'email');
  assertLocales(params.preferred_locales);
}

export function createCustomer(
  sandbox: Sandbox,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  assertCustomerParams(params);
  const customer: Customer = {
    id: newId('cus').slice(0, 18),
    object: 'customer',
    address: params.address ? addressOf(params.address as Params) : null,
    balance: 0,
    created: nowSeconds(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: str(params.description),
    discount: null,
    email: str(params.email),
    invoice_prefix: randomString(8).toUpperCase(),
    invoice_settings: invoiceSettings(sandbox, params.invoice_settings as Params | null | undefined, {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    }),
    livemode: false,
    metadata: (params.metadata as Record<string, string> | undefined) ?? {},
    name: str(params.name),
    next_invoice_sequence: 1,
    phone: str(params.phone),
    preferred_locales: (params.preferred_locales as string[] | undefined) ?? [],
    shipping: shippingOf(params.shipping as Params | null | undefined),
    tax_exempt: 'none',
    test_clock: null,
  };
  sandbox.store.customers.set(customer.id, customer);
  sandbox.store.changed();
  sandbox.emit('customer.created', customer, request);
  return render(sandbox, customer, expand);
}

export function updateCustomer(
  sandbox: Sandbox,
  id: string,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  const customer = getCustomer(sandbox, id);
  assertCustomerParams(params);
  const previous: Record<string, unknown> = {};
  const set = <K extends 'email' | 'name' | 'phone' | 'description'>(key: K) => {
    if (params[key] === undefined) return;
    const value = str(params[key]);
    if (value !== customer[key]) {
      previous[key] = customer[key];
      customer[key] = value;
    }
  };
  set('email');
  set('name');
  set('phone');
  set('description');
  if (params.preferred_locales !== undefined) {
    previous.preferred_locales = customer.preferred_locales;
    customer.preferred_locales = params.preferred_locales as string[];
  }
  if (params.address !== undefined) {
    previous.address = customer.address;
    customer.address = params.address ? addressOf(params.address as Params) : null;
  }
  if (params.shipping !== undefined) {
    previous.shipping = customer.shipping;
    customer.shipping = shippingOf(params.shipping as Params | null);
  }
  if (params.invoice_settings !== undefined) {
    previous.invoice_settings = customer.invoice_settings;
    customer.invoice_settings = invoiceSettings(
      sandbox,
      params.invoice_settings as Params | null,
      customer.invoice_settings,
    );
  }
  if (params.metadata !== undefined) {
    previous.metadata = customer.metadata;
    customer.metadata = mergeMetadata(customer.metadata, params.metadata as Record<string, string>);
  }
  sandbox.store.changed();
  if (Object.keys(previous).length > 0) sandbox.emit('customer.updated', customer, request, previous);
  return render(sandbox, customer, expand);
}

export function deleteCustomer(sandbox: Sandbox, id: string, request: EventRequest): object {
  const customer = getCustomer(sandbox, id);
  sandbox.store.customers.delete(id);
  sandbox.store.changed();
  sandbox.emit('customer.deleted', customer, request);
  return { id, object: 'customer', deleted: true };
}
