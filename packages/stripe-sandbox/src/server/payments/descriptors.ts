import type { Params } from '../http/param-spec';
import { invalidRequest } from '../http/stripe-error';

/** The account's statement descriptor (Stripe: 5-22 characters) and its shortened prefix for suffixes. */
export const ACCOUNT_DESCRIPTOR = 'LUMIRA SANDBOX';
export const ACCOUNT_PREFIX = 'LUMIRA';

const FORBIDDEN = /[<>\\'"*]/;

/**
 * Stripe's rules for `statement_descriptor` (5-22 characters, at least one letter, none of < > \ ' " *) and
 * `statement_descriptor_suffix` (the prefix, `* ` and the suffix together at most 22 characters, at least one
 * letter, the same forbidden characters).
 */
export function assertDescriptors(params: Params): void {
  const full = params.statement_descriptor;
  if (typeof full === 'string' && full !== '') {
    if (full.length < 5 || full.length > 22) {
      throw invalidRequest(
        `The statement descriptor must be between 5 and 22 characters long (got ${full.length}).`,
        'statement_descriptor',
        'parameter_invalid_string',
      );
    }
    checkCharacters(full, 'statement_descriptor');
  }
  const suffix = params.statement_descriptor_suffix;
  if (typeof suffix === 'string' && suffix !== '') {
    const combined = `${ACCOUNT_PREFIX}* ${suffix}`;
    if (combined.length > 22) {
      throw invalidRequest(
        `The statement descriptor suffix is too long: with the account prefix ("${combined}") it must be at most 22 characters.`,
        'statement_descriptor_suffix',
        'parameter_invalid_string',
      );
    }
    checkCharacters(suffix, 'statement_descriptor_suffix');
  }
}

function checkCharacters(value: string, param: string): void {
  if (FORBIDDEN.test(value) || !/[A-Za-z]/.test(value)) {
    throw invalidRequest(
      `Invalid ${param}: it must contain at least one letter and none of the characters < > \\ ' " *.`,
      param,
      'parameter_invalid_string',
    );
  }
}

/** What the card statement shows: the suffix after the account prefix, else the descriptor, else the account's. */
export function calculatedDescriptor(descriptor: string | null, suffix: string | null): string {
  if (suffix) return `${ACCOUNT_PREFIX}* ${suffix}`.toUpperCase();
  return (descriptor ?? ACCOUNT_DESCRIPTOR).toUpperCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Stripe refuses a malformed `receipt_email` / customer `email` with 400 `email_invalid`. */
export function assertEmail(value: unknown, param: string): void {
  if (typeof value === 'string' && value !== '' && !EMAIL.test(value)) {
    throw invalidRequest(`Invalid email address: ${value}`, param, 'email_invalid');
  }
}

const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;

/** `preferred_locales`: IETF language tags such as `fr` or `fr-FR`. */
export function assertLocales(value: unknown): void {
  if (!Array.isArray(value)) return;
  value.forEach((tag, i) => {
    if (typeof tag !== 'string' || !LOCALE.test(tag)) {
      throw invalidRequest(
        `Invalid preferred_locales[${i}]: ${String(tag)} is not a language tag such as fr or fr-FR.`,
        `preferred_locales[${i}]`,
        'parameter_invalid_string',
      );
    }
  });
}
