import { z } from 'zod';
import { TIER_IDS } from '../catalog';
import { CURRENCIES } from '../money';
import { ORDER_STATUSES, TRANSITION_CAUSES } from '../order-status';

export const ZCurrency = z.enum(CURRENCIES);
export const ZTierId = z.enum(TIER_IDS);
export const ZOrderStatus = z.enum(ORDER_STATUSES);
export const ZTransitionCause = z.enum(TRANSITION_CAUSES);

/** The largest value of a PostgreSQL `integer` column (int4): request integers never exceed it. */
export const PG_INT_MAX = 2_147_483_647;

/** Integer minor units (cents), >= 0. */
export const ZAmount = z.int().min(0);
/** Integer minor units (cents), > 0, as a request may send it: bounded to what the column holds. */
export const ZPositiveAmount = z.int().min(1).max(PG_INT_MAX);

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
 * C0 control characters (U+0000-U+001F) and DEL (U+007F). PostgreSQL refuses NUL in text outright;
 * the others (escape sequences, bell, backspace...) have no place in a name or a search either.
 */
export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters';

/** Whether `value` has a C0 control character or DEL (`multiline`: tab, LF and CR allowed). */
export function hasControlCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x7f) return true;
    if (code >= 0x20) continue;
    // tab, line feed, carriage return
    if (options.multiline && (code === 0x09 || code === 0x0a || code === 0x0d)) continue;
    return true;
  }
  return false;
}

export type TextFieldOptions = {
  /** Minimum length after trimming (default 0). */
  min?: number;
  max: number;
  /** Trim surrounding white space before the checks (default true). */
  trim?: boolean;
  /** Allow tab, line feed and carriage return (default false). */
  multiline?: boolean;
};

/**
 * THE schema of a text field a person types (names, notes, reasons, searches, passwords): bounded
 * length, well-formed Unicode, and no C0 control character (NUL included) nor DEL, refused with 400
 * VALIDATION_FAILED instead of reaching the database.
 */
export function ZText(options: TextFieldOptions) {
  const base = options.trim === false ? z.string() : z.string().trim();
  return base
    .min(options.min ?? 0)
    .max(options.max)
    .refine(isWellFormedText, WELL_FORMED_MESSAGE)
    .refine((v) => !hasControlCharacters(v, { multiline: options.multiline }), CONTROL_CHARACTERS_MESSAGE);
}

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
/** Keyset pagination: the id of the last order of the previous page (its `nextCursor`). */
export const ZOrdersCursor = z
  .string()
  .regex(/^[0-9a-f]{24}$/, 'cursor must be the nextCursor of the previous page');

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
