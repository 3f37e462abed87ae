/**
 * Why a refund happened, in the words shown to the customer (e-mails, credit notes). An admin's refund
 * reason is free text typed for the customer: it is shown as typed.
 */
import type { RefundReason } from '@lumira/shared';

const COPY: Readonly<Record<RefundReason, string>> = {
  customer_cancelled_before_session: 'annulation de votre commande avant la séance',
  expert_cancelled: 'annulation de la séance par l’expert',
  admin_cancelled: 'annulation de la commande par notre équipe',
  expert_no_show: 'absence de l’expert à la séance',
  session_interrupted_prorata: 'séance interrompue : remboursement des minutes non utilisées',
  customer_no_show: 'geste commercial après une séance manquée',
  session_completed: 'geste commercial après votre séance',
  admin_discretion: 'geste commercial de notre équipe',
  payment_after_order_closed: 'paiement reçu après la clôture de la commande',
};

/** A policy reason in customer words; a reason an admin typed is shown as typed. */
export function refundReasonCopy(reason: string): string {
  return COPY[reason as RefundReason] ?? reason;
}
