import { describe, expect, it } from 'vitest';
import { commandeHref, findExpert, parseCommandeParams } from './commande-params';

const parse = (query: string) => parseCommandeParams(new URLSearchParams(query));
const experts = [
  { id: '674123456789abcdef012345', name: 'Expert Test' },
  { id: '674123456789abcdef099999', name: 'Hélène Marchand' },
];

describe('parseCommandeParams', () => {
  it('reads the original design’s test URL: tier premium, expert by name', () => {
    const params = parse('level=premium&service=premium&expert=Expert%20Test');
    expect(params.tierId).toBe('premium');
    expect(params.tierProblem).toBeUndefined();
    expect(params.expert).toEqual({ kind: 'name', name: 'Expert Test' });
    expect(findExpert(params.expert!, experts)?.id).toBe('674123456789abcdef012345');
  });

  it('reads an expert by id', () => {
    const params = parse('level=vip&expert=674123456789abcdef012345');
    expect(params).toMatchObject({
      tierId: 'vip',
      level: 'vip',
      expert: { kind: 'id', id: '674123456789abcdef012345' },
    });
  });

  it.each([
    ['level=basic', 'basic'],
    ['service=vip', 'vip'],
    ['level=PREMIUM&service=premium', 'premium'],
    ['level=%20basic%20', 'basic'],
  ])('%s -> %s', (query, tier) => {
    expect(parse(query).tierId).toBe(tier);
  });

  it('reports a tier mismatch or an unknown tier instead of guessing', () => {
    const mismatch = parse('level=basic&service=vip');
    expect(mismatch.tierId).toBeUndefined();
    expect(mismatch.tierProblem).toMatch(/incohérent/);
    const unknown = parse('level=gold');
    expect(unknown.tierId).toBeUndefined();
    expect(unknown.tierProblem).toMatch(/« gold » n’existe pas/);
    expect(parse('')).toEqual({});
  });

  it('reads a resumed order only when both its id and token are present', () => {
    expect(parse('order_id=o1&token=t1').resume).toEqual({ orderId: 'o1', token: 't1' });
    expect(parse('order_id=o1').resume).toBeUndefined();
  });
});

describe('findExpert', () => {
  it('matches names regardless of case, accents and spacing', () => {
    expect(findExpert({ kind: 'name', name: '  expert   test ' }, experts)?.name).toBe('Expert Test');
    expect(findExpert({ kind: 'name', name: 'helene marchand' }, experts)?.name).toBe('Hélène Marchand');
  });
  it('returns null when nobody matches', () => {
    expect(findExpert({ kind: 'name', name: 'Personne' }, experts)).toBeNull();
    expect(findExpert({ kind: 'id', id: '000000000000000000000000' }, experts)).toBeNull();
  });
});

describe('commandeHref', () => {
  it('links to the order page with the original design’s parameters', () => {
    expect(commandeHref('premium')).toBe('/commande?level=premium&service=premium');
    expect(commandeHref('vip', '674123456789abcdef012345')).toBe(
      '/commande?level=vip&service=vip&expert=674123456789abcdef012345',
    );
  });
});
