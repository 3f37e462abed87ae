// @vitest-environment happy-dom
import type { OrderView } from '@lumira/shared';
import { toApiError } from '@lumira/web-kit';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth/auth-context';

const api = vi.hoisted(() => ({
  getOrder: vi.fn(),
  listOrderDocuments: vi.fn(async () => ({ documents: [] })),
  confirmPayment: vi.fn(),
  cancelOrder: vi.fn(),
  orderEventsUrl: (id: string, token: string) =>
    `http://api.test/api/payments/order/${id}/events?token=${token}`,
}));
vi.mock('../services/api', () => ({ api }));

/** A controllable EventSource: tests push messages and errors into the open streams. */
class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }
  close() {
    this.readyState = 2;
  }
  emit(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
  fail() {
    this.dispatchEvent(new Event('error'));
  }
}

const { default: ConfirmationPage } = await import('./confirmation-page');

const ORDER_ID = '674123456789abcdef000001';
function order(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: ORDER_ID,
    status: 'pending_payment',
    tier: { id: 'premium', name: 'Consultation Premium', durationMinutes: 60 },
    amount: 7900,
    currency: 'EUR',
    refundedAmount: 0,
    expert: { id: '674123456789abcdef012345', name: 'Expert Test' },
    customerEmail: 'client@lumira.test',
    customerName: 'Camille Durand',
    createdAt: '2026-11-26T10:00:00.000Z',
    paidAt: null,
    sessionStartedAt: null,
    sessionEndedAt: null,
    history: [
      { from: null, to: 'pending_payment', cause: 'customer', note: null, at: '2026-11-26T10:00:00.000Z' },
    ],
    refunds: [],
    cancellation: { allowed: false, refundAmount: 0 },
    ...overrides,
  };
}
const paid = (extra: Partial<OrderView> = {}) =>
  order({
    status: 'paid',
    paidAt: '2026-11-26T10:01:00.000Z',
    cancellation: { allowed: true, refundAmount: 7900 },
    history: [
      ...order().history,
      {
        from: 'pending_payment',
        to: 'paid',
        cause: 'provider_event',
        note: null,
        at: '2026-11-26T10:01:00.000Z',
      },
    ],
    ...extra,
  });

function ShowSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

function renderAt(url: string) {
  return render(
    <AuthProvider>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route
            path="/confirmation"
            element={
              <>
                <ConfirmationPage />
                <ShowSearch />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}

const status = () => screen.getByTestId('order-status');

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('confirmation page', () => {
  it('shows "Paiement en cours", then "Paiement confirmé" when the order stream says so', async () => {
    api.getOrder.mockResolvedValue(order());
    renderAt(`/confirmation?order_id=${ORDER_ID}&token=tok`);
    await waitFor(() => expect(status().textContent).toContain('Paiement en cours'));
    expect(api.getOrder).toHaveBeenCalledWith(ORDER_ID, 'tok');
    const stream = FakeEventSource.instances.at(-1)!;
    expect(stream.url).toBe(`http://api.test/api/payments/order/${ORDER_ID}/events?token=tok`);
    expect(status().getAttribute('data-live')).toBe('sse');

    act(() => stream.emit({ type: 'order.updated', order: paid() }));
    await waitFor(() => expect(status().textContent).toContain('Paiement confirmé'));
    expect(screen.getByText('Et maintenant ?')).toBeTruthy();
    expect(screen.getByTestId('order-expert').textContent).toBe('Expert Test');
    // A stale answer arriving late does not move the page backwards.
    act(() => stream.emit({ type: 'order.updated', order: order() }));
    expect(status().textContent).toContain('Paiement confirmé');
  });

  it('falls back to polling when the stream fails', async () => {
    api.getOrder.mockResolvedValueOnce(order()).mockResolvedValue(paid());
    renderAt(`/confirmation?order_id=${ORDER_ID}&token=tok`);
    await waitFor(() => expect(status().textContent).toContain('Paiement en cours'));
    act(() => FakeEventSource.instances.at(-1)!.fail());
    await waitFor(() => expect(status().textContent).toContain('Paiement confirmé'), { timeout: 5000 });
    expect(status().getAttribute('data-live')).toBe('polling');
    expect(FakeEventSource.instances.at(-1)!.readyState).toBe(2);
  });

  it('after a 3-D Secure redirect: asks the API to settle, then cleans the address', async () => {
    api.confirmPayment.mockResolvedValue({ orderId: ORDER_ID, status: 'paid' });
    api.getOrder.mockResolvedValue(paid());
    renderAt(
      `/confirmation?order_id=${ORDER_ID}&token=tok&payment_intent=pi_3ds&payment_intent_client_secret=pi_3ds_secret_x&redirect_status=succeeded`,
    );
    await waitFor(() => expect(status().textContent).toContain('Paiement confirmé'));
    expect(api.confirmPayment).toHaveBeenCalledWith('pi_3ds');
    await waitFor(() =>
      expect(screen.getByTestId('search').textContent).toBe(`?order_id=${ORDER_ID}&token=tok`),
    );
  });

  it('a refused payment offers a way back to pay the same order', async () => {
    api.getOrder.mockResolvedValue(order({ status: 'payment_failed' }));
    renderAt(`/confirmation?order_id=${ORDER_ID}&token=tok`);
    await waitFor(() => expect(status().textContent).toContain('Paiement refusé'));
    expect(screen.getByTestId('retry-payment').getAttribute('href')).toBe(
      `/commande?order_id=${ORDER_ID}&token=tok`,
    );
  });

  it('shows a partial refund and the policy’s refund before cancelling', async () => {
    api.getOrder.mockResolvedValue(
      paid({
        status: 'partially_refunded',
        refundedAmount: 2950,
        refunds: [
          {
            id: 're_1',
            amount: 2950,
            status: 'succeeded',
            reason: 'admin',
            createdAt: '2026-11-26T11:00:00Z',
          },
        ],
        cancellation: { allowed: false, refundAmount: 0 },
      }),
    );
    renderAt(`/confirmation?order_id=${ORDER_ID}&token=tok`);
    await waitFor(() => expect(screen.getByTestId('refunded-amount')).toBeTruthy());
    expect(screen.getByTestId('refunded-amount').textContent?.replace(/\s/g, ' ')).toBe(
      'Remboursement partiel : 29,50 € sur 79,00 €.',
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Commande partiellement remboursée');
  });

  it('thanks the customer by the first word of their name that has letters, tier name as written', async () => {
    api.getOrder.mockResolvedValue(
      paid({
        customerName: '🌙 Luna Martin',
        tier: { id: 'vip', name: 'Consultation VIP', durationMinutes: 120 },
      }),
    );
    renderAt(`/confirmation?order_id=${ORDER_ID}&token=tok`);
    await waitFor(() => expect(status().textContent).toContain('Paiement confirmé'));
    expect(screen.getByText(/^Merci/).textContent).toBe(
      'Merci Luna ! Votre consultation VIP avec Expert Test est réservée.',
    );
    // one order reference everywhere: the full id
    expect(screen.getByTestId('order-reference').textContent).toBe(ORDER_ID);
  });

  it('a name made only of emoji is not used as a first name', async () => {
    api.getOrder.mockResolvedValue(paid({ customerName: '🌙' }));
    renderAt(`/confirmation?order_id=${ORDER_ID}&token=tok`);
    await waitFor(() => expect(status().textContent).toContain('Paiement confirmé'));
    expect(screen.getByText(/^Merci/).textContent).toBe(
      'Merci ! Votre consultation Premium avec Expert Test est réservée.',
    );
  });

  it('a wrong token says once, in plain words, that the order cannot be found', async () => {
    api.getOrder.mockRejectedValue(
      toApiError(404, { error: { code: 'NOT_FOUND', message: 'order not found' } }),
    );
    renderAt(`/confirmation?order_id=${ORDER_ID}&token=wrong`);
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Commande introuvable'),
    );
    expect(screen.getByTestId('order-not-found').textContent).toMatch(/aucune commande/);
    expect(document.body.textContent).not.toContain('Élément introuvable');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('another failure keeps its own message under a title that does not contradict it', async () => {
    api.getOrder.mockRejectedValue(toApiError(0, new TypeError('Failed to fetch')));
    renderAt(`/confirmation?order_id=${ORDER_ID}&token=tok`);
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
        'Votre commande ne peut pas être affichée',
      ),
    );
    expect(screen.getByRole('alert').textContent).not.toContain('introuvable');
  });

  it('says the link is incomplete without an order id', () => {
    renderAt('/confirmation');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lien de confirmation incomplet');
  });
});
