/**
 * How an order is told to people, in French, the same way in every app: its reference, each line of its
 * history (amounts in euros, never cents), and why a refund happened and when the money arrives.
 */

import type { OrderHistoryEntry, OrderView } from './contract/payments';
import type { Currency } from './money';
import { formatMoney, type Money } from './money';
import type { OrderStatus } from './order-status';

/**
 * THE order reference shown to customers, experts and admins: the order's full id (what the
 * confirmation page, e-mails and the admin search all use), lower-case. Never a shortened form: a
 * shortened one cannot be searched and does not match what the customer reads.
 */
export function orderReference(orderId: string): string {
  return orderId.trim().toLowerCase();
}

/**
 * The name to greet a person with: the first word of their name that has a letter in it ("🌙 Marie
 * Curie" -> "Marie"); null when the name has none (only emoji, digits or nothing).
 */
export function firstNameOf(name: string | null | undefined): string | null {
  const words = (name ?? '').trim().split(/\s+/);
  const word = words.find((w) => /\p{L}/u.test(w));
  return word ?? null;
}

/**
 * A tier's name inside a sentence ("Votre consultation VIP avec …"): only its first letter goes to
 * lower case, so an acronym keeps its capitals ("Consultation VIP" -> "consultation VIP").
 */
export function tierNameInSentence(name: string): string {
  const [first = '', second = ''] = [...name];
  if (second && second === second.toUpperCase() && second !== second.toLowerCase()) return name;
  return first.toLowerCase() + name.slice(first.length);
}

/** Card decline codes as a customer or an admin understands them. */
const DECLINE_REASONS_FR: Readonly<Record<string, string>> = {
  card_declined: 'carte refusée',
  generic_decline: 'carte refusée',
  insufficient_funds: 'provision insuffisante',
  expired_card: 'carte expirée',
  incorrect_cvc: 'cryptogramme incorrect',
  incorrect_number: 'numéro de carte incorrect',
  processing_error: 'erreur de traitement de la banque',
  authentication_required: 'authentification 3-D Secure non réalisée',
  payment_intent_authentication_failure: 'authentification 3-D Secure échouée',
  lost_card: 'carte déclarée perdue',
  stolen_card: 'carte déclarée volée',
  fraudulent: 'paiement refusé par la banque',
};

const BY_FR: Readonly<Record<OrderHistoryEntry['cause'], string>> = {
  customer: 'par le client',
  expert: 'par l’expert',
  admin: 'par l’administrateur',
  provider_event: 'par Stripe',
  reconciliation: 'par le rapprochement automatique',
};

/** An amount written by the API in a history note: "(7636 EUR)" or "proposed: 1836". */
function amountInNote(note: string | null, currency: Currency): Money | null {
  if (!note) return null;
  const withCurrency = /\((\d+) ([A-Z]{3})\)/.exec(note);
  if (withCurrency && withCurrency[2] === currency) return { amount: Number(withCurrency[1]), currency };
  const proposed = /proposed: (\d+)/.exec(note);
  if (proposed) return { amount: Number(proposed[1]), currency };
  return null;
}

/**
 * One line of an order's history in French, e.g. "Remboursement de 76,36 € effectué",
 * "Paiement refusé (carte refusée)", "Séance interrompue : remboursement proposé de 18,36 €".
 */
export function historyLineFr(
  entry: Pick<OrderHistoryEntry, 'from' | 'to' | 'cause' | 'note'>,
  order: { amount: number; currency: Currency },
): string {
  const money = (m: Money) => formatMoney(m);
  const noted = amountInNote(entry.note, order.currency);
  switch (entry.to) {
    case 'pending_payment':
      return entry.from === null ? 'Commande créée' : 'Nouvelle tentative de paiement';
    case 'requires_action':
      return 'Authentification 3-D Secure demandée par la banque';
    case 'payment_failed': {
      const code = entry.note?.match(/payment failed: (\w+)/)?.[1];
      const reason = code ? (DECLINE_REASONS_FR[code] ?? 'refusé par la banque') : null;
      return reason ? `Paiement refusé (${reason})` : 'Paiement refusé';
    }
    case 'paid':
      return `Paiement de ${money({ amount: order.amount, currency: order.currency })} reçu`;
    case 'in_session':
      return `Séance démarrée ${BY_FR[entry.cause]}`;
    case 'completed':
      return `Séance terminée ${BY_FR[entry.cause]}`;
    case 'interrupted':
      return noted
        ? `Séance interrompue ${BY_FR[entry.cause]} : remboursement proposé de ${money(noted)}`
        : `Séance interrompue ${BY_FR[entry.cause]}`;
    case 'no_show_customer':
      return 'Client absent à la séance';
    case 'no_show_expert':
      return 'Expert absent : remboursement intégral lancé';
    case 'cancelled':
      return `Commande annulée ${BY_FR[entry.cause]}`;
    case 'expired':
      return 'Commande expirée : non payée dans le délai';
    case 'partially_refunded':
    case 'refunded':
      return noted ? `Remboursement de ${money(noted)} effectué` : 'Remboursement effectué';
    default:
      return entry.to;
  }
}

export type RefundCause = 'interruption' | 'expert_absent' | 'cancellation' | 'goodwill';

export type RefundExplanation = {
  cause: RefundCause;
  /** why, in one sentence */
  reason: string;
  /** when the money arrives */
  delay: string;
  /** an expert no-show: offer to book again */
  offerRebooking: boolean;
};

export const REFUND_DELAY_FR =
  'Le montant est reversé sur la carte utilisée pour le paiement : il apparaît sur votre relevé sous 5 à 10 jours ouvrés, selon votre banque.';

const CAUSE_STATUSES: readonly OrderStatus[] = ['interrupted', 'no_show_expert', 'cancelled'];

/**
 * Why this order was (or is being) refunded, for the customer's page; null when nothing is refunded or
 * under way. The cause is read from the order's history (the session's end), not from free text.
 */
export function refundExplanationFr(
  order: Pick<OrderView, 'history' | 'refunds' | 'refundedAmount' | 'amount' | 'currency'>,
): RefundExplanation | null {
  const moving = order.refunds.some((r) => r.status !== 'failed');
  if (order.refundedAmount === 0 && !moving) return null;
  const ended = [...order.history].reverse().find((h) => CAUSE_STATUSES.includes(h.to));
  const full = order.refundedAmount >= order.amount;
  switch (ended?.to) {
    case 'interrupted':
      return {
        cause: 'interruption',
        reason: full
          ? 'Votre séance a été interrompue : elle vous est remboursée intégralement.'
          : 'Votre séance a été interrompue avant son terme : les minutes non utilisées vous sont remboursées.',
        delay: REFUND_DELAY_FR,
        offerRebooking: false,
      };
    case 'no_show_expert':
      return {
        cause: 'expert_absent',
        reason:
          'Votre expert n’a pas pu assurer la séance : elle vous est remboursée intégralement. Nous en sommes désolés.',
        delay: REFUND_DELAY_FR,
        offerRebooking: true,
      };
    case 'cancelled':
      return {
        cause: 'cancellation',
        reason:
          ended.cause === 'customer'
            ? 'Vous avez annulé la séance avant son début : elle vous est remboursée.'
            : 'La séance a été annulée par Lumira avant son début : elle vous est remboursée.',
        delay: REFUND_DELAY_FR,
        offerRebooking: ended.cause !== 'customer',
      };
    default:
      return {
        cause: 'goodwill',
        reason: 'Notre équipe vous a accordé un remboursement.',
        delay: REFUND_DELAY_FR,
        offerRebooking: false,
      };
  }
}
