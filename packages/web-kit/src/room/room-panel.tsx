/**
 * The consultation room as both sides see it (main-app `/seance/:orderId`, the desk's order page): who is
 * there, the session timer with its warning, the transcript (text only: React text nodes, never HTML),
 * the composer, and the voice/video call. Admins get the same view read-only.
 */
import {
  type MessageSender,
  ROOM_LIMITS,
  type RoomMessage,
  type RoomState,
  roomLineText,
} from '@lumira/shared';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { toApiError } from '../api-error';
import { formatTime } from '../format';
import { computeSessionClock, formatClock } from '../session-clock';
import type { RoomApi } from './room-api';
import { type CallSnapshot, RoomCall } from './room-call';
import { type UseRoom, useRoom } from './use-room';

export type RoomPanelProps = {
  api: RoomApi;
  orderId: string;
  /** the room's state each time it changes (the page shows its own header, links, actions) */
  onRoomChange?(room: RoomState): void;
};

function senderName(sender: MessageSender, room: RoomState): string {
  if (sender === room.role) return 'Vous';
  if (sender === 'expert') return room.expertName || 'Expert';
  return room.customerFirstName ?? 'Client';
}

function otherName(room: RoomState): string {
  return room.role === 'expert'
    ? (room.customerFirstName ?? 'Votre client')
    : room.expertName || 'Votre expert';
}

function useNow(active: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

export function RoomPanel({ api, orderId, onRoomChange }: RoomPanelProps) {
  const live = useRoom(api, orderId);
  const { room } = live;
  useEffect(() => {
    if (room) onRoomChange?.(room);
  }, [room, onRoomChange]);

  if (!room) {
    if (live.error) {
      return (
        <p className="room-error" role="alert">
          {toApiError(0, live.error).userMessage}
        </p>
      );
    }
    return <p className="room-loading">Ouverture de la salle…</p>;
  }
  return <RoomBody live={live} room={room} api={api} orderId={orderId} />;
}

function RoomBody({
  live,
  room,
  api,
  orderId,
}: {
  live: UseRoom;
  room: RoomState;
  api: RoomApi;
  orderId: string;
}) {
  const now = useNow(room.state === 'open');
  const clock =
    room.sessionStartedAt && room.state === 'open'
      ? computeSessionClock({ startedAt: room.sessionStartedAt, durationMinutes: room.durationMinutes, now })
      : null;
  const other = otherName(room);
  const otherPresent = room.role === 'expert' ? room.presence.customer : room.presence.expert;

  return (
    <section
      className={`room room-${room.state}`}
      aria-label="Salle de consultation"
      data-room-state={room.state}
    >
      <header className="room-header">
        {room.role === 'admin' ? (
          <p className="room-presence">
            <PresenceDot present={room.presence.customer} /> {room.customerFirstName ?? 'Client'}
            {' · '}
            <PresenceDot present={room.presence.expert} /> {room.expertName}
            <span className="room-readonly"> · lecture seule</span>
          </p>
        ) : (
          <p className="room-presence" data-testid="room-presence">
            <PresenceDot present={otherPresent} /> {other}{' '}
            {otherPresent ? 'est dans la salle' : 'n’est pas dans la salle'}
          </p>
        )}
        {clock && (
          <p
            className={`room-timer room-timer-${clock.phase}`}
            data-testid="room-timer"
            role="timer"
            aria-live="off"
          >
            {clock.phase === 'overtime'
              ? `Temps prévu dépassé de ${formatClock(-clock.remainingMs)}`
              : `Temps restant ${formatClock(clock.remainingMs)}`}
            {clock.phase === 'ending_soon' && (
              <strong className="room-timer-warning"> · la séance se termine bientôt</strong>
            )}
          </p>
        )}
      </header>

      {room.state === 'waiting' && (
        <p className="room-notice" data-testid="room-waiting">
          {room.role === 'expert'
            ? 'La salle s’ouvrira quand vous démarrerez la séance.'
            : `${room.expertName || 'Votre expert'} n’a pas encore ouvert la séance. Cette page s’ouvrira d’elle-même dès qu’il commence.`}
        </p>
      )}
      {room.state === 'closed' && (
        <p className="room-notice" data-testid="room-closed">
          La séance est terminée. La conversation reste consultable ci-dessous.
        </p>
      )}

      {room.role !== 'admin' && room.state === 'open' && (
        <CallBar room={room} live={live} api={api} orderId={orderId} />
      )}

      <Transcript live={live} room={room} />
      {live.otherTyping && room.state === 'open' && (
        <p className="room-typing" aria-live="polite">
          {other} écrit…
        </p>
      )}
      {room.canWrite && <Composer live={live} />}
      {live.connection === 'polling' && room.state === 'open' && (
        <p className="room-connection">
          Connexion en direct indisponible : la salle se met à jour toutes les 3 secondes.
        </p>
      )}
    </section>
  );
}

function PresenceDot({ present }: { present: boolean }) {
  return (
    <span
      className={`room-dot ${present ? 'room-dot-on' : 'room-dot-off'}`}
      role="img"
      aria-label={present ? 'présent' : 'absent'}
    />
  );
}

function Transcript({ live, room }: { live: UseRoom; room: RoomState }) {
  const listRef = useRef<HTMLOListElement>(null);
  const count = live.transcript.lines.length + live.transcript.pending.length;
  useEffect(() => {
    const list = listRef.current;
    if (list && count > 0) list.scrollTop = list.scrollHeight;
  }, [count]);
  if (count === 0) {
    return <p className="room-empty">Aucun message pour l’instant.</p>;
  }
  return (
    <ol className="room-transcript" ref={listRef} role="log" aria-live="polite" aria-label="Conversation">
      {live.transcript.lines.map((line: RoomMessage) =>
        line.sender === 'system' ? (
          <li key={line.id} className="room-line room-line-system" data-testid="room-line">
            {roomLineText(line)} <time dateTime={line.createdAt}>{formatTime(line.createdAt)}</time>
          </li>
        ) : (
          <li
            key={line.id}
            className={`room-line ${line.sender === room.role ? 'room-line-mine' : 'room-line-theirs'}`}
            data-testid="room-line"
            data-sender={line.sender}
          >
            <span className="room-line-meta">
              {senderName(line.sender, room)} ·{' '}
              <time dateTime={line.createdAt}>{formatTime(line.createdAt)}</time>
            </span>
            <span className="room-line-text">{line.text}</span>
          </li>
        ),
      )}
      {live.transcript.pending.map((line) => (
        <li
          key={line.clientMessageId}
          className="room-line room-line-mine room-line-pending"
          data-sender="pending"
        >
          <span className="room-line-meta">
            Vous · {line.status === 'sending' ? 'envoi…' : 'non envoyé'}
            {line.status === 'failed' && (
              <button
                type="button"
                className="room-retry"
                onClick={() => void live.retry(line.clientMessageId)}
              >
                Réessayer
              </button>
            )}
          </span>
          <span className="room-line-text">{line.text}</span>
        </li>
      ))}
    </ol>
  );
}

function Composer({ live }: { live: UseRoom }) {
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!trimmed || trimmed.length > ROOM_LIMITS.messageMaxLength) return;
    setText('');
    void live.send(trimmed);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <form className="room-composer" onSubmit={submit}>
      <label htmlFor="room-text" className="sr-only">
        Votre message
      </label>
      <textarea
        id="room-text"
        value={text}
        rows={2}
        maxLength={ROOM_LIMITS.messageMaxLength}
        placeholder="Écrivez votre message… (Entrée pour envoyer, Maj+Entrée pour aller à la ligne)"
        onChange={(e) => {
          setText(e.target.value);
          live.notifyTyping();
        }}
        onKeyDown={onKeyDown}
      />
      <div className="room-composer-row">
        <span className="room-counter">
          {text.length} / {ROOM_LIMITS.messageMaxLength}
        </span>
        <button type="submit" className="button button-primary" disabled={!trimmed}>
          Envoyer
        </button>
      </div>
      {live.sendError ? (
        <p className="room-error" role="alert">
          {toApiError(0, live.sendError).userMessage}
        </p>
      ) : null}
    </form>
  );
}

const END_COPY: Record<string, string> = {
  'hangup:me': 'Appel terminé.',
  'hangup:other': 'Votre interlocuteur a raccroché.',
  'declined:me': 'Appel refusé.',
  'declined:other': 'Votre interlocuteur n’a pas pris l’appel. Continuez par écrit.',
  'media_refused:me':
    'Micro ou caméra refusés par le navigateur : l’appel n’est pas possible. Continuez par écrit, ou autorisez-les et réessayez.',
  'media_refused:other':
    'Votre interlocuteur n’a pas pu activer son micro ou sa caméra. Continuez par écrit.',
  'failed:me': 'La connexion de l’appel a échoué. Continuez par écrit ou réessayez.',
  'failed:other': 'La connexion de l’appel a échoué. Continuez par écrit ou réessayez.',
};

function CallBar({
  room,
  live,
  api,
  orderId,
}: {
  room: RoomState;
  live: UseRoom;
  api: RoomApi;
  orderId: string;
}) {
  const [call, setCall] = useState<CallSnapshot | null>(null);
  // One call controller for as long as the room is open on this page.
  const [controller] = useState(
    () =>
      new RoomCall({
        role: room.role === 'expert' ? 'expert' : 'customer',
        iceServers: room.iceServers,
        sendSignal: (signal) => api.signal(orderId, signal),
        onChange: setCall,
      }),
  );
  const { onSignal } = live;
  useEffect(() => {
    onSignal((signal) => void controller.handleSignal(signal));
    return () => {
      onSignal(null);
      controller.dispose();
    };
  }, [controller, onSignal]);
  const snapshot = call ?? controller.state;
  const other = otherName(room);
  return (
    <div className="room-call" data-call-phase={snapshot.phase} data-testid="room-call">
      {snapshot.phase === 'idle' && (
        <div className="room-call-actions">
          <button type="button" className="button button-ghost" onClick={() => void controller.start(false)}>
            Appel vocal
          </button>
          <button type="button" className="button button-ghost" onClick={() => void controller.start(true)}>
            Appel vidéo
          </button>
        </div>
      )}
      {snapshot.phase === 'incoming' && (
        <div className="room-call-incoming" role="alert">
          <span>
            {other} vous appelle {snapshot.video ? 'en vidéo' : 'en vocal'}.
          </span>
          <button type="button" className="button button-primary" onClick={() => void controller.accept()}>
            Accepter
          </button>
          <button type="button" className="button button-ghost" onClick={() => void controller.decline()}>
            Refuser
          </button>
        </div>
      )}
      {(snapshot.phase === 'calling' ||
        snapshot.phase === 'connecting' ||
        snapshot.phase === 'connected') && (
        <div className="room-call-live">
          <p className="room-call-status">
            {snapshot.phase === 'calling'
              ? `Appel de ${other}…`
              : snapshot.phase === 'connecting'
                ? 'Connexion…'
                : `En communication avec ${other}`}
          </p>
          <div className="room-call-media">
            <MediaView stream={snapshot.remoteStream} video={snapshot.video} label={other} muted={false} />
            <MediaView stream={snapshot.localStream} video={snapshot.video} label="Vous" muted />
          </div>
          <div className="room-call-actions">
            <button
              type="button"
              className="button button-ghost"
              aria-pressed={snapshot.muted}
              onClick={() => controller.toggleMute()}
            >
              {snapshot.muted ? 'Réactiver le micro' : 'Couper le micro'}
            </button>
            <button type="button" className="button button-danger" onClick={() => void controller.hangUp()}>
              Raccrocher
            </button>
          </div>
        </div>
      )}
      {snapshot.phase === 'idle' && snapshot.ended && (
        <p className="room-call-ended" role="status" data-testid="room-call-ended">
          {END_COPY[`${snapshot.ended.reason}:${snapshot.ended.by}`]}
        </p>
      )}
    </div>
  );
}

function MediaView({
  stream,
  video,
  label,
  muted,
}: {
  stream: MediaStream | null;
  video: boolean;
  label: string;
  muted: boolean;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <figure className={`room-media ${video ? 'room-media-video' : 'room-media-audio'}`}>
      <video ref={ref} autoPlay playsInline muted={muted} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
