// @vitest-environment happy-dom
import { normalizeSpaces } from '@lumira/shared';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { orderFixture } from '../test/order-fixture';
import { OrderHistory } from './order-history';

afterEach(cleanup);

// the notes the API writes, as stored (English, amounts in cents)
const order = orderFixture({
  status: 'partially_refunded',
  amount: 2900,
  history: [
    {
      from: null,
      to: 'pending_payment',
      cause: 'customer',
      note: 'order created',
      at: '2026-11-26T10:00:00.000Z',
    },
    {
      from: 'pending_payment',
      to: 'payment_failed',
      cause: 'provider_event',
      note: 'payment failed: card_declined',
      at: '2026-11-26T10:00:30.000Z',
    },
    {
      from: 'payment_failed',
      to: 'paid',
      cause: 'provider_event',
      note: 'PaymentIntent succeeded',
      at: '2026-11-26T10:01:00.000Z',
    },
    {
      from: 'paid',
      to: 'in_session',
      cause: 'expert',
      note: 'session started',
      at: '2026-11-26T10:02:00.000Z',
    },
    {
      from: 'in_session',
      to: 'interrupted',
      cause: 'expert',
      note: 'session interrupted; pro-rata refund proposed: 1836',
      at: '2026-11-26T10:12:00.000Z',
    },
    {
      from: 'interrupted',
      to: 'partially_refunded',
      cause: 'provider_event',
      note: 'refund 674123456789abcdef000001 succeeded (1836 EUR)',
      at: '2026-11-26T10:15:00.000Z',
    },
  ],
});

describe('OrderHistory', () => {
  it('tells each event in French with euros, never the raw English note or cents', () => {
    render(<OrderHistory order={order} />);
    const lines = screen.getAllByTestId('history-line').map((li) => normalizeSpaces(li.textContent ?? ''));
    expect(lines.map((l) => l.replace(/^.*?\d{2}:\d{2}/, ''))).toEqual([
      'Commande créée · En attente de paiement',
      'Paiement refusé (carte refusée)',
      'Paiement de 29,00 € reçu · Payée',
      'Séance démarrée par l’expert · Séance en cours',
      'Séance interrompue par l’expert : remboursement proposé de 18,36 € · Interrompue',
      'Remboursement de 18,36 € effectué · Remboursée en partie',
    ]);
    const text = lines.join('\n');
    expect(text).not.toMatch(/succeeded|refund |payment failed|card_declined|EUR|1836/);
  });

  it('says so when there is nothing yet', () => {
    render(<OrderHistory order={{ ...order, history: [] }} />);
    expect(screen.getByText('Aucun événement.')).toBeTruthy();
  });
});
