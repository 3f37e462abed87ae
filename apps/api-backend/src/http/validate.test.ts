import type { AppError } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput } from './validate';

const ZBody = z.strictObject({ email: z.email(), amount: z.int().min(1).optional() });

function failure(value: unknown, source: 'body' | 'query' = 'body'): AppError {
  try {
    parseInput(ZBody, value, source);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a validation failure');
}

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(ZBody, { email: 'a@b.test' })).toEqual({ email: 'a@b.test' });
  });

  it('names bad fields and unknown keys', () => {
    const error = failure({ email: 'nope', amount: 1.5, price: 100, role: 'admin' });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('email');
    expect(error.message).toContain('amount');
    expect(error.message).toContain('unknown keys are not accepted: price, role');
    const details = error.details as { source: string; issues: { path: string; keys?: string[] }[] };
    expect(details.source).toBe('body');
    expect(details.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['email', 'amount']));
    expect(details.issues.find((i) => i.keys)?.keys).toEqual(['price', 'role']);
  });

  it('asks for a JSON body when there is none', () => {
    expect(failure(undefined).message).toContain('A JSON body is required');
  });

  it('says which part of the request was wrong', () => {
    expect(failure({}, 'query').message).toMatch(/^Invalid query/);
  });
});
