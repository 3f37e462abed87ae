/**
 * THE error middleware. Every error leaves as `{error: {code, message, details?}}` with the status from
 * ERROR_HTTP_STATUS (@lumira/shared):
 * - AppError: its code;
 * - a path parameter that cannot be percent-decoded (URIError): 400 VALIDATION_FAILED;
 * - body-parser errors: malformed JSON -> 400 INVALID_JSON, too large -> 413 PAYLOAD_TOO_LARGE,
 *   unsupported charset/encoding -> 415;
 * - PaymentGatewayError that escaped the domain: its kind mapped once here;
 * - anything else: 500 INTERNAL_ERROR with a generic message and the request id; the error is logged
 *   (with the request id), never sent (no stack, no provider message).
 */
import { AppError, ERROR_HTTP_STATUS, type ErrorCode, errorBody } from '@lumira/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { isPaymentGatewayError, type PaymentGatewayErrorKind } from '../providers/payment-gateway';
import { validationError } from './validate';

const GATEWAY_KIND_CODES: Record<PaymentGatewayErrorKind, ErrorCode> = {
  card_declined: 'CARD_DECLINED',
  rate_limited: 'PAYMENT_PROVIDER_UNAVAILABLE',
  unavailable: 'PAYMENT_PROVIDER_UNAVAILABLE',
  bad_signature: 'WEBHOOK_SIGNATURE_INVALID',
  invalid_request: 'PAYMENT_PROVIDER_ERROR',
  not_found: 'PAYMENT_PROVIDER_ERROR',
};

type HttpishError = { type?: string; status?: number; statusCode?: number; expose?: boolean };

function fromBodyParser(error: HttpishError): AppError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_JSON', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported request body encoding');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('VALIDATION_FAILED', 'The request body could not be read');
  }
  const status = error.status ?? error.statusCode;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type');
  if (status === 400 && error.expose) return new AppError('VALIDATION_FAILED', 'Malformed request');
  return null;
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  // The router could not percent-decode a path parameter (`/order/%E0%A4%A`): the client's mistake.
  if (error instanceof URIError) {
    return new AppError('VALIDATION_FAILED', 'Malformed URL: a path segment is not valid percent-encoding');
  }
  if (isPaymentGatewayError(error)) return new AppError(GATEWAY_KIND_CODES[error.kind], undefined);
  if (error instanceof ZodError) return validationError(error, 'body', null);
  if (error && typeof error === 'object') return fromBodyParser(error as HttpishError);
  return null;
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const known = toAppError(error);
  const log = req.log ?? req.ctx?.logger;
  if (res.headersSent) {
    log?.warn({ err: error, requestId: req.requestId }, 'error after the response started');
    res.end();
    return;
  }
  if (known) {
    const status = ERROR_HTTP_STATUS[known.code];
    if (status >= 500) log?.error({ err: error, requestId: req.requestId, code: known.code }, known.message);
    res.status(status).json(known.toBody());
    return;
  }
  log?.error({ err: error, requestId: req.requestId }, 'unhandled error');
  res
    .status(ERROR_HTTP_STATUS.INTERNAL_ERROR)
    .json(errorBody('INTERNAL_ERROR', 'An unexpected error occurred', { requestId: req.requestId }));
};

/** 404 JSON for every unknown route. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('NOT_FOUND', `No route for ${req.method} ${req.path}`));
};
