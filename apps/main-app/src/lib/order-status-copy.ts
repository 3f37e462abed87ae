/** How each order status reads for a customer, and which phase of the payment it belongs to. */
import type { OrderStatus } from '@lumira/shared';

/** The payment phase the confirmation page shows. */
export type PaymentPhase = 'pending' | 'paid' | 'failed' | 'closed';

type StatusCopy = {
  /** short, for badges and lists */
  label: string;
  /** the confirmation page's title */
  heading: string;
  phase: PaymentPhase;
  tone: 'info' | 'success' | 'danger' | 'muted';
};

export const ORDER_STATUS_COPY: Record<OrderStatus, StatusCopy> = {
  pending_payment: {
    label: 'Paiement en cours',
    heading: 'Paiement en cours',
    phase: 'pending',
    tone: 'info',
  },
  requires_action: {
    label: 'Authentification requise',
    heading: 'Paiement en cours',
    phase: 'pending',
    tone: 'info',
  },
  payment_failed: { label: 'Paiement refusé', heading: 'Paiement refusé', phase: 'failed', tone: 'danger' },
  paid: { label: 'Paiement confirmé', heading: 'Paiement confirmé', phase: 'paid', tone: 'success' },
  in_session: {
    label: 'Consultation en cours',
    heading: 'Consultation en cours',
    phase: 'paid',
    tone: 'success',
  },
  completed: {
    label: 'Consultation terminée',
    heading: 'Consultation terminée',
    phase: 'paid',
    tone: 'success',
  },
  interrupted: {
    label: 'Consultation interrompue',
    heading: 'Consultation interrompue',
    phase: 'paid',
    tone: 'muted',
  },
  no_show_customer: { label: 'Absence du client', heading: 'Séance manquée', phase: 'paid', tone: 'muted' },
  no_show_expert: {
    label: "Absence de l'expert",
    heading: "Séance non assurée par l'expert",
    phase: 'paid',
    tone: 'muted',
  },
  cancelled: { label: 'Commande annulée', heading: 'Commande annulée', phase: 'closed', tone: 'muted' },
  expired: { label: 'Commande expirée', heading: 'Commande expirée', phase: 'closed', tone: 'muted' },
  partially_refunded: {
    label: 'Partiellement remboursée',
    heading: 'Commande partiellement remboursée',
    phase: 'paid',
    tone: 'muted',
  },
  refunded: { label: 'Remboursée', heading: 'Commande remboursée', phase: 'closed', tone: 'muted' },
};

export function statusCopy(status: OrderStatus): StatusCopy {
  return ORDER_STATUS_COPY[status] ?? { label: status, heading: status, phase: 'closed', tone: 'muted' };
}

/** "30 min", "1 h", "1 h 30", "2 h". */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

/** "26 novembre 2026 à 14:05" in French, in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(date);
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone }).format(
    date,
  );
  return `${day} à ${time}`;
}
