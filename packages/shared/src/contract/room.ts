/**
 * The consultation room (`/api/rooms/:orderId`): live text chat, presence, the session timer and the
 * WebRTC signalling of the voice/video call. Limits are here so the API enforces them and both front
 * ends show them.
 */
import { z } from 'zod';
import { ZIsoDateTime, ZOrderStatus, ZText } from './common';

export const ROOM_LIMITS = Object.freeze({
  /** characters per message */
  messageMaxLength: 2000,
  /** messages one participant may send per window (per order, across API instances) */
  messagesPerWindow: 10,
  windowSeconds: 10,
  /** the "ending soon" warning, minutes before the planned end */
  endingSoonMinutes: 5,
  /** bytes of one signalling payload (an SDP offer with audio and video is a few kilobytes) */
  signalMaxBytes: 32_000,
});

export const ROOM_ROLES = ['customer', 'expert', 'admin'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];
export const MESSAGE_SENDERS = ['customer', 'expert', 'system'] as const;
export type MessageSender = (typeof MESSAGE_SENDERS)[number];

/** Codes of the system lines written into the transcript (front ends show ROOM_SYSTEM_LINES_FR). */
export const ROOM_SYSTEM_CODES = [
  'session_started',
  'ending_soon',
  'time_up',
  'session_completed',
  'session_interrupted',
  'session_no_show_customer',
] as const;
export type RoomSystemCode = (typeof ROOM_SYSTEM_CODES)[number];

export const ROOM_SYSTEM_LINES_FR: Readonly<Record<RoomSystemCode, string>> = Object.freeze({
  session_started: 'La séance a commencé.',
  ending_soon: `Plus que ${ROOM_LIMITS.endingSoonMinutes} minutes avant la fin prévue de la séance.`,
  time_up: 'La durée prévue de la séance est écoulée.',
  session_completed: 'La séance est terminée.',
  session_interrupted: 'La séance a été interrompue.',
  session_no_show_customer: 'La séance a été close : le client ne s’est pas présenté.',
});

/**
 * Plain text only: no control characters other than tab and newline, no bidirectional overrides or
 * isolates (they can make a line read differently from what was typed), no line/paragraph separators.
 */
export function isPlainText(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c === 0x09 || c === 0x0a) continue;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) return false;
    if (c === 0x2028 || c === 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return false;
    }
  }
  return true;
}

/** POST /api/rooms/:orderId/messages */
export const ZRoomMessageRequest = z.strictObject({
  /** chosen by the client; sending the same id again answers the first message (idempotent send) */
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 characters [A-Za-z0-9_-]'),
  text: ZText({ min: 1, max: ROOM_LIMITS.messageMaxLength, multiline: true }).refine(
    isPlainText,
    'must be plain text (no control characters, no bidirectional overrides)',
  ),
});
export type RoomMessageRequest = z.infer<typeof ZRoomMessageRequest>;

export const ZRoomMessage = z.object({
  /** increasing per room; resume a stream with `?after=<id>` */
  id: z.string(),
  sender: z.enum(MESSAGE_SENDERS),
  /** the text, or for `sender: 'system'` a RoomSystemCode */
  text: z.string(),
  clientMessageId: z.string().nullable(),
  createdAt: ZIsoDateTime,
});
export type RoomMessage = z.infer<typeof ZRoomMessage>;

const ZSdp = z.strictObject({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(30_000) });
const ZIceCandidate = z.strictObject({
  candidate: z.string().max(2000),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
const ZCallId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** POST /api/rooms/:orderId/signal: WebRTC signalling relayed to the other participant. */
export const ZRoomSignalRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('offer'), callId: ZCallId, video: z.boolean(), description: ZSdp }),
  z.strictObject({ type: z.literal('answer'), callId: ZCallId, description: ZSdp }),
  z.strictObject({ type: z.literal('candidate'), callId: ZCallId, candidate: ZIceCandidate }),
  z.strictObject({
    type: z.literal('hangup'),
    callId: ZCallId,
    reason: z.enum(['hangup', 'declined', 'media_refused', 'failed']),
  }),
]);
export type RoomSignalRequest = z.infer<typeof ZRoomSignalRequest>;
export type RoomSignal = RoomSignalRequest & { from: 'customer' | 'expert' };

export const ZIceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof ZIceServer>;

export const ROOM_STATES = ['waiting', 'open', 'closed'] as const;
export type RoomStateName = (typeof ROOM_STATES)[number];

/** The room without its transcript: sent at the start of a stream and whenever the order changes. */
export const ZRoomState = z.object({
  orderId: z.string(),
  /** the viewer's role in this room (admins read only) */
  role: z.enum(ROOM_ROLES),
  canWrite: z.boolean(),
  /** waiting: paid, the expert has not started; open: in session; closed: ended (transcript readable) */
  state: z.enum(ROOM_STATES),
  status: ZOrderStatus,
  tierName: z.string(),
  durationMinutes: z.int().positive(),
  expertName: z.string(),
  customerFirstName: z.string().nullable(),
  sessionStartedAt: ZIsoDateTime.nullable(),
  sessionEndedAt: ZIsoDateTime.nullable(),
  /** sessionStartedAt + durationMinutes */
  plannedEndAt: ZIsoDateTime.nullable(),
  presence: z.object({ customer: z.boolean(), expert: z.boolean() }),
  iceServers: z.array(ZIceServer),
});
export type RoomState = z.infer<typeof ZRoomState>;

/** GET /api/rooms/:orderId */
export const ZRoomView = ZRoomState.extend({ messages: z.array(ZRoomMessage) });
export type RoomView = z.infer<typeof ZRoomView>;

/** Server-sent events on GET /api/rooms/:orderId/events */
export type RoomStreamEvent =
  | { type: 'room.state'; room: RoomState }
  | { type: 'room.message'; message: RoomMessage }
  | { type: 'room.presence'; presence: RoomState['presence'] }
  | { type: 'room.typing'; role: 'customer' | 'expert' }
  | { type: 'room.signal'; signal: RoomSignal };

/** `?after=` (resume) on the transcript and the stream */
export const ZRoomAfter = z
  .string()
  .regex(/^\d{1,18}$/)
  .optional();

/** The system line's French text, or the message text itself. */
export function roomLineText(message: Pick<RoomMessage, 'sender' | 'text'>): string {
  if (message.sender !== 'system') return message.text;
  return (ROOM_SYSTEM_LINES_FR as Record<string, string | undefined>)[message.text] ?? message.text;
}
