import { describe, expect, it } from 'vitest';
import { decodeForm } from './form-decode';
import { StripeError } from './stripe-error';

describe('decodeForm', () => {
  it.each([
    ['amount=2900&currency=eur', { amount: '2900', currency: 'eur' }],
    ['metadata[orderId]=abc&metadata[tier]=vip', { metadata: { orderId: 'abc', tier: 'vip' } }],
    ['a[b][c]=1', { a: { b: { c: '1' } } }],
    ['expand[]=x&expand[]=y', { expand: ['x', 'y'] }],
    ['expand[1]=y&expand[0]=x', { expand: ['x', 'y'] }],
    ['items[0][price]=p1&items[1][price]=p2', { items: [{ price: 'p1' }, { price: 'p2' }] }],
    ['email=a%2Bb%40c.d&name=Jean+Dupont', { email: 'a+b@c.d', name: 'Jean Dupont' }],
    ['metadata%5Bk%5D=v', { metadata: { k: 'v' } }],
    ['flag', { flag: '' }],
    ['', {}],
  ])('decodes %s', (input, expected) => {
    expect(decodeForm(input)).toEqual(expected);
  });

  it('lets a later scalar win', () => {
    expect(decodeForm('a=1&a=2')).toEqual({ a: '2' });
  });

  it.each(['[a]=1', 'a[b=1', 'a]=1&a[=2', '__proto__[x]=1', 'a[constructor]=1', 'a=%E0%A4%A'])(
    'rejects %s',
    (input) => {
      expect(() => decodeForm(input)).toThrow(StripeError);
    },
  );

  it('does not pollute prototypes', () => {
    expect(() => decodeForm('a[__proto__][polluted]=1')).toThrow(StripeError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
