import type { ExpertPublic } from '@lumira/shared';
import type { Expert } from '../../data/experts-repository';

export function toExpertPublic(expert: Expert): ExpertPublic {
  return {
    id: expert.id,
    name: expert.name,
    bio: expert.bio,
    tiers: expert.tiers,
    online: expert.online,
    active: expert.active,
  };
}
