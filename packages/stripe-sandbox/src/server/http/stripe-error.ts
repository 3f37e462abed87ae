/** Stripe's error shape: `{ error: { type, code, decline_code, message, param, ... } }`. */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  setup_intent?: unknown;
  advice_code?: string;
}

/** Thrown anywhere in the server; turned into Stripe's error response by the app. */
export class StripeError extends Error {
  readonly status: number;
  readonly fields: StripeErrorFields;
  /** Extra response headers (for example `Stripe-Should-Retry`). */
  readonly headers: Record<string, string>;

  constructor(status: number, fields: StripeErrorFields, headers: Record<string, string> = {}) {
    super(fields.message);
    this.status = status;
    this.fields = fields;
    this.headers = headers;
  }
}

export function errorBody(fields: StripeErrorFields, requestId: string): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = {};
  if (fields.charge !== undefined) error.charge = fields.charge;
  if (fields.code !== undefined) error.code = fields.code;
  if (fields.decline_code !== undefined) error.decline_code = fields.decline_code;
  if (fields.code !== undefined)
    error.doc_url = `https://stripe.com/docs/error-codes/${fields.code.replaceAll('_', '-')}`;
  error.message = fields.message;
  if (fields.param !== undefined) error.param = fields.param;
  if (fields.payment_intent !== undefined) error.payment_intent = fields.payment_intent;
  if (fields.payment_method !== undefined) error.payment_method = fields.payment_method;
  error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId}`;
  if (fields.setup_intent !== undefined) error.setup_intent = fields.setup_intent;
  error.type = fields.type;
  return { error };
}

export function invalidRequest(message: string, param?: string, code?: string): StripeError {
  const fields: StripeErrorFields = { type: 'invalid_request_error', message };
  if (param !== undefined) fields.param = param;
  if (code !== undefined) fields.code = code;
  return new StripeError(400, fields);
}

export function unknownParameter(path: string): StripeError {
  return invalidRequest(`Received unknown parameter: ${path}`, path, 'parameter_unknown');
}

export function missingParameter(path: string): StripeError {
  return invalidRequest(`Missing required param: ${path}.`, path, 'parameter_missing');
}

export function invalidParameter(path: string, message: string): StripeError {
  return invalidRequest(message, path, 'parameter_invalid_string');
}

/** 404 for an object named in the URL; 400 (`status`) for one referenced by a parameter, as Stripe answers. */
export function resourceMissing(param: string, id: string, what: string, status = 404): StripeError {
  return new StripeError(status, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${what}: '${id}'`,
    param,
  });
}

export function authenticationError(message: string): StripeError {
  return new StripeError(401, { type: 'invalid_request_error', message });
}

export function idempotencyError(status: number, message: string): StripeError {
  return new StripeError(status, { type: 'idempotency_error', message });
}

export function apiError(status: number, message: string, headers: Record<string, string> = {}): StripeError {
  return new StripeError(status, { type: 'api_error', message }, headers);
}
