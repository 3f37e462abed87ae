/**
 * The type guard of a closed list declared `as const` (error codes, order statuses, tiers, currencies):
 * `const isTierId = isOneOf(TIER_IDS)` narrows an unknown value to `TierId`.
 */
export function isOneOf<const T extends readonly string[]>(list: T): (value: unknown) => value is T[number] {
  return (value: unknown): value is T[number] => typeof value === 'string' && list.includes(value);
}
