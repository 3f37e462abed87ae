/** Copy in English and French. Error messages match Stripe's English wording. */

export type Locale = 'en' | 'fr';

const MESSAGES: Record<Locale, Record<string, string>> = {
  en: {
    incomplete_number: 'Your card number is incomplete.',
    invalid_number: 'Your card number is invalid.',
    incomplete_expiry: "Your card's expiration date is incomplete.",
    invalid_expiry_month: "Your card's expiration month is invalid.",
    invalid_expiry_year: "Your card's expiration year is invalid.",
    invalid_expiry_month_past: "Your card's expiration date is in the past.",
    invalid_expiry_year_past: "Your card's expiration year is in the past.",
    incomplete_cvc: "Your card's security code is incomplete.",
    payment_intent_authentication_failure:
      'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    setup_intent_authentication_failure:
      'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    api_connection_error: 'We could not reach the payment server. Check your connection and try again.',
    labelNumber: 'Card number',
    labelExpiry: 'Expiration date',
    labelCvc: 'Security code',
    placeholderNumber: '1234 1234 1234 1234',
    placeholderCardNumber: 'Card number',
    placeholderExpiry: 'MM / YY',
    placeholderCvc: 'CVC',
    cardTab: 'Card',
    threeDsTitle: '3-D Secure authentication',
    threeDsFrame: 'Card issuer authentication page',
    testMode: 'Sandbox — no real payment',
    labelEmail: 'Email',
    labelName: 'Full name',
    labelLine1: 'Address',
    labelLine2: 'Address line 2 (optional)',
    labelCity: 'City',
    labelState: 'State or region (optional)',
    labelPostalCode: 'Postal code',
    labelCountry: 'Country or region',
    labelPhone: 'Phone number',
    incomplete_email: 'Your email is incomplete.',
    invalid_email: 'Your email address is invalid.',
    incomplete_name: 'Your name is incomplete.',
    incomplete_line1: 'Your address is incomplete.',
    incomplete_city: 'Your city is incomplete.',
    incomplete_postal_code: 'Your postal code is incomplete.',
    incomplete_country: 'Please select a country.',
    incomplete_phone: 'Your phone number is incomplete.',
    linkNote: 'Link is not available in this offline sandbox: the email is collected and passed on.',
    walletNote:
      'Wallets (Apple Pay, Google Pay, Link) are not available in this offline sandbox. Pay by card below.',
    walletButton: 'Wallet payment unavailable (offline sandbox)',
    threeDsClose: 'Cancel authentication',
  },
  fr: {
    incomplete_number: 'Le numéro de carte est incomplet.',
    invalid_number: "Le numéro de carte n'est pas valide.",
    incomplete_expiry: "La date d'expiration de la carte est incomplète.",
    invalid_expiry_month: "Le mois d'expiration de la carte n'est pas valide.",
    invalid_expiry_year: "L'année d'expiration de la carte n'est pas valide.",
    invalid_expiry_month_past: "La date d'expiration de la carte est dépassée.",
    invalid_expiry_year_past: "L'année d'expiration de la carte est dépassée.",
    incomplete_cvc: 'Le code de sécurité de la carte est incomplet.',
    payment_intent_authentication_failure:
      "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
    setup_intent_authentication_failure:
      "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
    api_connection_error: 'Le serveur de paiement est injoignable. Vérifiez votre connexion et réessayez.',
    labelNumber: 'Numéro de carte',
    labelExpiry: "Date d'expiration",
    labelCvc: 'Code de sécurité',
    placeholderNumber: '1234 1234 1234 1234',
    placeholderCardNumber: 'Numéro de carte',
    placeholderExpiry: 'MM / AA',
    placeholderCvc: 'CVC',
    cardTab: 'Carte',
    threeDsTitle: 'Authentification 3-D Secure',
    threeDsFrame: "Page d'authentification de la banque",
    testMode: 'Bac à sable — aucun paiement réel',
    labelEmail: 'E-mail',
    labelName: 'Nom complet',
    labelLine1: 'Adresse',
    labelLine2: "Complément d'adresse (facultatif)",
    labelCity: 'Ville',
    labelState: 'Région (facultatif)',
    labelPostalCode: 'Code postal',
    labelCountry: 'Pays ou région',
    labelPhone: 'Numéro de téléphone',
    incomplete_email: "L'adresse e-mail est incomplète.",
    invalid_email: "L'adresse e-mail n'est pas valide.",
    incomplete_name: 'Le nom est incomplet.',
    incomplete_line1: "L'adresse est incomplète.",
    incomplete_city: 'La ville est incomplète.',
    incomplete_postal_code: 'Le code postal est incomplet.',
    incomplete_country: 'Veuillez choisir un pays.',
    incomplete_phone: 'Le numéro de téléphone est incomplet.',
    linkNote: "Link n'est pas disponible dans ce bac à sable hors ligne : l'e-mail est collecté et transmis.",
    walletNote:
      'Les portefeuilles (Apple Pay, Google Pay, Link) ne sont pas disponibles dans ce bac à sable hors ligne. Payez par carte ci-dessous.',
    walletButton: 'Paiement par portefeuille indisponible (bac à sable hors ligne)',
    threeDsClose: "Annuler l'authentification",
  },
};

// Stripe answers card errors in the customer's language; the sandbox server speaks English, so the
// French copy for the card errors it can return lives here (keyed by decline_code, then code).
const SERVER_ERRORS_FR: Record<string, string> = {
  generic_decline: 'Votre carte a été refusée.',
  card_declined: 'Votre carte a été refusée.',
  insufficient_funds: 'Votre carte ne dispose pas de fonds suffisants.',
  lost_card: 'Votre carte a été refusée.',
  stolen_card: 'Votre carte a été refusée.',
  fraudulent: 'Votre carte a été refusée.',
  card_velocity_exceeded:
    'Votre carte a été refusée : trop de tentatives rapprochées ou plafond de la carte dépassé.',
  expired_card: 'Votre carte a expiré.',
  incorrect_cvc: 'Le code de sécurité de votre carte est incorrect.',
  invalid_cvc: 'Le code de sécurité de votre carte est invalide.',
  incorrect_number: 'Votre numéro de carte est incorrect.',
  invalid_number: "Le numéro de carte n'est pas valide.",
  invalid_expiry_month: "Le mois d'expiration de la carte n'est pas valide.",
  invalid_expiry_year: "L'année d'expiration de la carte n'est pas valide.",
  processing_error:
    'Une erreur est survenue lors du traitement de votre carte. Veuillez réessayer dans un instant.',
  payment_intent_authentication_failure:
    "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
  setup_intent_authentication_failure:
    "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
};

export interface StripeJsError {
  type: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  payment_intent?: unknown;
  setup_intent?: unknown;
  [key: string]: unknown;
}

/** Stripe answers card errors in the customer's language; the server speaks English. */
export function localizeError(error: StripeJsError, locale: Locale): StripeJsError {
  if (!error || locale !== 'fr' || error.type === 'validation_error') return error;
  const copy = SERVER_ERRORS_FR[error.decline_code ?? ''] || SERVER_ERRORS_FR[error.code ?? ''];
  return copy ? { ...error, message: copy } : error;
}

export function resolveLocale(requested: unknown): Locale {
  let wanted = typeof requested === 'string' ? requested : 'auto';
  if (wanted === 'auto') wanted = (globalThis.navigator?.language || 'en').toLowerCase();
  return wanted.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function t(locale: Locale, key: string): string {
  return MESSAGES[locale]?.[key] ?? MESSAGES.en[key] ?? key;
}

export class IntegrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrationError';
  }
}
