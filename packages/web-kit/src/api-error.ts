/**
 * The one error type of both front ends' API calls. `parseApiError` (@lumira/shared) reads the answer
 * once; `code` is a shared error code, or NETWORK_ERROR / UNEXPECTED_RESPONSE when no Lumira answer
 * came. `message` is the server's text (for logs); people see `errorMessage(error)`.
 */
import { type ApiErrorCode, ERROR_MESSAGES_FR, type ParsedApiError, parseApiError } from '@lumira/shared';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(parsed: Omit<ParsedApiError, 'userMessage'>) {
    super(parsed.message);
    this.status = parsed.status;
    this.code = parsed.code;
    this.details = parsed.details;
  }

  /** The French copy shown to a person (ERROR_MESSAGES_FR), never the server's raw message. */
  get userMessage(): string {
    return ERROR_MESSAGES_FR[this.code] ?? ERROR_MESSAGES_FR.INTERNAL_ERROR;
  }
}

/** An HTTP status and body (JSON, text, or the Error of a fetch that got no answer) as an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  return new ApiError(parseApiError(status, body));
}

/** The French sentence to show for any error thrown by an API call (or anything else). */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.userMessage : ERROR_MESSAGES_FR.INTERNAL_ERROR;
}

/** NOT_FOUND, or a plain 404 from something that is not the API. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'NOT_FOUND');
}
