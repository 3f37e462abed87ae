/** POST|PUT /api/desk/availability {online}: the expert says whether they can take sessions now. */
import { AppError } from '@lumira/shared';
import { setExpertOnline } from '../../data/experts-repository';
import type { PaymentsContext } from '../payments/payments-context';

export async function setAvailability(
  ctx: PaymentsContext,
  input: { expertId: string; online: boolean },
): Promise<{ expertId: string; online: boolean }> {
  const expert = await setExpertOnline(ctx.db, input.expertId, input.online);
  if (!expert) throw new AppError('NOT_FOUND', 'Expert not found');
  return { expertId: expert.id, online: expert.online };
}
