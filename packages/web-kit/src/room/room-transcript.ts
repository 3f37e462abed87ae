/**
 * The transcript as a page holds it: lines from the API keyed by id (a line received twice, by the
 * stream and by a read, appears once), plus the sender's own lines still on their way (local echo,
 * keyed by client message id, replaced by the stored line when it arrives).
 */
import type { RoomMessage } from '@lumira/shared';

export type PendingLine = {
  clientMessageId: string;
  text: string;
  status: 'sending' | 'failed';
};

export type Transcript = { lines: RoomMessage[]; pending: PendingLine[] };

export const EMPTY_TRANSCRIPT: Transcript = { lines: [], pending: [] };

const byId = (a: RoomMessage, b: RoomMessage) => {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Adds stored lines (ignoring ids already there), in id order; drops the pending echoes they confirm. */
export function mergeLines(transcript: Transcript, incoming: readonly RoomMessage[]): Transcript {
  if (incoming.length === 0) return transcript;
  const known = new Set(transcript.lines.map((l) => l.id));
  const fresh = incoming.filter((l) => !known.has(l.id));
  if (fresh.length === 0) return transcript;
  const confirmed = new Set(fresh.map((l) => l.clientMessageId).filter(Boolean));
  return {
    lines: [...transcript.lines, ...fresh].sort(byId),
    pending: transcript.pending.filter((p) => !confirmed.has(p.clientMessageId)),
  };
}

export function addPending(transcript: Transcript, line: PendingLine): Transcript {
  const others = transcript.pending.filter((p) => p.clientMessageId !== line.clientMessageId);
  return { ...transcript, pending: [...others, line] };
}

export function markPending(
  transcript: Transcript,
  clientMessageId: string,
  status: PendingLine['status'],
): Transcript {
  return {
    ...transcript,
    pending: transcript.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, status } : p)),
  };
}

/** The id to resume after (the highest stored line), or undefined for an empty transcript. */
export function lastLineId(transcript: Transcript): string | undefined {
  return transcript.lines.at(-1)?.id;
}

/** A client message id: random, URL-safe, accepted by the API (8-64 of [A-Za-z0-9_-]). */
export function newClientMessageId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `m-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
