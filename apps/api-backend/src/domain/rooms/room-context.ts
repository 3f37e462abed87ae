import type { IceServer } from '@lumira/shared';
import type { PaymentsContext } from '../payments/payments-context';

/** What the room's use cases need: the payments context plus the configured STUN/TURN servers. */
export type RoomContext = Pick<PaymentsContext, 'db' | 'logger' | 'notifier'> & {
  config: { webrtc: { iceServers: readonly IceServer[] } };
};
