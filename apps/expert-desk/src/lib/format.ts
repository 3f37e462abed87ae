import { firstNameOf } from '@lumira/shared';

/** Experts only ever see the customer's first name (the first word with a letter in it). */
export function firstName(name: string | null | undefined): string {
  return firstNameOf(name) ?? 'Client';
}
