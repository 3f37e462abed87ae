/**
 * THE error middleware. Every error leaves as `{error: {code, message, details?}}` with the status from
 * ERROR_HTTP_STATUS (@lumira/shared):
 * - AppError: its code;
 * - a path parameter that cannot be percent-decoded (URIError): 400 VALIDATION_FAILED;
 * - body-parser errors: malformed JSON -> 400 INVALID_JSON, too large -> 413 PAYLOAD_TOO_LARGE,
 *   unsupported charset/encoding -> 415;
 * - a provider error that escaped the domain (use cases translate their own): the one translation in
 *   `domain/payments/provider-errors.ts`, as a backstop;
 * - the database unavailable (connection refused or terminated, no pooled connection in time,
 *   statement timeout): 503 SERVICE_UNAVAILABLE;
 * - every 503 carries `Retry-After`;
 * - anything else: 500 INTERNAL_ERROR with a generic message and the request id; the error is logged
 *   (with the request id), never sent (no stack, no provider message).
 */
import { AppError, ERROR_HTTP_STATUS, errorBody } from '@lumira/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { isDatabaseUnavailableError } from '../data/database-errors';
import { toApiError } from '../domain/payments/provider-errors';
import { isPaymentGatewayError } from '../providers/payment-gateway';
import { validationError } from './validate';

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
  if (isPaymentGatewayError(error)) return toApiError(error);
  if (error instanceof ZodError) return validationError(error, 'body', null);
  if (isDatabaseUnavailableError(error)) {
    return new AppError(
      'SERVICE_UNAVAILABLE',
      'The service is briefly unavailable: retry shortly',
      undefined,
      {
        cause: error,
      },
    );
  }
  if (error && typeof error === 'object') return fromBodyParser(error as HttpishError);
  return null;
}

/** What a 503 tells clients to wait before retrying. */
const RETRY_AFTER_SECONDS = 2;

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
    if (status === 503 && !res.getHeader('Retry-After'))
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
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
