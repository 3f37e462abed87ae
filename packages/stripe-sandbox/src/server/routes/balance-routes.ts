import type { ApiRoute } from '../http/api-route';
import { resourceMissing } from '../http/stripe-error';
import { balanceOf, settleAvailable } from '../payments/balance-transactions';
import { render } from '../payments/render';
import { listRoute } from './list-route';

/**
 * GET /v1/balance (also a cheap "is the provider reachable with this key" probe) and the balance transactions
 * made by captures and refunds (payments/balance-transactions.ts).
 */
export const balanceRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/balance',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => balanceOf(ctx.sandbox),
  },
  listRoute('/v1/balance_transactions', ['type', 'source', 'currency'], (s) => {
    settleAvailable(s);
    return s.store.balanceTransactions.values();
  }),
  {
    method: 'GET',
    path: '/v1/balance_transactions/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => {
      settleAvailable(ctx.sandbox);
      const txn = ctx.sandbox.store.balanceTransactions.get(ctx.path.id!);
      if (!txn) throw resourceMissing('id', ctx.path.id!, 'balance transaction');
      return render(ctx.sandbox, txn, ctx.expand);
    },
  },
];
