import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, findTier, isTierId, TIER_IDS } from './catalog';
import { ZServiceTier } from './contract/catalog';
import { formatMoney, normalizeSpaces } from './money';

describe('DEFAULT_CATALOG', () => {
  it.each([
    ['basic', 'Consultation Basique', 2900, 30, '29,00 €'],
    ['premium', 'Consultation Premium', 7900, 60, '79,00 €'],
    ['vip', 'Consultation VIP', 14900, 120, '149,00 €'],
  ] as const)('%s is "%s", %d cents EUR for %d minutes (%s)', (id, name, amount, minutes, shown) => {
    const tier = findTier(DEFAULT_CATALOG, id);
    expect(tier).toMatchObject({
      id,
      name,
      price: { amount, currency: 'EUR' },
      durationMinutes: minutes,
      active: true,
    });
    expect(tier?.features.length).toBeGreaterThan(0);
    expect(normalizeSpaces(formatMoney(tier!.price))).toBe(shown);
  });

  it('has exactly one entry per tier id, in TIER_IDS order, each valid against the contract schema', () => {
    expect(DEFAULT_CATALOG.map((tier) => tier.id)).toEqual([...TIER_IDS]);
    for (const tier of DEFAULT_CATALOG) expect(ZServiceTier.parse(tier)).toEqual(tier);
  });

  it('cannot be mutated by a consumer', () => {
    expect(Object.isFrozen(DEFAULT_CATALOG)).toBe(true);
    expect(() => (DEFAULT_CATALOG as unknown as unknown[]).push({})).toThrow();
    expect(() => {
      (DEFAULT_CATALOG[1] as { price: { amount: number } }).price.amount = 1;
    }).toThrow();
    expect(DEFAULT_CATALOG[1]?.price.amount).toBe(7900);
  });

  it('isTierId accepts only the three tiers', () => {
    expect(TIER_IDS.every(isTierId)).toBe(true);
    expect(isTierId('gold')).toBe(false);
    expect(isTierId('Premium')).toBe(false);
    expect(isTierId(undefined)).toBe(false);
  });
});
