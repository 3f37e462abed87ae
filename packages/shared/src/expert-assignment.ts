import type { TierId } from './catalog';
import { AppError } from './errors';

export type ExpertCandidate = {
  id: string;
  name: string;
  active: boolean;
  tiers: TierId[];
  online: boolean;
  /** orders in OPEN_ORDER_STATUSES currently assigned to this expert */
  openOrders: number;
};

export type ExpertAssignmentErrorCode =
  | 'EXPERT_NOT_FOUND'
  | 'EXPERT_INACTIVE'
  | 'EXPERT_OFFLINE'
  | 'EXPERT_TIER_NOT_OFFERED'
  | 'NO_EXPERT_AVAILABLE';

export class ExpertAssignmentError extends AppError {
  override readonly name = 'ExpertAssignmentError';
  declare readonly code: ExpertAssignmentErrorCode;

  constructor(code: ExpertAssignmentErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}

export type AssignExpertOptions<E extends ExpertCandidate = ExpertCandidate> = {
  tier: TierId;
  requestedExpertId?: string | null;
  experts: readonly E[];
};

/** Orders candidates: online first, then fewest open orders, then id (code-unit order). */
export function compareCandidates(a: ExpertCandidate, b: ExpertCandidate): number {
  if (a.online !== b.online) return a.online ? -1 : 1;
  if (a.openOrders !== b.openOrders) return a.openOrders - b.openOrders;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Picks the expert for a new order. Consultations are live: only an expert who is online now can be
 * booked (docs/decisions/0050).
 * - requested: must exist (EXPERT_NOT_FOUND), be active (EXPERT_INACTIVE), offer the tier
 *   (EXPERT_TIER_NOT_OFFERED) and be online (EXPERT_OFFLINE); workload is not checked;
 * - otherwise ("le premier expert disponible"): among active, online experts offering the tier, fewest
 *   open orders first, ties by id; none -> NO_EXPERT_AVAILABLE.
 */
export function assignExpert<E extends ExpertCandidate>(options: AssignExpertOptions<E>): E {
  const { tier, requestedExpertId, experts } = options;
  if (requestedExpertId !== undefined && requestedExpertId !== null) {
    const expert = experts.find((candidate) => candidate.id === requestedExpertId);
    if (!expert) {
      throw new ExpertAssignmentError('EXPERT_NOT_FOUND', `Expert ${requestedExpertId} does not exist`, {
        expertId: requestedExpertId,
      });
    }
    if (!expert.active) {
      throw new ExpertAssignmentError('EXPERT_INACTIVE', `Expert ${expert.id} is not active`, {
        expertId: expert.id,
      });
    }
    if (!expert.tiers.includes(tier)) {
      throw new ExpertAssignmentError(
        'EXPERT_TIER_NOT_OFFERED',
        `Expert ${expert.id} does not offer ${tier}`,
        {
          expertId: expert.id,
          tier,
        },
      );
    }
    if (!expert.online) {
      throw new ExpertAssignmentError('EXPERT_OFFLINE', `Expert ${expert.id} is offline`, {
        expertId: expert.id,
      });
    }
    return expert;
  }
  const eligible = experts.filter(
    (candidate) => candidate.active && candidate.online && candidate.tiers.includes(tier),
  );
  const best = [...eligible].sort(compareCandidates)[0];
  if (!best) {
    throw new ExpertAssignmentError('NO_EXPERT_AVAILABLE', `No online expert offers ${tier}`, { tier });
  }
  return best;
}
