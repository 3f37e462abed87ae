// @vitest-environment happy-dom
import type { AdminEmailView } from '@lumira/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/auth-context';
import { createApiClient } from '../../services/api';
import { EmailsPage } from './emails-page';

afterEach(cleanup);

const failedMail: AdminEmailView = {
  id: '42',
  kind: 'order_receipt',
  recipient: 'alice@example.com',
  orderId: 'a'.repeat(24),
  status: 'failed',
  attempts: 8,
  lastError: 'ECONNECTION connect ECONNREFUSED',
  createdAt: '2026-12-07T10:00:00.000Z',
  nextAttemptAt: null,
  sentAt: null,
  sendingUntil: null,
  adminActions: [],
};

function setup(outcomes: string[] = ['requeued']) {
  const calls: { method: string; url: string }[] = [];
  let requeued = false;
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, url });
    if (method === 'POST') {
      requeued = true;
      return new Response(JSON.stringify({ queued: true, outcome: outcomes.shift() }), { status: 202 });
    }
    const status = new URL(url).searchParams.get('status');
    const emails = status === 'failed' && !requeued ? [failedMail] : [];
    const pending =
      status === 'pending' && requeued ? [{ ...failedMail, status: 'pending', attempts: 0 }] : [];
    return new Response(
      JSON.stringify({
        counts: { failed: requeued ? 0 : 1, pending: requeued ? 1 : 0, sent: 5 },
        emails: [...emails, ...pending],
      }),
      { status: 200 },
    );
  }) as unknown as typeof globalThis.fetch;
  const api = createApiClient({
    baseUrl: 'http://api.test',
    fetch,
    tokens: { get: () => 'jwt', set: () => {} },
  });
  render(
    <AuthProvider api={api}>
      <MemoryRouter>
        <EmailsPage />
      </MemoryRouter>
    </AuthProvider>,
  );
  return { calls };
}

describe('EmailsPage', () => {
  it('lists failed e-mails with their error and counts, and "Renvoyer" requeues one', async () => {
    const { calls } = setup();
    const row = await screen.findByTestId('email-row');
    expect(row.textContent).toContain('Reçu et facture');
    expect(row.textContent).toContain('alice@example.com');
    expect(row.textContent).toContain('ECONNREFUSED');
    expect(within(row).getByRole('link').getAttribute('href')).toBe(`/admin/commandes/${'a'.repeat(24)}`);
    expect(screen.getByTestId('email-counts').textContent).toMatch(/Échec1/);
    expect(calls.map((c) => c.url)).toContain('http://api.test/api/admin/emails?status=failed&limit=200');

    fireEvent.click(within(row).getByRole('button', { name: 'Renvoyer' }));
    expect((await screen.findByRole('status')).textContent).toBe('Remis en file d’envoi.');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
      'http://api.test/api/admin/emails/42/retry',
    ]);
    await waitFor(() => expect(screen.queryByTestId('email-row')).toBeNull());
    expect(screen.getByText(/Aucun e-mail échec/)).toBeTruthy();

    fireEvent.change(screen.getByTestId('email-status-filter'), { target: { value: 'pending' } });
    const pending = await screen.findByTestId('email-row');
    expect(pending.getAttribute('data-status')).toBe('pending');
    expect(within(pending).queryByRole('button')).toBeNull();
  });
});
