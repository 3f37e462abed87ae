// @vitest-environment happy-dom
import type { OrderView } from '@lumira/shared';
import { toApiError } from '@lumira/web-kit';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth/auth-context';

const api = vi.hoisted(() => ({
  login: vi.fn(),
  register: vi.fn(),
  listMyOrders: vi.fn(),
  listOrderDocuments: vi.fn(async () => ({ documents: [] })),
  cancelOrder: vi.fn(),
}));
vi.mock('../services/api', () => ({ api }));

const { default: AccountPage } = await import('./account-page');

const ORDER_ID = '6b15c1f41eff0f66db69ac9b';
const order: OrderView = {
  id: ORDER_ID,
  status: 'paid',
  tier: { id: 'premium', name: 'Consultation Premium', durationMinutes: 60 },
  amount: 7900,
  currency: 'EUR',
  refundedAmount: 0,
  expert: { id: '674123456789abcdef012345', name: 'Expert Test' },
  customerEmail: 'client@lumira.test',
  customerName: '🌙 Luna Martin',
  createdAt: '2026-11-26T10:00:00.000Z',
  paidAt: '2026-11-26T10:01:00.000Z',
  sessionStartedAt: null,
  sessionEndedAt: null,
  history: [],
  refunds: [],
  cancellation: { allowed: false, refundAmount: 0 },
};

function renderPage() {
  return render(
    <AuthProvider>
      <MemoryRouter initialEntries={['/compte']}>
        <AccountPage />
      </MemoryRouter>
    </AuthProvider>,
  );
}

const form = (title: string) => screen.getByRole('heading', { name: title }).closest('form') as HTMLElement;
const fill = (scope: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('/compte', () => {
  it('shows one error at a time: a failed sign-up’s message goes away when a login then fails', async () => {
    api.register.mockResolvedValue(undefined);
    api.login.mockRejectedValue(
      toApiError(401, { error: { code: 'INVALID_CREDENTIALS', message: 'invalid credentials' } }),
    );
    renderPage();
    const register = form('Créer un compte');
    fill(register, 'Nom', 'Luna');
    fill(register, 'Adresse e-mail', 'luna@example.test');
    fill(register, 'Mot de passe', 'court');
    fireEvent.click(within(register).getByRole('button', { name: 'Créer mon compte' }));
    expect(within(register).getByRole('alert').textContent).toContain('au moins 8 caractères');

    const login = form('Se connecter');
    fill(login, 'Adresse e-mail', 'luna@example.test');
    fill(login, 'Mot de passe', 'mauvais-mot-de-passe');
    fireEvent.click(within(login).getByRole('button', { name: 'Se connecter' }));
    await waitFor(() =>
      expect(within(login).getByRole('alert').textContent).toBe('Adresse e-mail ou mot de passe incorrect.'),
    );
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(within(register).queryByRole('alert')).toBeNull();
  });

  it('"Mes commandes" shows the full order reference', async () => {
    localStorage.setItem(
      'lumira.session',
      JSON.stringify({
        token: 'jwt',
        user: { id: 'u1', email: 'client@lumira.test', name: '🌙 Luna Martin', role: 'customer' },
      }),
    );
    api.listMyOrders.mockResolvedValue({ orders: [order], page: 1, pageSize: 20, total: 1 });
    renderPage();
    const item = await screen.findByTestId('order-item');
    expect(within(item).getByTestId('order-reference').textContent).toBe(ORDER_ID);
  });
});
