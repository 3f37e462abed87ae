/**
 * Reading the order page's query string: `?level=&service=&expert=` (the original design's names),
 * plus `order_id` / `token` when coming back to pay an existing order.
 * `expert` is either an expert id (24 hex) or an expert's name ("Expert Test").
 */
import { isObjectId, isTierId, type TierId } from '@lumira/shared';

export type ExpertRef = { kind: 'id'; id: string } | { kind: 'name'; name: string };

export type CommandeParams = {
  /** The tier both `level` and `service` name; undefined when neither is given. */
  tierId?: TierId;
  /** Why the tier could not be read, in French (unknown tier, or level and service disagree). */
  tierProblem?: string;
  /** The raw values, sent to the API as they came (it checks them again). */
  level?: TierId;
  service?: TierId;
  expert?: ExpertRef;
  /** Resuming an order created earlier in this tab. */
  resume?: { orderId: string; token: string };
};

export function parseCommandeParams(search: URLSearchParams): CommandeParams {
  const result: CommandeParams = {};
  const level = search.get('level')?.trim().toLowerCase() || undefined;
  const service = search.get('service')?.trim().toLowerCase() || undefined;

  for (const [name, value] of [
    ['level', level],
    ['service', service],
  ] as const) {
    if (value === undefined) continue;
    if (!isTierId(value)) {
      result.tierProblem = `La consultation « ${value} » n’existe pas. Choisissez une consultation ci-dessous.`;
      continue;
    }
    result[name] = value;
  }
  if (result.level && result.service && result.level !== result.service) {
    result.tierProblem =
      'Le lien de commande est incohérent (deux consultations différentes). Choisissez-en une.';
  } else if (!result.tierProblem) {
    result.tierId = result.level ?? result.service;
  }

  const expert = search.get('expert')?.trim();
  if (expert)
    result.expert = isObjectId(expert) ? { kind: 'id', id: expert } : { kind: 'name', name: expert };

  const orderId = search.get('order_id')?.trim();
  const token = search.get('token')?.trim();
  if (orderId && token) result.resume = { orderId, token };
  return result;
}

/** Normalises a name for comparison: case, accents and repeated spaces do not matter. */
function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Finds the expert a link refers to, by id or by name; null when none matches. */
export function findExpert<E extends { id: string; name: string }>(
  ref: ExpertRef,
  experts: readonly E[],
): E | null {
  if (ref.kind === 'id') return experts.find((e) => e.id === ref.id) ?? null;
  const wanted = normaliseName(ref.name);
  return experts.find((e) => normaliseName(e.name) === wanted) ?? null;
}

/** The link to the order page for a tier and, optionally, an expert (by id). */
export function commandeHref(tierId: TierId, expertId?: string): string {
  const search = new URLSearchParams({ level: tierId, service: tierId });
  if (expertId) search.set('expert', expertId);
  return `/commande?${search.toString()}`;
}
