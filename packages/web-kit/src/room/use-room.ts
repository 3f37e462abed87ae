/**
 * Follows one consultation room: reads its state and transcript, then streams (SSE) the changes after
 * the last line it holds; every reconnect resumes after that line, so nothing is lost or shown twice.
 * When the stream is refused or unavailable it reads the room every few seconds instead.
 */
import type { RoomSignal, RoomState, RoomStreamEvent } from '@lumira/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoomApi } from './room-api';
import {
  addPending,
  EMPTY_TRANSCRIPT,
  lastLineId,
  markPending,
  mergeLines,
  newClientMessageId,
  type Transcript,
} from './room-transcript';

const POLL_MS = 3000;
const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2500;

export type RoomConnection = 'connecting' | 'live' | 'polling';

export type UseRoom = {
  room: RoomState | null;
  transcript: Transcript;
  error: unknown;
  connection: RoomConnection;
  /** the other participant is typing */
  otherTyping: boolean;
  send(text: string): Promise<void>;
  /** sends again a line that failed (same client id: never written twice) */
  retry(clientMessageId: string): Promise<void>;
  sendError: unknown;
  notifyTyping(): void;
  /** the call controller registers here to receive the signals addressed to this participant */
  onSignal(listener: ((signal: RoomSignal) => void) | null): void;
};

export function useRoom(api: RoomApi, orderId: string): UseRoom {
  const [room, setRoom] = useState<RoomState | null>(null);
  const [transcript, setTranscript] = useState<Transcript>(EMPTY_TRANSCRIPT);
  const [error, setError] = useState<unknown>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const [connection, setConnection] = useState<RoomConnection>('connecting');
  const [otherTyping, setOtherTyping] = useState(false);
  const transcriptRef = useRef(transcript);
  transcriptRef.current = transcript;
  const signalListener = useRef<((signal: RoomSignal) => void) | null>(null);
  const lastTypingSent = useRef(0);

  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    let pollTimer: number | undefined;
    let typingTimer: number | undefined;

    const read = async () => {
      try {
        const view = await api.getRoom(orderId, lastLineId(transcriptRef.current));
        if (stopped) return;
        const { messages, ...state } = view;
        setRoom(state);
        setTranscript((t) => mergeLines(t, messages));
        setError(null);
      } catch (e) {
        if (!stopped) setError(e);
      }
    };
    const poll = async () => {
      await read();
      if (!stopped) pollTimer = window.setTimeout(poll, POLL_MS);
    };
    const onEvent = (event: MessageEvent<string>) => {
      let payload: RoomStreamEvent;
      try {
        payload = JSON.parse(event.data) as RoomStreamEvent;
      } catch {
        return;
      }
      switch (payload.type) {
        case 'room.state':
          setRoom(payload.room);
          break;
        case 'room.message':
          setTranscript((t) => mergeLines(t, [payload.message]));
          if (payload.message.sender !== 'system') setOtherTyping(false);
          break;
        case 'room.presence':
          setRoom((r) => (r ? { ...r, presence: payload.presence } : r));
          break;
        case 'room.typing':
          setOtherTyping(true);
          window.clearTimeout(typingTimer);
          typingTimer = window.setTimeout(() => setOtherTyping(false), TYPING_SHOWN_MS);
          break;
        case 'room.signal':
          signalListener.current?.(payload.signal);
          break;
      }
    };
    const startStream = () => {
      if (stopped) return;
      if (typeof EventSource === 'undefined') {
        setConnection('polling');
        void poll();
        return;
      }
      // The stream resumes after the last line held; EventSource's own reconnects send Last-Event-ID.
      source = new EventSource(api.eventsUrl(orderId, lastLineId(transcriptRef.current)));
      source.addEventListener('message', onEvent);
      source.addEventListener('open', () => setConnection('live'));
      source.addEventListener('error', () => {
        if (source && source.readyState === EventSource.CLOSED) {
          // Refused (or gone for good): read the room every few seconds instead.
          source = null;
          setConnection('polling');
          void poll();
        }
      });
    };

    void read().then(startStream);
    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(pollTimer);
      window.clearTimeout(typingTimer);
    };
  }, [api, orderId]);

  const onSignal = useCallback((listener: ((signal: RoomSignal) => void) | null) => {
    signalListener.current = listener;
  }, []);

  const deliver = useCallback(
    async (clientMessageId: string, text: string) => {
      setTranscript((t) => addPending(t, { clientMessageId, text, status: 'sending' }));
      try {
        const { message } = await api.sendMessage(orderId, { clientMessageId, text });
        setTranscript((t) => mergeLines(t, [message]));
        setSendError(null);
      } catch (e) {
        setTranscript((t) => markPending(t, clientMessageId, 'failed'));
        setSendError(e);
      }
    },
    [api, orderId],
  );

  return {
    room,
    transcript,
    error,
    connection,
    otherTyping,
    sendError,
    send: (text) => deliver(newClientMessageId(), text),
    retry: async (clientMessageId) => {
      const line = transcriptRef.current.pending.find((p) => p.clientMessageId === clientMessageId);
      if (line) await deliver(clientMessageId, line.text);
    },
    notifyTyping: () => {
      const now = Date.now();
      if (now - lastTypingSent.current < TYPING_SENT_EVERY_MS) return;
      lastTypingSent.current = now;
      api.typing(orderId).catch(() => undefined);
    },
    onSignal,
  };
}
