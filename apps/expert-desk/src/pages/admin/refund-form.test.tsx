// @vitest-environment happy-dom

import { normalizeSpaces } from '@lumira/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/auth-context';
import { createApiClient } from '../../services/api';
import { orderFixture } from '../../test/order-fixture';
import { RefundForm } from './refund-form';

afterEach(cleanup);

const interrupted = orderFixture({
  status: 'interrupted',
  amount: 2900,
  tier: { id: 'basic', name: 'Consultation Basique', durationMinutes: 30 },
  sessionStartedAt: '2026-11-26T10:00:00.000Z',
  sessionEndedAt: '2026-11-26T10:10:00.000Z',
  history: [
    { from: 'in_session', to: 'interrupted', cause: 'expert', note: null, at: '2026-11-26T10:10:00.000Z' },
  ],
});

function setup() {
  const bodies: unknown[] = [];
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    return new Response(JSON.stringify({ refund: { id: 'r1' } }), { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  const api = createApiClient({
    baseUrl: 'http://api.test',
    fetch,
    tokens: { get: () => null, set: () => {} },
  });
  const onDone = vi.fn();
  render(
    <AuthProvider api={api}>
      <RefundForm order={interrupted} onDone={onDone} />
    </AuthProvider>,
  );
  return { bodies, onDone };
}

describe('RefundForm', () => {
  it('starts from the pro-rata of the unused minutes (20 of 30 minutes of 29 €)', () => {
    setup();
    expect((screen.getByTestId('refund-amount') as HTMLInputElement).value).toBe('19,33');
    expect(screen.getByTestId('refund-cap').textContent).toBe('29,00\u00a0€');
  });

  it('refuses an amount above what can still be refunded', async () => {
    const { bodies } = setup();
    fireEvent.change(screen.getByTestId('refund-amount'), { target: { value: '29,01' } });
    fireEvent.click(screen.getByTestId('refund-submit'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Maximum remboursable/);
    expect(bodies).toEqual([]);
  });

  it('asks to confirm first, restating the amount in euros and what the policy gives', async () => {
    const { bodies, onDone } = setup();
    fireEvent.click(screen.getByTestId('refund-submit'));
    const box = await screen.findByTestId('refund-confirmation');
    expect(normalizeSpaces(screen.getByTestId('refund-confirm-amount').textContent ?? '')).toBe('19,33 €');
    expect(normalizeSpaces(box.textContent ?? '')).toContain(
      'C’est le montant prévu par la politique de remboursement pour le motif « Séance interrompue (prorata des minutes non utilisées) ».',
    );
    expect(bodies).toEqual([]);
    fireEvent.click(screen.getByTestId('refund-cancel'));
    expect(screen.queryByTestId('refund-confirmation')).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(bodies).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('says when the amount differs from the policy', async () => {
    setup();
    fireEvent.change(screen.getByTestId('refund-amount'), { target: { value: '25' } });
    fireEvent.click(screen.getByTestId('refund-submit'));
    expect(normalizeSpaces((await screen.findByTestId('refund-confirm-policy')).textContent ?? '')).toBe(
      'La politique de remboursement prévoit 19,33 € pour le motif « Séance interrompue (prorata des minutes non utilisées) » ; vous remboursez plus.',
    );
    // editing the amount withdraws the pending confirmation
    fireEvent.change(screen.getByTestId('refund-amount'), { target: { value: '10' } });
    expect(screen.queryByTestId('refund-confirmation')).toBeNull();
  });

  it('sends the edited amount as integer cents with the reason once confirmed', async () => {
    const { bodies, onDone } = setup();
    fireEvent.change(screen.getByTestId('refund-amount'), { target: { value: '10,05' } });
    fireEvent.change(screen.getByTestId('refund-reason'), { target: { value: 'Geste commercial' } });
    fireEvent.click(screen.getByTestId('refund-submit'));
    expect(bodies).toEqual([]);
    fireEvent.click(await screen.findByTestId('refund-confirm'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(bodies).toEqual([{ amount: 1005, reason: 'Geste commercial' }]);
    expect(screen.queryByTestId('refund-confirmation')).toBeNull();
  });
});
