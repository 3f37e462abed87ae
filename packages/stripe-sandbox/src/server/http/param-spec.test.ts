import { describe, expect, it } from 'vitest';
import { decodeForm } from './form-decode';
import { type ParamSpec, validateParams } from './param-spec';
import type { StripeError } from './stripe-error';

const SPEC: ParamSpec = {
  amount: 'integer',
  confirm: 'boolean',
  metadata: 'metadata',
  expand: 'string_list',
  mode: { enum: ['a', 'b'] },
  card: { object: { number: 'string' } },
};

function paramOf(input: string): string | undefined {
  try {
    validateParams(SPEC, decodeForm(input));
  } catch (e) {
    return (e as StripeError).fields.param;
  }
  return undefined;
}

describe('validateParams', () => {
  it('coerces types', () => {
    expect(
      validateParams(SPEC, decodeForm('amount=2900&confirm=true&expand[]=x&mode=a&card[number]=42')),
    ).toEqual({
      amount: 2900,
      confirm: true,
      expand: ['x'],
      mode: 'a',
      card: { number: '42' },
    });
  });

  it.each([
    ['colour=red', 'colour'],
    ['card[colour]=red', 'card[colour]'],
    ['amount=1.5', 'amount'],
    ['amount=abc', 'amount'],
    ['confirm=yes', 'confirm'],
    ['mode=c', 'mode'],
    ['metadata[a][b]=1', 'metadata[a]'],
    [`metadata[${'k'.repeat(41)}]=v`, `metadata[${'k'.repeat(41)}]`],
    [`metadata[k]=${'v'.repeat(501)}`, 'metadata[k]'],
    [Array.from({ length: 51 }, (_, i) => `metadata[k${i}]=v`).join('&'), 'metadata'],
  ])('rejects %s naming %s', (input, param) => {
    expect(paramOf(input)).toBe(param);
  });

  it('accepts metadata at the limits', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `metadata[k${i}]=v`).join('&');
    expect(paramOf(`${fifty}&metadata[${'k'.repeat(40)}]=${'v'.repeat(500)}`)).toBe('metadata');
    expect(paramOf(`metadata[${'k'.repeat(40)}]=${'v'.repeat(500)}`)).toBeUndefined();
    expect(paramOf(fifty)).toBeUndefined();
  });
});
