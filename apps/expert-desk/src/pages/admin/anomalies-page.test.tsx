// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/auth-context';
import type { PaymentAnomalyView } from '../../services/admin-anomalies-api';
import { createApiClient } from '../../services/api';
import { AnomaliesPage } from './anomalies-page';

afterEach(cleanup);

const underpaid: PaymentAnomalyView = {
  paymentIntentId: 'pi_cheap',
  orderId: 'a'.repeat(24),
  reason: 'amount_mismatch',
  amount: { amount: 50, currency: 'EUR' },
  status: 'succeeded',
  refundId: 're_back',
  refundStatus: 'succeeded',
  createdAt: '2026-12-07T10:00:00.000Z',
  order: {
    amount: { amount: 14900, currency: 'EUR' },
    status: 'pending_payment',
    customerEmail: 'victim@example.test',
  },
};

function setup(anomalies: PaymentAnomalyView[]) {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: string | URL | Request) => {
    calls.push(String(input));
    return new Response(JSON.stringify({ anomalies }), { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  const api = createApiClient({
    baseUrl: 'http://api.test',
    fetch,
    tokens: { get: () => 'jwt', set: () => {} },
  });
  render(
    <AuthProvider api={api}>
      <MemoryRouter>
        <AnomaliesPage />
      </MemoryRouter>
    </AuthProvider>,
  );
  return calls;
}

describe('AnomaliesPage', () => {
  it('lists each anomaly with the order, the money received against the price, and the automatic refund', async () => {
    const calls = setup([
      underpaid,
      {
        ...underpaid,
        paymentIntentId: 'pi_failed',
        reason: 'foreign_payment_intent',
        status: 'requires_payment_method',
        refundId: null,
        refundStatus: null,
      },
    ]);
    const rows = await screen.findAllByTestId('anomaly-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByRole('link', { name: 'a'.repeat(24) }).getAttribute('href')).toBe(
      `/admin/commandes/${'a'.repeat(24)}`,
    );
    expect(first.getByText('Montant ou devise différent de la commande')).toBeTruthy();
    expect(rows[0]!.textContent).toContain('0,50');
    expect(rows[0]!.textContent).toContain('149,00');
    expect(rows[0]!.textContent).toContain('Remboursé en totalité automatiquement (effectué, re_back)');
    expect(rows[1]!.textContent).toContain('Aucun débit : rien à rembourser');
    expect(calls.some((c) => c.startsWith('http://api.test/api/admin/payment-anomalies'))).toBe(true);
  });

  it('shows a PaymentIntent in a currency we do not sell in as the provider holds it', async () => {
    setup([{ ...underpaid, paymentIntentId: 'pi_usd', amount: { amount: 14900, currency: 'USD' } }]);
    const [row] = await screen.findAllByTestId('anomaly-row');
    expect(row!.textContent).toContain('14900 (unités mineures) USD');
    expect(row!.textContent).toContain('149,00');
  });

  it('says when there is no anomaly', async () => {
    setup([]);
    expect(await screen.findByText('Aucune anomalie de paiement.')).toBeTruthy();
  });
});
