// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/auth-context';
import { createApiClient } from '../../services/api';
import { AdminOrderDocuments } from './admin-order-documents';

afterEach(cleanup);
const orderId = 'b'.repeat(24);

function setup(pdfStatus = 200) {
  const calls: { url: string; auth: string | null }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, auth: new Headers(init?.headers).get('authorization') });
    if (url.endsWith('/documents')) {
      return new Response(
        JSON.stringify({
          documents: [
            {
              reference: 'F-2026-000007',
              kind: 'invoice',
              total: { amount: 7900, currency: 'EUR' },
              issuedAt: '2026-12-07T10:00:00.000Z',
              corrects: null,
              fileName: 'facture-F-2026-000007.pdf',
            },
            {
              reference: 'AV-2026-000002',
              kind: 'credit_note',
              total: { amount: 2000, currency: 'EUR' },
              issuedAt: '2026-12-07T11:00:00.000Z',
              corrects: 'F-2026-000007',
              fileName: 'avoir-AV-2026-000002.pdf',
            },
          ],
        }),
        { status: 200 },
      );
    }
    if (pdfStatus !== 200)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'x' } }), {
        status: pdfStatus,
      });
    return new Response(new Blob(['%PDF-1.7 test'], { type: 'application/pdf' }), {
      status: 200,
      headers: { 'Content-Type': 'application/pdf' },
    });
  }) as unknown as typeof globalThis.fetch;
  const api = createApiClient({
    baseUrl: 'http://api.test',
    fetch,
    tokens: { get: () => 'admin-jwt', set: () => {} },
  });
  render(
    <AuthProvider api={api}>
      <AdminOrderDocuments orderId={orderId} />
    </AuthProvider>,
  );
  return { calls };
}

describe('AdminOrderDocuments', () => {
  it('lists the facture and the avoir and downloads the PDF with the admin JWT', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:pdf');
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });
    const { calls } = setup();
    const buttons = await screen.findAllByTestId('download-document');
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Facture F-2026-000007 (PDF)',
      'Avoir AV-2026-000002 (PDF)',
    ]);
    expect(screen.getByTestId('order-documents').textContent).toContain('corrige F-2026-000007');
    fireEvent.click(buttons[1]!);
    await waitFor(() => expect(clicked).toEqual(['avoir-AV-2026-000002.pdf']));
    const pdfCall = calls.find((c) => c.url.endsWith('/AV-2026-000002'))!;
    expect(pdfCall).toEqual({
      url: `http://api.test/api/payments/order/${orderId}/documents/AV-2026-000002`,
      auth: 'Bearer admin-jwt',
    });
    expect((await created.mock.results[0]!.value) as string).toBe('blob:pdf');
    click.mockRestore();
    created.mockRestore();
  });

  it('shows the error when the PDF cannot be fetched', async () => {
    setup(404);
    fireEvent.click((await screen.findAllByTestId('download-document'))[0]!);
    expect((await screen.findByRole('alert')).textContent).toBeTruthy();
  });
});
