// @vitest-environment happy-dom
import { DEFAULT_CATALOG } from '@lumira/shared';
import { ApiError } from '@lumira/web-kit';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth/auth-context';

const EXPERT_TEST = {
  id: '674123456789abcdef012345',
  name: 'Expert Test',
  bio: 'Voyance et tarot',
  tiers: ['basic', 'premium', 'vip'],
  online: true,
  active: true,
};
const OTHER = { ...EXPERT_TEST, id: '674123456789abcdef054321', name: 'Hélène Marchand', tiers: ['basic'] };

const api = vi.hoisted(() => ({
  getCatalog: vi.fn(),
  getExperts: vi.fn(),
  createPaymentIntent: vi.fn(),
  getOrder: vi.fn(),
  login: vi.fn(),
  register: vi.fn(),
}));
vi.mock('../services/api', () => ({ api }));
// No Stripe.js in this test: the payment step shows its loading problem instead of the card form.
vi.mock('../services/stripe-loader', () => ({ getStripe: () => Promise.resolve(null) }));

const { default: CommandeTemple } = await import('./CommandeTemple');

function ShowSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

function renderAt(url: string) {
  return render(
    <AuthProvider>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route
            path="/commande"
            element={
              <>
                <CommandeTemple />
                <ShowSearch />
              </>
            }
          />
          <Route path="/confirmation" element={<p>confirmation</p>} />
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  api.getCatalog.mockResolvedValue({ tiers: DEFAULT_CATALOG });
  api.getExperts.mockResolvedValue({ experts: [EXPERT_TEST, OTHER] });
  api.createPaymentIntent.mockResolvedValue({
    clientSecret: 'pi_1_secret_2',
    orderId: '674123456789abcdef000001',
    orderAccessToken: 'tok',
    amount: 7900,
    currency: 'EUR',
    expert: { id: EXPERT_TEST.id, name: EXPERT_TEST.name },
    tier: { id: 'premium', name: 'Consultation Premium', durationMinutes: 60 },
  });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const text = (el: Element | null) => el?.textContent?.replace(/\s/g, ' ') ?? '';

describe('CommandeTemple (/commande)', () => {
  it('opens the original design’s test URL with the premium consultation and Expert Test', async () => {
    renderAt('/commande?level=premium&service=premium&expert=Expert%20Test');
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLSelectElement>('Expert').value).toBe(EXPERT_TEST.id),
    );
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /Consultation Premium/ }).checked).toBe(true);
    expect(text(screen.getByTestId('summary-total'))).toBe('79,00 €');
    expect(screen.getByRole('complementary')).toHaveProperty(
      'textContent',
      expect.stringContaining('Expert Test'),
    );
  });

  it('creates ONE order for a double-clicked submit, with an idempotency key and no price', async () => {
    renderAt('/commande?level=premium&service=premium&expert=Expert%20Test');
    const email = await screen.findByLabelText(/Adresse e-mail/);
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLSelectElement>('Expert').value).toBe(EXPERT_TEST.id),
    );
    fireEvent.change(email, { target: { value: 'client@lumira.test' } });
    fireEvent.change(screen.getByLabelText(/Nom/), { target: { value: 'Camille Durand' } });
    const button = screen.getByTestId('continue-button');
    fireEvent.click(button);
    fireEvent.click(button);
    await screen.findByText('Commande prête');
    expect(api.createPaymentIntent).toHaveBeenCalledTimes(1);
    const [body, key] = api.createPaymentIntent.mock.calls[0]!;
    expect(body).toEqual({
      level: 'premium',
      service: 'premium',
      expertId: EXPERT_TEST.id,
      customerEmail: 'client@lumira.test',
      customerName: 'Camille Durand',
    });
    expect(key).toMatch(/^checkout-[0-9a-f]{32}$/);
    // Without Stripe.js the customer is told, in French, instead of seeing an empty form.
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringMatching(/module de paiement/),
    );
  });

  it('reuses the same key when the customer comes back and submits the same order again', async () => {
    const first = renderAt('/commande?level=basic');
    fireEvent.change(await screen.findByLabelText(/Adresse e-mail/), { target: { value: 'a@b.fr' } });
    fireEvent.click(screen.getByTestId('continue-button'));
    await screen.findByText('Commande prête');
    first.unmount();
    renderAt('/commande?level=basic');
    fireEvent.change(await screen.findByLabelText(/Adresse e-mail/), { target: { value: 'a@b.fr' } });
    fireEvent.click(screen.getByTestId('continue-button'));
    await screen.findByText('Commande prête');
    const keys = api.createPaymentIntent.mock.calls.map((call) => call[1]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('refuses an invalid email before calling the API, and says why', async () => {
    renderAt('/commande?level=basic');
    fireEvent.change(await screen.findByLabelText(/Adresse e-mail/), { target: { value: 'pas-un-email' } });
    fireEvent.click(screen.getByTestId('continue-button'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/adresse e-mail semble invalide/);
    expect(screen.getByLabelText(/Adresse e-mail/).getAttribute('aria-invalid')).toBe('true');
    expect(api.createPaymentIntent).not.toHaveBeenCalled();
  });

  it('asks to choose when level and service disagree, and tells about an unknown expert', async () => {
    renderAt('/commande?level=basic&service=vip&expert=Personne%20Inconnue');
    expect(await screen.findByText(/lien de commande est incohérent/)).toBeTruthy();
    expect(await screen.findByText(/Nous ne trouvons pas l’expert « Personne Inconnue »/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Adresse e-mail/), { target: { value: 'a@b.fr' } });
    fireEvent.click(screen.getByTestId('continue-button'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Choisissez une consultation/);
    expect(api.createPaymentIntent).not.toHaveBeenCalled();
  });

  it('shows the API’s refusal in French (e.g. the expert does not offer the tier)', async () => {
    api.createPaymentIntent.mockRejectedValueOnce(
      new ApiError({ status: 409, code: 'EXPERT_TIER_NOT_OFFERED', message: 'not offered' }),
    );
    renderAt(`/commande?level=vip&expert=${OTHER.id}`);
    fireEvent.change(await screen.findByLabelText(/Adresse e-mail/), { target: { value: 'a@b.fr' } });
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>('Expert').value).toBe(OTHER.id));
    expect(screen.getByText(/ne propose pas cette consultation/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('continue-button'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/ne propose pas cette formule/);
  });

  it('a reload of the payment step comes back to the same order, e-mail and name kept', async () => {
    const first = renderAt('/commande?level=premium&service=premium&expert=Expert%20Test');
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLSelectElement>('Expert').value).toBe(EXPERT_TEST.id),
    );
    fireEvent.change(screen.getByLabelText(/Adresse e-mail/), { target: { value: 'client@lumira.test' } });
    fireEvent.change(screen.getByLabelText(/Nom/), { target: { value: 'Camille Durand' } });
    fireEvent.click(screen.getByTestId('continue-button'));
    await screen.findByText('Commande prête');
    // the payment step has its own address
    await waitFor(() =>
      expect(screen.getByTestId('search').textContent).toBe('?order_id=674123456789abcdef000001&token=tok'),
    );
    const address = `/commande${screen.getByTestId('search').textContent}`;
    first.unmount();

    api.getOrder.mockResolvedValue({
      id: '674123456789abcdef000001',
      status: 'pending_payment',
      paidAt: null,
      tier: { id: 'premium', name: 'Consultation Premium', durationMinutes: 60 },
      expert: { id: EXPERT_TEST.id, name: EXPERT_TEST.name },
      customerEmail: 'client@lumira.test',
      customerName: 'Camille Durand',
    });
    renderAt(address); // the reload
    await screen.findByText('Commande prête');
    expect(screen.getByText(/pour client@lumira\.test/)).toBeTruthy();
    const keys = api.createPaymentIntent.mock.calls.map((call) => call[1]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]); // the same order, not a second one
    fireEvent.click(screen.getByRole('button', { name: 'Modifier' }));
    expect(screen.getByLabelText<HTMLInputElement>(/Adresse e-mail/).value).toBe('client@lumira.test');
    expect(screen.getByLabelText<HTMLInputElement>(/Nom/).value).toBe('Camille Durand');
    expect(screen.getByTestId('search').textContent).toBe(
      `?level=premium&service=premium&expert=${EXPERT_TEST.id}`,
    );
  });

  it('the back button after paying says the order is already paid, with nothing to pay again', async () => {
    api.getOrder.mockResolvedValue({
      id: '674123456789abcdef000001',
      status: 'paid',
      paidAt: '2026-11-26T10:01:00.000Z',
      amount: 14900,
      currency: 'EUR',
      tier: { id: 'vip', name: 'Consultation VIP', durationMinutes: 120 },
      expert: { id: EXPERT_TEST.id, name: EXPERT_TEST.name },
      customerEmail: 'client@lumira.test',
      customerName: 'Camille Durand',
    });
    renderAt('/commande?order_id=674123456789abcdef000001&token=tok');
    const panel = await screen.findByTestId('already-paid');
    expect(text(panel)).toContain('Vous avez déjà payé cette commande');
    expect(text(panel)).toContain('Votre consultation VIP avec Expert Test (149,00 €) est réglée');
    expect(screen.getByRole('link', { name: 'Suivre ma commande' }).getAttribute('href')).toBe(
      '/confirmation?order_id=674123456789abcdef000001&token=tok',
    );
    expect(screen.queryByTestId('continue-button')).toBeNull();
    expect(api.createPaymentIntent).not.toHaveBeenCalled();
    // the summary beside it is the paid order's, not an empty choice
    expect(text(screen.getByTestId('summary-total'))).toBe('149,00 €');
    expect(text(screen.getByRole('complementary'))).not.toContain('Premier expert disponible');
  });
});
