import { type Money, money } from './money';
import { isOneOf } from './one-of';

export const TIER_IDS = ['basic', 'premium', 'vip'] as const;
export type TierId = (typeof TIER_IDS)[number];

export const isTierId = isOneOf(TIER_IDS);

export type ServiceTier = {
  id: TierId;
  name: string;
  price: Money;
  durationMinutes: number;
  features: string[];
  active: boolean;
};

/**
 * The default service catalog (from the original design). The catalog is data: the API stores
 * it and an admin can change prices; these are only the values a fresh database is seeded with.
 */
export const DEFAULT_CATALOG: readonly ServiceTier[] = deepFreeze([
  {
    id: 'basic',
    name: 'Consultation Basique',
    price: money(2900, 'EUR'),
    durationMinutes: 30,
    features: ['Consultation en direct de 30 minutes', 'Un expert certifié', 'Résumé écrit après la séance'],
    active: true,
  },
  {
    id: 'premium',
    name: 'Consultation Premium',
    price: money(7900, 'EUR'),
    durationMinutes: 60,
    features: [
      'Consultation en direct de 60 minutes',
      'Choix de votre expert',
      'Résumé écrit détaillé',
      'Suivi par message pendant 7 jours',
    ],
    active: true,
  },
  {
    id: 'vip',
    name: 'Consultation VIP',
    price: money(14900, 'EUR'),
    durationMinutes: 120,
    features: [
      'Consultation en direct de 120 minutes',
      'Choix de votre expert',
      'Rapport écrit complet',
      'Suivi par message pendant 30 jours',
      'Prise en charge prioritaire',
    ],
    active: true,
  },
] satisfies ServiceTier[]);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The tier with this id in `catalog`, or null. */
export function findTier(catalog: readonly ServiceTier[], id: TierId): ServiceTier | null {
  return catalog.find((tier) => tier.id === id) ?? null;
}
