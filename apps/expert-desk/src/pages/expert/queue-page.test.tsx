// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/auth-context';
import { createApiClient } from '../../services/api';
import { orderFixture } from '../../test/order-fixture';
import { ExpertLayout } from './expert-layout';
import { QueuePage } from './queue-page';

/** The browser's EventSource, replaced: the test pushes server events by hand. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    const event = new MessageEvent(type, { data: data === undefined ? undefined : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const older = orderFixture({
  id: 'a'.repeat(24),
  customerName: 'Alice Martin',
  paidAt: '2026-11-26T09:00:00.000Z',
});

function renderDesk() {
  const fetch = vi.fn(async (input: string | URL | Request) => {
    const url = new URL(String(input));
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (url.pathname === '/api/auth/me') {
      return json({
        id: 'u1',
        email: 'expert@lumira.test',
        name: 'Expert Test',
        role: 'expert',
        expertId: 'e1',
      });
    }
    if (url.pathname === '/api/desk/orders') {
      return json({
        orders: url.searchParams.get('status') === 'paid' ? [older] : [],
        pageSize: 100,
        nextCursor: null,
      });
    }
    if (url.pathname === '/api/experts') return json({ experts: [] });
    return new Response('{}', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  const api = createApiClient({
    baseUrl: 'http://api.test',
    fetch,
    tokens: { get: () => 'jwt', set: () => {} },
  });
  render(
    <AuthProvider api={api}>
      <MemoryRouter initialEntries={['/file']}>
        <Routes>
          <Route element={<ExpertLayout />}>
            <Route path="/file" element={<QueuePage />} />
          </Route>
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}

beforeEach(() => {
  vi.stubGlobal('EventSource', FakeEventSource);
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Ma file', () => {
  it('adds a newly paid order live, in paid order, announces it, and drops orders that leave the queue', async () => {
    renderDesk();
    await screen.findByText(/Alice · Consultation Premium/);
    const source = FakeEventSource.last!;
    expect(source.url).toBe('http://api.test/api/desk/events?access_token=jwt');
    act(() => source.emit('open'));
    expect(screen.getByTestId('live-indicator').textContent).toContain('En direct');

    const newer = orderFixture({
      id: 'b'.repeat(24),
      customerName: 'Bruno Petit',
      tier: { id: 'vip', name: 'Consultation VIP', durationMinutes: 120 },
      amount: 14900,
      paidAt: '2026-11-26T10:00:00.000Z',
    });
    act(() => source.emit('message', { type: 'order.updated', order: newer }));

    const items = await screen.findAllByTestId('queue-item');
    expect(items.map((i) => i.dataset.orderId)).toEqual([older.id, newer.id]);
    const toast = screen.getByTestId('arrival-toast');
    expect(within(toast).getByText('Nouvelle commande payée')).toBeTruthy();
    expect(toast.textContent).toContain('Consultation VIP · Bruno · 149,00');
    expect(toast.textContent).not.toContain('Petit');

    // the older one is cancelled elsewhere: it leaves the queue without a reload
    act(() => source.emit('message', { type: 'order.updated', order: { ...older, status: 'cancelled' } }));
    expect(screen.getAllByTestId('queue-item').map((i) => i.dataset.orderId)).toEqual([newer.id]);
  });

  it('keeps the sound off until the expert turns it on', async () => {
    renderDesk();
    const toggle = (await screen.findByTestId('sound-toggle')) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
  });
});
