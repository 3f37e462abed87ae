import type { OrderStatus, TransitionCause } from '@lumira/shared';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: 'En attente de paiement',
  requires_action: 'Authentification requise',
  payment_failed: 'Paiement refusé',
  paid: 'Payée',
  in_session: 'Séance en cours',
  completed: 'Terminée',
  interrupted: 'Interrompue',
  no_show_customer: 'Client absent',
  no_show_expert: 'Expert absent',
  cancelled: 'Annulée',
  expired: 'Expirée',
  partially_refunded: 'Remboursée en partie',
  refunded: 'Remboursée',
};

/** Colour family of a status badge. */
export function statusTone(status: OrderStatus): 'info' | 'success' | 'warning' | 'danger' | 'muted' {
  switch (status) {
    case 'paid':
    case 'in_session':
      return 'info';
    case 'completed':
      return 'success';
    case 'interrupted':
    case 'partially_refunded':
    case 'requires_action':
    case 'pending_payment':
      return 'warning';
    case 'payment_failed':
    case 'no_show_customer':
    case 'no_show_expert':
      return 'danger';
    default:
      return 'muted';
  }
}

export const CAUSE_LABELS: Record<TransitionCause, string> = {
  customer: 'client',
  expert: 'expert',
  admin: 'administrateur',
  provider_event: 'Stripe',
  reconciliation: 'rapprochement',
};

export const REFUND_STATUS_LABELS: Record<'pending' | 'succeeded' | 'failed', string> = {
  pending: 'En cours',
  succeeded: 'Effectué',
  failed: 'Échoué',
};

/** Stripe's refund `failure_reason` values, in French (unknown codes are shown as they are). */
export const REFUND_FAILURE_LABELS: Record<string, string> = {
  expired_or_canceled_card: 'carte expirée ou annulée',
  lost_or_stolen_card: 'carte perdue ou volée',
  charge_for_pending_refund_disputed: 'paiement contesté pendant le remboursement',
  insufficient_funds: 'fonds insuffisants',
  declined: 'refusé par la banque',
  merchant_request: 'annulé à la demande du marchand',
  unknown: 'raison inconnue',
};
