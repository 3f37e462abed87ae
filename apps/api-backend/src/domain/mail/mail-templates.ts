/**
 * The content of each e-mail, in French, from plain facts (pure: unit-tested without a database).
 * Links arrive already absolute and already carry their scoped token.
 */
import type { MailContent } from './mail-layout';

export type OrderFacts = {
  orderId: string;
  customerName: string | null;
  tierName: string;
  durationMinutes: number;
  expertName: string;
  /** Formatted, e.g. "79,00 €". */
  amount: string;
  /** Formatted date and time (Paris). */
  paidAt: string | null;
};

export type OrderLinks = {
  /** The order's follow-up page (status, cancel, invoice). */
  followUrl: string;
  /** The consultation room. */
  roomUrl: string;
  /** Until when the links work (formatted). */
  validUntil: string;
};

function hello(name: string | null): string {
  return name ? `Bonjour ${name},` : 'Bonjour,';
}

function orderRows(order: OrderFacts): [string, string][] {
  return [
    ['Consultation', `${order.tierName} (${order.durationMinutes} min)`],
    ['Avec', order.expertName],
    ['Montant', order.amount],
    ['Commande', order.orderId],
  ];
}

export function orderConfirmationMail(order: OrderFacts, links: OrderLinks): MailContent {
  return {
    subject: `Votre consultation avec ${order.expertName} est confirmée`,
    preheader:
      'Votre paiement est confirmé. Voici le lien pour suivre votre commande et rejoindre la séance.',
    heading: 'Votre consultation est confirmée',
    blocks: [
      { kind: 'paragraph', text: hello(order.customerName) },
      {
        kind: 'paragraph',
        text: `Merci pour votre confiance. Votre paiement est confirmé et ${order.expertName} a reçu votre demande.`,
      },
      { kind: 'facts', rows: orderRows(order) },
      { kind: 'action', label: 'Rejoindre la salle de consultation', url: links.roomUrl },
      { kind: 'action', label: 'Suivre ma commande', url: links.followUrl },
      {
        kind: 'paragraph',
        text: `Nous vous écrirons dès que ${order.expertName} ouvrira la séance. Vous pouvez annuler depuis la page de suivi tant que la séance n’a pas commencé : vous êtes alors remboursé intégralement.`,
      },
      {
        kind: 'note',
        text: `Ces liens sont personnels : ne les transférez pas. Ils fonctionnent jusqu’au ${links.validUntil}. Votre reçu et votre facture arrivent dans un e-mail séparé.`,
      },
    ],
  };
}

export function orderReceiptMail(
  order: OrderFacts,
  invoice: { reference: string; method: string },
  links: OrderLinks,
): MailContent {
  return {
    subject: `Votre reçu et votre facture ${invoice.reference}`,
    preheader: `Paiement de ${order.amount} reçu. Votre facture est jointe au format PDF.`,
    heading: 'Reçu de paiement',
    blocks: [
      { kind: 'paragraph', text: hello(order.customerName) },
      {
        kind: 'paragraph',
        text: 'Nous avons bien reçu votre paiement. Votre facture est jointe à cet e-mail (PDF).',
      },
      {
        kind: 'facts',
        rows: [
          ['Facture', invoice.reference],
          ['Montant payé', order.amount],
          ['Date du paiement', order.paidAt ?? ''],
          ['Moyen de paiement', invoice.method],
          ['Consultation', `${order.tierName} (${order.durationMinutes} min) avec ${order.expertName}`],
        ],
      },
      { kind: 'action', label: 'Voir ma commande et télécharger la facture', url: links.followUrl },
      { kind: 'note', text: `Ce lien personnel fonctionne jusqu’au ${links.validUntil}.` },
    ],
  };
}

export function sessionStartedMail(order: OrderFacts, links: OrderLinks): MailContent {
  return {
    subject: `${order.expertName} vous attend`,
    preheader: 'Votre séance a commencé : rejoignez la salle de consultation.',
    heading: 'Votre expert vous attend',
    blocks: [
      { kind: 'paragraph', text: hello(order.customerName) },
      {
        kind: 'paragraph',
        text: `${order.expertName} vient d’ouvrir votre séance (${order.tierName}, ${order.durationMinutes} min). Rejoignez la salle dès maintenant.`,
      },
      { kind: 'action', label: 'Rejoindre la salle de consultation', url: links.roomUrl },
      {
        kind: 'note',
        text: `Commande ${order.orderId}. Ce lien personnel fonctionne jusqu’au ${links.validUntil}.`,
      },
    ],
  };
}

export function refundNoticeMail(
  order: OrderFacts,
  refund: { amount: string; reason: string; creditNoteReference: string | null },
  links: OrderLinks,
): MailContent {
  return {
    subject: `Remboursement de ${refund.amount} pour votre commande`,
    preheader: `Nous vous remboursons ${refund.amount} sur votre carte, sous 5 à 10 jours ouvrés.`,
    heading: 'Votre remboursement est en route',
    blocks: [
      { kind: 'paragraph', text: hello(order.customerName) },
      {
        kind: 'paragraph',
        text: `Nous vous remboursons ${refund.amount} sur la carte utilisée pour le paiement. Le montant apparaîtra sur votre relevé sous 5 à 10 jours ouvrés, selon votre banque.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Montant remboursé', refund.amount],
          ['Motif', refund.reason],
          ['Consultation', `${order.tierName} avec ${order.expertName}`],
          ['Commande', order.orderId],
          ...(refund.creditNoteReference
            ? ([['Avoir', `${refund.creditNoteReference} (joint en PDF)`]] as [string, string][])
            : []),
        ],
      },
      { kind: 'action', label: 'Voir ma commande', url: links.followUrl },
      { kind: 'note', text: `Ce lien personnel fonctionne jusqu’au ${links.validUntil}.` },
    ],
  };
}

/** An account e-mail: a greeting, one paragraph, one single-use link and its validity note. */
function accountLinkMail(parts: {
  subject: string;
  preheader: string;
  heading: string;
  name: string;
  text: string;
  label: string;
  url: string;
  note: string;
}): MailContent {
  return {
    subject: parts.subject,
    preheader: parts.preheader,
    heading: parts.heading,
    blocks: [
      { kind: 'paragraph', text: hello(parts.name) },
      { kind: 'paragraph', text: parts.text },
      { kind: 'action', label: parts.label, url: parts.url },
      { kind: 'note', text: parts.note },
    ],
  };
}

export function emailVerificationMail(name: string, url: string, validUntil: string): MailContent {
  return accountLinkMail({
    subject: 'Confirmez votre adresse e-mail',
    preheader: 'Un clic pour confirmer votre adresse et retrouver vos commandes.',
    heading: 'Confirmez votre adresse e-mail',
    name,
    text: 'Confirmez votre adresse pour sécuriser votre compte. Les commandes passées sans compte avec cette adresse apparaîtront alors dans « Mes commandes ».',
    label: 'Confirmer mon adresse e-mail',
    url,
    note: `Ce lien fonctionne une fois, jusqu’au ${validUntil}. Si vous n’avez pas créé de compte Lumira Oracle, ignorez cet e-mail.`,
  });
}

export function passwordResetMail(name: string, url: string, validUntil: string): MailContent {
  return accountLinkMail({
    subject: 'Réinitialisation de votre mot de passe',
    preheader: 'Choisissez un nouveau mot de passe pour votre compte Lumira Oracle.',
    heading: 'Choisissez un nouveau mot de passe',
    name,
    text: 'Vous avez demandé à réinitialiser le mot de passe de votre compte. Suivez ce lien pour en choisir un nouveau.',
    label: 'Choisir un nouveau mot de passe',
    url,
    note: `Ce lien fonctionne une fois, jusqu’au ${validUntil}. Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe reste inchangé.`,
  });
}

/**
 * To the holder of an account when someone tried to create another account with the same address:
 * nothing changed; how to log in, and how to choose a new password if it was them and they forgot it.
 */
export function registrationAttemptMail(
  name: string,
  links: { loginUrl: string; resetUrl: string },
): MailContent {
  return {
    subject: 'Tentative de création de compte avec votre adresse',
    preheader: 'Votre adresse a déjà un compte Lumira Oracle : rien n’a été modifié.',
    heading: 'Votre adresse a déjà un compte',
    blocks: [
      { kind: 'paragraph', text: hello(name) },
      {
        kind: 'paragraph',
        text: 'Quelqu’un vient d’essayer de créer un compte Lumira Oracle avec votre adresse e-mail. Votre adresse a déjà un compte : aucun nouveau compte n’a été créé et rien n’a été modifié.',
      },
      { kind: 'paragraph', text: 'Si c’était vous, connectez-vous avec votre compte existant.' },
      { kind: 'action', label: 'Me connecter', url: links.loginUrl },
      {
        kind: 'paragraph',
        text: 'Vous avez oublié votre mot de passe ? Demandez un lien pour en choisir un nouveau.',
      },
      { kind: 'action', label: 'Mot de passe oublié', url: links.resetUrl },
      {
        kind: 'note',
        text: 'Si ce n’était pas vous, vous n’avez rien à faire : votre compte et votre mot de passe restent inchangés.',
      },
    ],
  };
}
