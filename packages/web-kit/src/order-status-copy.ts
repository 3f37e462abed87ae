/**
 * How each order status and refund status reads, in one table for both front ends: `customer` is the
 * customer site's wording (and the phase its confirmation page shows), `staff` the desk's shorter
 * wording for experts and admins. Badges (`OrderStatusBadge`) take their colour family from `tone`.
 */
import type { OrderStatus, RefundStatus } from '@lumira/shared';

/** Colour family of a badge (`.badge-<tone>` in base.css). */
export type StatusTone = 'info' | 'success' | 'warning' | 'danger' | 'muted';

/** Who reads the status: a customer (main-app) or staff, experts and admins (expert-desk). */
export type StatusAudience = 'customer' | 'staff';

/** The payment phase the confirmation page shows. */
export type PaymentPhase = 'pending' | 'paid' | 'failed' | 'closed';

export type StatusCopy = {
  /** short, for badges and lists */
  label: string;
  /** the customer's confirmation page title */
  heading: string;
  phase: PaymentPhase;
  tone: StatusTone;
};

type StatusEntry = StatusCopy & { staff: { label: string; tone: StatusTone } };

export const ORDER_STATUS_COPY: Record<OrderStatus, StatusEntry> = {
  pending_payment: {
    label: 'Paiement en cours',
    heading: 'Paiement en cours',
    phase: 'pending',
    tone: 'info',
    staff: { label: 'En attente de paiement', tone: 'warning' },
  },
  requires_action: {
    label: 'Authentification requise',
    heading: 'Paiement en cours',
    phase: 'pending',
    tone: 'info',
    staff: { label: 'Authentification requise', tone: 'warning' },
  },
  payment_failed: {
    label: 'Paiement refusé',
    heading: 'Paiement refusé',
    phase: 'failed',
    tone: 'danger',
    staff: { label: 'Paiement refusé', tone: 'danger' },
  },
  paid: {
    label: 'Paiement confirmé',
    heading: 'Paiement confirmé',
    phase: 'paid',
    tone: 'success',
    staff: { label: 'Payée', tone: 'info' },
  },
  in_session: {
    label: 'Consultation en cours',
    heading: 'Consultation en cours',
    phase: 'paid',
    tone: 'success',
    staff: { label: 'Séance en cours', tone: 'info' },
  },
  completed: {
    label: 'Consultation terminée',
    heading: 'Consultation terminée',
    phase: 'paid',
    tone: 'success',
    staff: { label: 'Terminée', tone: 'success' },
  },
  interrupted: {
    label: 'Consultation interrompue',
    heading: 'Consultation interrompue',
    phase: 'paid',
    tone: 'muted',
    staff: { label: 'Interrompue', tone: 'warning' },
  },
  no_show_customer: {
    label: 'Absence du client',
    heading: 'Séance manquée',
    phase: 'paid',
    tone: 'muted',
    staff: { label: 'Client absent', tone: 'danger' },
  },
  no_show_expert: {
    label: 'Absence de l’expert',
    heading: 'Séance non assurée par l’expert',
    phase: 'paid',
    tone: 'muted',
    staff: { label: 'Expert absent', tone: 'danger' },
  },
  cancelled: {
    label: 'Commande annulée',
    heading: 'Commande annulée',
    phase: 'closed',
    tone: 'muted',
    staff: { label: 'Annulée', tone: 'muted' },
  },
  expired: {
    label: 'Commande expirée',
    heading: 'Commande expirée',
    phase: 'closed',
    tone: 'muted',
    staff: { label: 'Expirée', tone: 'muted' },
  },
  partially_refunded: {
    label: 'Partiellement remboursée',
    heading: 'Commande partiellement remboursée',
    phase: 'paid',
    tone: 'muted',
    staff: { label: 'Remboursée en partie', tone: 'warning' },
  },
  refunded: {
    label: 'Remboursée',
    heading: 'Commande remboursée',
    phase: 'closed',
    tone: 'muted',
    staff: { label: 'Remboursée', tone: 'muted' },
  },
};

/** The customer's copy of a status (an unknown status reads as itself). */
export function statusCopy(status: OrderStatus): StatusCopy {
  return ORDER_STATUS_COPY[status] ?? { label: status, heading: status, phase: 'closed', tone: 'muted' };
}

/** The badge text and colour of a status for one audience. */
export function statusLabel(
  status: OrderStatus,
  audience: StatusAudience,
): { label: string; tone: StatusTone } {
  const entry = ORDER_STATUS_COPY[status];
  if (!entry) return { label: status, tone: 'muted' };
  return audience === 'staff' ? entry.staff : { label: entry.label, tone: entry.tone };
}

/** A refund's state: the customer's sentence ending and the desk's label. */
export const REFUND_STATUS_COPY: Record<RefundStatus, { customer: string; staff: string }> = {
  pending: { customer: 'en cours', staff: 'En cours' },
  succeeded: { customer: 'effectué', staff: 'Effectué' },
  failed: { customer: 'échoué, notre équipe s’en occupe', staff: 'Échoué' },
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
