import { invalidRequest } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';

/** Resolves an id to its stored object by prefix (for `expand[]`). */
function lookup(sandbox: Sandbox, id: string): object | undefined {
  const s = sandbox.store;
  if (id.startsWith('pi_')) return s.paymentIntents.get(id);
  if (id.startsWith('ch_') || id.startsWith('py_')) return s.charges.get(id);
  if (id.startsWith('cus_')) return s.customers.get(id);
  if (id.startsWith('pm_')) return s.paymentMethods.get(id);
  if (id.startsWith('re_')) return s.refunds.get(id);
  if (id.startsWith('dp_')) return s.disputes.get(id);
  if (id.startsWith('seti_')) return s.setupIntents.get(id);
  if (id.startsWith('txn_')) return s.balanceTransactions.get(id);
  return undefined;
}

/**
 * Returns the object as the API shows it, with `expand[]` paths (`latest_charge`,
 * `latest_charge.payment_intent`, `data.customer` for lists) replaced by the objects they name.
 */
export function render(sandbox: Sandbox, object: object, expand: readonly string[]): object {
  if (expand.length === 0) return object;
  let out = object as Record<string, unknown>;
  for (const path of expand) out = expandPath(sandbox, out, path.split('.'), path);
  return out;
}

function expandPath(
  sandbox: Sandbox,
  obj: Record<string, unknown>,
  parts: string[],
  full: string,
): Record<string, unknown> {
  const [head, ...rest] = parts;
  if (head === undefined) return obj;
  if (
    head === 'data' &&
    Array.isArray(obj.data) &&
    (obj.object === 'list' || obj.object === 'search_result')
  ) {
    return {
      ...obj,
      data: obj.data.map((item: Record<string, unknown>) =>
        rest.length ? expandPath(sandbox, item, rest, full) : item,
      ),
    };
  }
  if (head === 'refunds' && obj.object === 'charge') {
    const refunds = [...sandbox.store.refunds.values()].filter((r) => r.charge === obj.id).reverse();
    return {
      ...obj,
      refunds: {
        object: 'list',
        data: refunds,
        has_more: false,
        url: `/v1/charges/${String(obj.id)}/refunds`,
      },
    };
  }
  if (!(head in obj)) {
    throw invalidRequest(
      `This property cannot be expanded (${head}). You may want to try expanding 'data.${head}' instead.`,
      'expand',
    );
  }
  const value = obj[head];
  let expanded: unknown = value;
  if (typeof value === 'string') {
    const target = lookup(sandbox, value);
    if (!target) {
      throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
    }
    expanded = rest.length ? expandPath(sandbox, target as Record<string, unknown>, rest, full) : target;
  } else if (value !== null && typeof value === 'object' && rest.length) {
    expanded = expandPath(sandbox, value as Record<string, unknown>, rest, full);
  }
  return { ...obj, [head]: expanded };
}
