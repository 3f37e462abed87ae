import { describe, expect, it } from 'vitest';
import type { OrderHistoryEntry, OrderView } from './contract/payments';
import { normalizeSpaces } from './money';
import {
  firstNameOf,
  historyLineFr,
  orderReference,
  refundExplanationFr,
  tierNameInSentence,
} from './order-text';

const order = { amount: 7900, currency: 'EUR' as const };
const entry = (
  to: OrderHistoryEntry['to'],
  cause: OrderHistoryEntry['cause'],
  note: string | null,
  from: OrderHistoryEntry['from'] = 'paid',
) => ({
  from,
  to,
  cause,
  note,
});

describe('historyLineFr', () => {
  it.each([
    [entry('pending_payment', 'customer', 'order created', null), 'Commande créée'],
    [
      entry('payment_failed', 'provider_event', 'payment failed: card_declined', 'pending_payment'),
      'Paiement refusé (carte refusée)',
    ],
    [
      entry('payment_failed', 'provider_event', 'payment failed: insufficient_funds', 'pending_payment'),
      'Paiement refusé (provision insuffisante)',
    ],
    [
      entry('payment_failed', 'provider_event', 'payment failed: something_new', 'pending_payment'),
      'Paiement refusé (refusé par la banque)',
    ],
    [
      entry('paid', 'provider_event', 'PaymentIntent succeeded', 'pending_payment'),
      'Paiement de 79,00 € reçu',
    ],
    [entry('in_session', 'expert', 'session started'), 'Séance démarrée par l’expert'],
    [
      entry('interrupted', 'expert', 'session interrupted; pro-rata refund proposed: 1836', 'in_session'),
      'Séance interrompue par l’expert : remboursement proposé de 18,36 €',
    ],
    [
      entry(
        'partially_refunded',
        'provider_event',
        'refund 674123456789abcdef000001 succeeded (7636 EUR)',
        'interrupted',
      ),
      'Remboursement de 76,36 € effectué',
    ],
    [entry('refunded', 'admin', null, 'no_show_expert'), 'Remboursement effectué'],
    [entry('cancelled', 'customer', 'cancelled by the customer'), 'Commande annulée par le client'],
    [
      entry('expired', 'reconciliation', 'not paid within the expiry time', 'pending_payment'),
      'Commande expirée : non payée dans le délai',
    ],
    [
      entry('no_show_expert', 'expert', 'expert did not show up: full refund'),
      'Expert absent : remboursement intégral lancé',
    ],
  ])('%o -> %s', (e, expected) => {
    const line = normalizeSpaces(historyLineFr(e, order));
    expect(line).toBe(expected);
    expect(line).not.toMatch(/refund|succeeded|EUR|payment|session/);
  });
});

describe('orderReference', () => {
  it('is the full id, the same on every page', () => {
    expect(orderReference('6B15C1F41EFF0F66DB69AC9B')).toBe('6b15c1f41eff0f66db69ac9b');
  });
});

describe('refundExplanationFr', () => {
  const base = (
    to: OrderHistoryEntry['to'][],
    refundedAmount: number,
    cause: OrderHistoryEntry['cause'] = 'expert',
  ) =>
    ({
      amount: 2900,
      currency: 'EUR',
      refundedAmount,
      refunds:
        refundedAmount > 0
          ? [{ id: 'r', amount: refundedAmount, status: 'succeeded', reason: 'x', createdAt: '' }]
          : [],
      history: to.map((s) => ({ from: null, to: s, cause, note: null, at: '' })),
    }) as Pick<OrderView, 'history' | 'refunds' | 'refundedAmount' | 'amount' | 'currency'>;

  it.each([
    [['paid', 'in_session', 'interrupted', 'partially_refunded'], 1836, 'expert', 'interruption', false],
    [['paid', 'no_show_expert', 'refunded'], 2900, 'expert', 'expert_absent', true],
    [['paid', 'cancelled', 'refunded'], 2900, 'customer', 'cancellation', false],
    [['paid', 'in_session', 'completed', 'partially_refunded'], 500, 'admin', 'goodwill', false],
  ] as const)('%o -> %s', (statuses, refunded, cause, expected, rebook) => {
    const explanation = refundExplanationFr(base([...statuses], refunded, cause));
    expect(explanation?.cause).toBe(expected);
    expect(explanation?.offerRebooking).toBe(rebook);
    expect(explanation?.delay).toContain('5 à 10 jours ouvrés');
  });

  it('says nothing when nothing is refunded', () => {
    expect(refundExplanationFr(base(['paid', 'in_session', 'completed'], 0))).toBeNull();
  });
});

describe('firstNameOf', () => {
  it.each([
    ['Marie Curie', 'Marie'],
    ['  Jean-Luc   Picard ', 'Jean-Luc'],
    ['🌙 Luna', 'Luna'],
    ['🌙', null],
    ['🌙 ✨', null],
    ['', null],
    [null, null],
    ['Élodie', 'Élodie'],
  ])('%o -> %o', (name, expected) => {
    expect(firstNameOf(name)).toBe(expected);
  });
});

describe('tierNameInSentence', () => {
  it.each([
    ['Consultation VIP', 'consultation VIP'],
    ['Consultation Premium', 'consultation Premium'],
    ['Consultation Basique', 'consultation Basique'],
    ['VIP', 'VIP'],
    ['Écoute', 'écoute'],
  ])('%s -> %s', (name, expected) => {
    expect(tierNameInSentence(name)).toBe(expected);
  });
});
