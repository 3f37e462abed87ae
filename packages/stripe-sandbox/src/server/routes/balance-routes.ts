import type { ApiRoute } from '../http/api-route';
import type { Sandbox } from '../sandbox';

/**
 * GET /v1/balance: what the account holds, per currency, from captured charges minus refunds that are not
 * failed (no fees in the sandbox). Pending refunds are already deducted, as on Stripe. Also a cheap "is the
 * provider reachable with this key" probe.
 */
function balanceOf(sandbox: Sandbox) {
  const totals = new Map<string, number>();
  for (const charge of sandbox.store.charges.values()) {
    if (!charge.captured) continue;
    totals.set(
      charge.currency,
      (totals.get(charge.currency) ?? 0) + charge.amount_captured - charge.amount_refunded,
    );
  }
  if (totals.size === 0) totals.set('eur', 0);
  const entries = [...totals].map(([currency, amount]) => ({
    amount,
    currency,
    source_types: { card: amount },
  }));
  return {
    object: 'balance',
    available: entries,
    connect_reserved: entries.map((e) => ({ amount: 0, currency: e.currency })),
    livemode: false,
    pending: entries.map((e) => ({ amount: 0, currency: e.currency, source_types: { card: 0 } })),
  };
}

export const balanceRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/balance',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => balanceOf(ctx.sandbox),
  },
];
