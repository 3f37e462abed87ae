import { expect } from 'vitest';
import { stripeSchemas } from './stripe-schemas';

/**
 * Asserts that an API object is valid against Stripe's OpenAPI schema of its type, carries every declared key,
 * and has the key set of Stripe's own example object (fixtures.json) where there is one.
 */
export function conforms(object: unknown): void {
  const schemas = stripeSchemas();
  const o = object as Record<string, unknown>;
  expect(schemas.errors(o), `${String(o.object)} ${String(o.id)} schema errors`).toEqual([]);
  expect(schemas.missingKeys(o), `${String(o.object)} ${String(o.id)} missing keys`).toEqual([]);
  expect(schemas.fixtureKeyGaps(o), `${String(o.object)} key set against Stripe's fixture`).toEqual({
    missing: [],
    invented: [],
  });
}

/** Asserts a list envelope against the schema of `GET <path>` and every item with `conforms`. */
export function listConforms(getPath: string, list: { data: unknown[] }): void {
  expect(stripeSchemas().listErrors(getPath, list), `list ${getPath}`).toEqual([]);
  for (const item of list.data) conforms(item);
}
