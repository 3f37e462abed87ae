/**
 * French copy for the errors Stripe.js returns from confirmPayment (declines, 3-D Secure failures).
 * Stripe's own English message is never shown to the customer. Invalid or incomplete card data (a
 * `validation_error`) gets no copy here: the Payment Element already writes its message under the
 * field concerned, and a second, differently worded one under the form would contradict it.
 */
export type StripeErrorLike = {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
};

const DECLINE_CODES_FR: Record<string, string> = {
  generic_decline: 'Votre carte a été refusée. Essayez une autre carte ou contactez votre banque.',
  insufficient_funds: 'Votre carte a été refusée : fonds insuffisants. Essayez une autre carte.',
  lost_card: 'Votre carte a été refusée (carte déclarée perdue). Utilisez une autre carte.',
  stolen_card: 'Votre carte a été refusée (carte déclarée volée). Utilisez une autre carte.',
  card_velocity_exceeded:
    'Votre carte a été refusée : plafond de dépenses atteint. Essayez une autre carte ou contactez votre banque.',
  fraudulent: 'Votre carte a été refusée. Utilisez une autre carte ou contactez votre banque.',
  do_not_honor: 'Votre banque a refusé le paiement. Contactez-la ou essayez une autre carte.',
  expired_card: 'Votre carte est expirée. Utilisez une autre carte.',
  incorrect_cvc: 'Le code de sécurité (CVC) est incorrect.',
  processing_error: 'Une erreur est survenue lors du traitement de votre carte. Réessayez dans un instant.',
};

const ERROR_CODES_FR: Record<string, string> = {
  card_declined: DECLINE_CODES_FR.generic_decline!,
  expired_card: DECLINE_CODES_FR.expired_card!,
  incorrect_cvc: DECLINE_CODES_FR.incorrect_cvc!,
  invalid_cvc: 'Le code de sécurité (CVC) est invalide.',
  processing_error: DECLINE_CODES_FR.processing_error!,
  incorrect_number: 'Le numéro de carte est incorrect.',
  invalid_number: 'Le numéro de carte est invalide.',
  invalid_expiry_month: 'Le mois d’expiration est invalide.',
  invalid_expiry_year: 'L’année d’expiration est invalide.',
  payment_intent_authentication_failure:
    'L’authentification 3-D Secure a échoué. Votre carte n’a pas été débitée : vous pouvez réessayer.',
  authentication_required: 'Votre banque demande une authentification 3-D Secure. Veuillez réessayer.',
  payment_intent_unexpected_state: 'Ce paiement a déjà été traité. Actualisez la page pour voir son état.',
  rate_limit: 'Trop de tentatives en peu de temps. Patientez un instant puis réessayez.',
};

export const GENERIC_CARD_ERROR_FR =
  'Le paiement n’a pas abouti. Vérifiez vos informations ou essayez une autre carte.';

/** The message to show under the form, or null when the Payment Element shows it at the field. */
export function cardErrorMessage(error: StripeErrorLike): string | null {
  if (error.type === 'validation_error') return null;
  if (error.decline_code && DECLINE_CODES_FR[error.decline_code])
    return DECLINE_CODES_FR[error.decline_code]!;
  if (error.code && ERROR_CODES_FR[error.code]) return ERROR_CODES_FR[error.code]!;
  return GENERIC_CARD_ERROR_FR;
}
