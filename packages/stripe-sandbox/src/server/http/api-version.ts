import type { Sandbox } from '../sandbox';
import { API_VERSION } from '../state/objects';
import { invalidRequest } from './stripe-error';

/**
 * API versions (`Stripe-Version`). The sandbox serves the shapes of the SDK's version (`API_VERSION`) and, for a
 * version before 2022-11-15, the one difference integrations of that time rely on: PaymentIntents carry their
 * `charges` list and Charges their `refunds` list. Any well-formed version from 2011-01-01 up to `API_VERSION`
 * is accepted (`YYYY-MM-DD`, with a release name such as `.acacia` from 2024-09-30 on); anything else is Stripe's
 * 400 "Invalid Stripe API version".
 */
const CHARGES_REMOVED = '2022-11-15';
const FIRST = '2011-01-01';

export function resolveApiVersion(header: string | string[] | undefined): string {
  if (header === undefined) return API_VERSION;
  const version = Array.isArray(header) ? header.join(', ') : header.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:\.([a-z]+))?$/.exec(version);
  const date = m?.[1];
  const valid =
    date !== undefined &&
    !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) &&
    date >= FIRST &&
    date <= API_VERSION.slice(0, 10) &&
    (m?.[2] === undefined || date >= '2024-09-30');
  if (!valid) throw invalidRequest(`Invalid Stripe API version: ${version}`);
  return version;
}

/** True when objects must be shaped as before 2022-11-15. */
export function wantsLegacyShapes(version: string): boolean {
  return version.slice(0, 10) < CHARGES_REMOVED;
}

function list(data: unknown[], url: string) {
  return { object: 'list', data, has_more: false, total_count: data.length, url };
}

function legacyObject(sandbox: Sandbox, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  if (o.object === 'payment_intent' && typeof o.id === 'string') {
    const charges = [...sandbox.store.charges.values()]
      .filter((c) => c.payment_intent === o.id)
      .reverse()
      .map((c) => legacyObject(sandbox, c));
    return { ...o, charges: list(charges, `/v1/charges?payment_intent=${o.id}`) };
  }
  if (o.object === 'charge' && typeof o.id === 'string') {
    if (o.refunds !== undefined && o.refunds !== null) return o;
    const refunds = [...sandbox.store.refunds.values()].filter((r) => r.charge === o.id).reverse();
    return { ...o, refunds: list(refunds, `/v1/charges/${o.id}/refunds`) };
  }
  if ((o.object === 'list' || o.object === 'search_result') && Array.isArray(o.data)) {
    return { ...o, data: o.data.map((item) => legacyObject(sandbox, item)) };
  }
  return o;
}

/** A response body (or an error's embedded PaymentIntent) in the shape of the requested version. */
export function shapeForVersion(sandbox: Sandbox, version: string, value: unknown): unknown {
  return wantsLegacyShapes(version) ? legacyObject(sandbox, value) : value;
}
