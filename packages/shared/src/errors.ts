import { z } from 'zod';
import { isOneOf } from './one-of';

/**
 * The closed list of error codes the API can send in `{error: {code, message, details?}}`.
 * Adding a code forces an entry in ERROR_HTTP_STATUS and ERROR_MESSAGES_FR (compiler-checked).
 */
export const ERROR_CODES = [
  // request shape
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TIER_MISMATCH',
  'TIER_INACTIVE',
  // identity and access
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'LINK_INVALID_OR_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  // conflicts and business rules
  'EMAIL_TAKEN',
  'CONFLICT',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_TRANSITION',
  'ORDER_NOT_CANCELLABLE',
  'REFUND_NOT_ALLOWED',
  'REFUND_AMOUNT_EXCEEDS_CAP',
  'EXPERT_NOT_FOUND',
  'EXPERT_INACTIVE',
  'EXPERT_OFFLINE',
  'EXPERT_TIER_NOT_OFFERED',
  'NO_EXPERT_AVAILABLE',
  // consultation room
  'ROOM_NOT_OPEN',
  'ROOM_CLOSED',
  'ROOM_READ_ONLY',
  'MESSAGE_RATE_LIMITED',
  // payments
  'CARD_DECLINED',
  'PAYMENT_FAILED',
  'RATE_LIMITED',
  'WEBHOOK_SIGNATURE_INVALID',
  'WEBHOOK_ORDER_NOT_VISIBLE',
  'PAYMENT_PROVIDER_UNAVAILABLE',
  'PAYMENT_PROVIDER_ERROR',
  // platform
  'NOT_READY',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = isOneOf(ERROR_CODES);

/** THE one table code -> HTTP status. */
export const ERROR_HTTP_STATUS: Readonly<Record<ErrorCode, number>> = Object.freeze({
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TIER_MISMATCH: 400,
  TIER_INACTIVE: 409,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  LINK_INVALID_OR_EXPIRED: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  ORDER_NOT_CANCELLABLE: 409,
  REFUND_NOT_ALLOWED: 409,
  REFUND_AMOUNT_EXCEEDS_CAP: 400,
  EXPERT_NOT_FOUND: 404,
  EXPERT_INACTIVE: 409,
  EXPERT_OFFLINE: 409,
  EXPERT_TIER_NOT_OFFERED: 409,
  NO_EXPERT_AVAILABLE: 409,
  ROOM_NOT_OPEN: 409,
  ROOM_CLOSED: 409,
  ROOM_READ_ONLY: 403,
  MESSAGE_RATE_LIMITED: 429,
  CARD_DECLINED: 402,
  PAYMENT_FAILED: 402,
  RATE_LIMITED: 429,
  WEBHOOK_SIGNATURE_INVALID: 400,
  WEBHOOK_ORDER_NOT_VISIBLE: 503,
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
  PAYMENT_PROVIDER_ERROR: 502,
  NOT_READY: 503,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
});

/**
 * Codes that never come from the server: produced by `parseApiError` on the client when the
 * request did not reach the API or the answer was not a Lumira error body.
 */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'UNEXPECTED_RESPONSE'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** User-facing French copy, one per code (front ends show this, never a raw server message). */
export const ERROR_MESSAGES_FR: Readonly<Record<ApiErrorCode, string>> = Object.freeze({
  VALIDATION_FAILED: 'Certaines informations sont invalides. Vérifiez le formulaire et réessayez.',
  INVALID_JSON: 'La requête envoyée est illisible. Rechargez la page et réessayez.',
  PAYLOAD_TOO_LARGE: 'La requête envoyée est trop volumineuse.',
  UNSUPPORTED_MEDIA_TYPE: 'Le format de la requête n’est pas pris en charge.',
  TIER_MISMATCH: 'La formule choisie est incohérente. Sélectionnez à nouveau votre consultation.',
  TIER_INACTIVE: 'Cette formule de consultation n’est plus proposée.',
  UNAUTHENTICATED: 'Veuillez vous connecter pour continuer.',
  INVALID_CREDENTIALS: 'Adresse e-mail ou mot de passe incorrect.',
  LINK_INVALID_OR_EXPIRED: 'Ce lien n’est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.',
  FORBIDDEN: 'Vous n’avez pas accès à cette ressource.',
  NOT_FOUND: 'Élément introuvable.',
  EMAIL_TAKEN: 'Un compte existe déjà avec cette adresse e-mail.',
  CONFLICT: 'Cette action entre en conflit avec l’état actuel. Rechargez la page.',
  IDEMPOTENCY_CONFLICT: 'Une demande identique est déjà en cours de traitement. Patientez un instant.',
  INVALID_TRANSITION: 'Cette action n’est pas possible dans l’état actuel de la commande.',
  ORDER_NOT_CANCELLABLE: 'Cette commande ne peut plus être annulée.',
  REFUND_NOT_ALLOWED: 'Aucun remboursement n’est possible pour cette commande.',
  REFUND_AMOUNT_EXCEEDS_CAP: 'Le montant demandé dépasse le montant encore remboursable.',
  EXPERT_NOT_FOUND: 'Cet expert est introuvable.',
  EXPERT_INACTIVE: 'Cet expert n’est plus disponible.',
  EXPERT_OFFLINE:
    'Cet expert est hors ligne pour le moment : il ne peut pas être réservé. Choisissez le premier expert disponible ou réessayez plus tard.',
  EXPERT_TIER_NOT_OFFERED: 'Cet expert ne propose pas cette formule de consultation.',
  NO_EXPERT_AVAILABLE:
    'Aucun expert n’est disponible pour cette formule pour le moment. Réessayez plus tard.',
  ROOM_NOT_OPEN: 'La séance n’a pas encore commencé : l’expert va ouvrir la salle.',
  ROOM_CLOSED: 'Cette séance est terminée : la salle est fermée, la conversation reste consultable.',
  ROOM_READ_ONLY: 'Vous consultez cette séance en lecture seule.',
  MESSAGE_RATE_LIMITED: 'Vous envoyez des messages trop rapidement. Patientez quelques secondes.',
  CARD_DECLINED: 'Votre carte a été refusée. Essayez une autre carte ou contactez votre banque.',
  PAYMENT_FAILED: 'Le paiement n’a pas abouti. Aucun montant n’a été débité. Vous pouvez réessayer.',
  RATE_LIMITED: 'Trop de tentatives. Patientez quelques instants avant de réessayer.',
  WEBHOOK_SIGNATURE_INVALID: 'Signature de notification invalide.',
  WEBHOOK_ORDER_NOT_VISIBLE: 'Commande pas encore visible, nouvel essai plus tard.',
  PAYMENT_PROVIDER_UNAVAILABLE:
    'Le service de paiement est momentanément indisponible. Réessayez dans un instant.',
  PAYMENT_PROVIDER_ERROR: 'Le service de paiement a rencontré une erreur. Réessayez dans un instant.',
  NOT_READY: 'Le service démarre. Réessayez dans un instant.',
  SERVICE_UNAVAILABLE: 'Le service est momentanément indisponible. Réessayez dans un instant.',
  INTERNAL_ERROR: 'Une erreur inattendue est survenue. Réessayez plus tard.',
  NETWORK_ERROR: 'Impossible de joindre le serveur. Vérifiez votre connexion internet et réessayez.',
  UNEXPECTED_RESPONSE: 'Le serveur a renvoyé une réponse inattendue. Réessayez plus tard.',
});

export const ZErrorCode = z.enum(ERROR_CODES);

export const ZErrorBody = z.object({
  error: z.object({
    code: ZErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/**
 * The one application error class. Domain rules throw it (or a subclass) with a code from the
 * closed list; the API's error handler sends `{error: {code, message, details?}}` with
 * `ERROR_HTTP_STATUS[code]`.
 */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown, options?: { cause?: unknown }) {
    super(message ?? ERROR_MESSAGES_FR[code], options);
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_HTTP_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function errorBody(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return new AppError(code, message, details).toBody();
}

export type ParsedApiError = {
  code: ApiErrorCode;
  /** the server's message when it sent a Lumira error body, otherwise the French copy */
  message: string;
  /** French copy for the user (ERROR_MESSAGES_FR[code]) */
  userMessage: string;
  /** HTTP status, 0 when the request never got an answer */
  status: number;
  details?: unknown;
};

const FALLBACK_CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  402: 'PAYMENT_FAILED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  503: 'NOT_READY',
};

function fromCode(code: ApiErrorCode, status: number, message?: string, details?: unknown): ParsedApiError {
  const userMessage = ERROR_MESSAGES_FR[code];
  return {
    code,
    message: message ?? userMessage,
    userMessage,
    status,
    ...(details === undefined ? {} : { details }),
  };
}

/**
 * Turns whatever a fetch produced into a typed error for the UI. Never throws.
 * - `status` 0, or `body` an Error (fetch rejected: offline, CORS, DNS) -> NETWORK_ERROR;
 * - a Lumira error body (object or JSON text) -> its code, message and details;
 * - a body with an unknown code, or non-JSON (HTML from a proxy, empty) -> a code chosen by status,
 *   or UNEXPECTED_RESPONSE when the status says nothing useful.
 */
export function parseApiError(status: number, body: unknown): ParsedApiError {
  const safeStatus = Number.isInteger(status) && status >= 0 ? status : 0;
  if (safeStatus === 0 || body instanceof Error) return fromCode('NETWORK_ERROR', safeStatus);

  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      value = undefined;
    }
  }
  const parsed = ZErrorBody.safeParse(value);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return fromCode(code, safeStatus, message || undefined, details);
  }
  const byStatus = FALLBACK_CODE_BY_STATUS[safeStatus];
  if (byStatus) return fromCode(byStatus, safeStatus);
  if (safeStatus >= 500) return fromCode('INTERNAL_ERROR', safeStatus);
  return fromCode('UNEXPECTED_RESPONSE', safeStatus);
}
