/**
 * The password policy beyond the contract's length rule (`ZNewPassword` in @lumira/shared): a new
 * password must not be one of the 10,000 most common passwords of at least 8 characters
 * (`common-passwords.txt`, lower-cased, from the public "10 million passwords, top 1,000,000" list),
 * compared case-insensitively and ignoring surrounding spaces.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '@lumira/shared';

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/** Throws VALIDATION_FAILED (naming the `password` field) when the password is too common. */
export function assertPasswordAllowed(password: string): void {
  if (!isCommonPassword(password)) return;
  throw new AppError('VALIDATION_FAILED', 'This password is too common: choose another one', {
    issues: [{ path: 'password', code: 'common_password', message: 'is one of the most common passwords' }],
  });
}
