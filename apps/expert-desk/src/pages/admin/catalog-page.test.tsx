// @vitest-environment happy-dom
import { DEFAULT_CATALOG } from '@lumira/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/auth-context';
import { createApiClient } from '../../services/api';
import { CatalogPage } from './catalog-page';

afterEach(cleanup);

function setup() {
  const puts: { url: string; body: unknown }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (init?.method === 'PUT') {
      puts.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ tier: {} }), { status: 200 });
    }
    return new Response(JSON.stringify({ tiers: DEFAULT_CATALOG }), { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  const api = createApiClient({
    baseUrl: 'http://api.test',
    fetch,
    tokens: { get: () => null, set: () => {} },
  });
  render(
    <AuthProvider api={api}>
      <CatalogPage />
    </AuthProvider>,
  );
  return { puts };
}

describe('CatalogPage', () => {
  it('says that new prices only apply to new orders', async () => {
    setup();
    expect((await screen.findByRole('note')).textContent).toMatch(/uniquement aux nouvelles commandes/);
  });

  it('sends only what changed, the price typed "79,90" as 7990 cents', async () => {
    const { puts } = setup();
    const premium = await screen.findByTestId('tier-premium');
    expect((within(premium).getByTestId('tier-premium-price') as HTMLInputElement).value).toBe('79,00');
    fireEvent.change(within(premium).getByTestId('tier-premium-price'), { target: { value: '79,90' } });
    fireEvent.change(within(premium).getByTestId('tier-premium-duration'), { target: { value: '75' } });
    fireEvent.click(within(premium).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual({
      url: 'http://api.test/api/admin/catalog/premium',
      body: { price: { amount: 7990, currency: 'EUR' }, durationMinutes: 75 },
    });
  });

  it.each([
    ['79,999', /Deux décimales/],
    ['abc', /Montant invalide/],
    ['0,50', /au moins 1,00/],
  ])('refuses the price "%s" without calling the API', async (price, message) => {
    const { puts } = setup();
    const basic = await screen.findByTestId('tier-basic');
    fireEvent.change(within(basic).getByTestId('tier-basic-price'), { target: { value: price } });
    fireEvent.click(within(basic).getByRole('button', { name: 'Enregistrer' }));
    expect((await within(basic).findByRole('alert')).textContent).toMatch(message);
    expect(puts).toEqual([]);
  });
});
