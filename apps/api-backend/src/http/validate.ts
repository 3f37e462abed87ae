/**
 * Strict validation at the edge: `validate(schema, source)` parses the body (default), query or route
 * params with a Zod schema from @lumira/shared. Failures become VALIDATION_FAILED with details naming the
 * bad keys (and the unknown ones). The parsed value replaces `req.body` and is kept in `req.valid`.
 */
import { AppError, toValidationDetails } from '@lumira/shared';
import type { RequestHandler } from 'express';
import type { z } from 'zod';

export type InputSource = 'body' | 'query' | 'params';

/** The VALIDATION_FAILED error for a Zod failure, naming every bad key (and the unknown ones). */
export function validationError(error: z.ZodError, source: InputSource, value?: unknown): AppError {
  const details = toValidationDetails(error);
  const names = details.issues.flatMap((issue) =>
    issue.keys ? issue.keys.map((k) => (issue.path ? `${issue.path}.${k}` : k)) : [issue.path || source],
  );
  const unknown = details.issues.flatMap((issue) => issue.keys ?? []);
  const message =
    value === undefined && source === 'body'
      ? 'A JSON body is required (Content-Type: application/json)'
      : `Invalid ${source}: ${[...new Set(names)].join(', ')}${unknown.length ? ` (unknown keys are not accepted: ${unknown.join(', ')})` : ''}`;
  return new AppError('VALIDATION_FAILED', message, { source, ...details });
}

/** Parses `value` or throws AppError(VALIDATION_FAILED) naming every bad key. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  source: InputSource = 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error, source, value);
}

export function validate<S extends z.ZodType>(schema: S, source: InputSource = 'body'): RequestHandler {
  return (req, _res, next) => {
    const parsed = parseInput(schema, req[source], source);
    req.valid ??= {};
    req.valid[source] = parsed;
    if (source === 'body') req.body = parsed;
    next();
  };
}
