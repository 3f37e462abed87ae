/**
 * Express answers a path parameter it cannot percent-decode (`/order/%E0%A4%A`) with a URIError; that is
 * a client mistake, so it becomes 400 VALIDATION_FAILED instead of reaching the error handler as a 500.
 * Mounted at the end of the payments, desk and admin-orders routers.
 */
import { AppError } from '@lumira/shared';
import type { ErrorRequestHandler } from 'express';

export const malformedPath: ErrorRequestHandler = (error, _req, _res, next) => {
  if (error instanceof URIError) {
    next(new AppError('VALIDATION_FAILED', 'Malformed URL: a path segment is not valid percent-encoding'));
    return;
  }
  next(error);
};
