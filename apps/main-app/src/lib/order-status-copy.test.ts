import { ORDER_STATUSES } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, ORDER_STATUS_COPY, statusCopy } from './order-status-copy';

describe('order status copy', () => {
  it('has French copy for every status of the shared state machine', () => {
    for (const status of ORDER_STATUSES) expect(ORDER_STATUS_COPY[status]?.label).toBeTruthy();
  });

  it.each([
    ['pending_payment', 'Paiement en cours', 'pending'],
    ['requires_action', 'Authentification requise', 'pending'],
    ['paid', 'Paiement confirmé', 'paid'],
    ['payment_failed', 'Paiement refusé', 'failed'],
    ['partially_refunded', 'Partiellement remboursée', 'paid'],
    ['refunded', 'Remboursée', 'closed'],
    ['cancelled', 'Commande annulée', 'closed'],
  ] as const)('%s reads "%s" (%s)', (status, label, phase) => {
    expect(statusCopy(status)).toMatchObject({ label, phase });
  });
});

describe('formatDuration', () => {
  it.each([
    [30, '30 min'],
    [60, '1 h'],
    [90, '1 h 30'],
    [120, '2 h'],
    [125, '2 h 05'],
  ])('%i minutes -> %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe('formatDateTime', () => {
  it('formats in French', () => {
    expect(formatDateTime('2026-11-26T13:05:00.000Z', 'Europe/Paris')).toBe('26 novembre 2026 à 14:05');
  });
  it('returns an empty string for nothing or garbage', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
  });
});
