import { ORDER_STATUSES } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUS_COPY, REFUND_STATUS_COPY, statusCopy, statusLabel } from './order-status-copy';

describe('order status copy', () => {
  it('has French copy for every status of the shared state machine, for both audiences', () => {
    for (const status of ORDER_STATUSES) {
      expect(ORDER_STATUS_COPY[status]?.label).toBeTruthy();
      expect(ORDER_STATUS_COPY[status]?.staff.label).toBeTruthy();
    }
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

  it('gives staff their own wording and colour', () => {
    expect(statusLabel('paid', 'customer')).toEqual({ label: 'Paiement confirmé', tone: 'success' });
    expect(statusLabel('paid', 'staff')).toEqual({ label: 'Payée', tone: 'info' });
    expect(statusLabel('pending_payment', 'staff')).toEqual({
      label: 'En attente de paiement',
      tone: 'warning',
    });
  });

  it('reads an unknown status as itself, muted', () => {
    const unknown = 'archived' as never;
    expect(statusLabel(unknown, 'staff')).toEqual({ label: 'archived', tone: 'muted' });
    expect(statusCopy(unknown)).toMatchObject({ label: 'archived', phase: 'closed' });
  });

  it('words every refund status for both audiences', () => {
    expect(REFUND_STATUS_COPY.failed).toEqual({
      customer: 'échoué, notre équipe s’en occupe',
      staff: 'Échoué',
    });
  });
});
