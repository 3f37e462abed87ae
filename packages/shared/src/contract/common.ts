import { z } from 'zod';
import { TIER_IDS } from '../catalog';
import { CURRENCIES } from '../money';
import { ORDER_STATUSES, TRANSITION_CAUSES } from '../order-status';

export const ZCurrency = z.enum(CURRENCIES);
export const ZTierId = z.enum(TIER_IDS);
export const ZOrderStatus = z.enum(ORDER_STATUSES);
export const ZTransitionCause = z.enum(TRANSITION_CAUSES);

/** Integer minor units (cents), >= 0. */
export const ZAmount = z.int().min(0);
/** Integer minor units (cents), > 0. */
export const ZPositiveAmount = z.int().min(1);

export const ZMoney = z.strictObject({ amount: ZAmount, currency: ZCurrency });

/** An ISO 8601 timestamp as JSON carries a Date (`2026-11-26T11:33:18.000Z`), offsets accepted. */
export const ZIsoDateTime = z.iso.datetime({ offset: true });
/** A calendar day `YYYY-MM-DD`. */
export const ZIsoDate = z.iso.date();

/**
 * Text a person typed must be well-formed Unicode: a lone UTF-16 surrogate would be stored as U+FFFD,
 * silently changing the input, so it is refused at the edge instead. (With the `u` flag a valid pair
 * is one code point, so only lone surrogates match.)
 */
export function isWellFormedText(value: string): boolean {
  return !/\p{Surrogate}/u.test(value);
}
export const WELL_FORMED_MESSAGE = 'must be valid Unicode text';

/**
 * An email as the API stores it: trimmed and lower-cased, then checked.
 */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Invalid email address' }).max(254));

/** A 1-based page number from a query string. */
export const ZPageNumber = z.coerce.number().int().min(1).max(100_000);
/** A page size from a query string. */
export const ZPageSize = z.coerce.number().int().min(1).max(100);

/**
 * Converts a ZodError into the `details` of a VALIDATION_FAILED body:
 * `{issues: [{path: 'customerEmail', code: 'invalid_format', message, keys?}]}`.
 * Unknown keys are named in `keys` (and in the message).
 */
export function toValidationDetails(error: z.ZodError): {
  issues: { path: string; code: string; message: string; keys?: string[] }[];
} {
  return {
    issues: error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
      message: issue.message,
      ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}),
    })),
  };
}
