import { computeSessionClock, formatClock, formatDuration } from '@lumira/web-kit';
import { useNow } from '../../lib/use-now';

const PHASE_MESSAGES = {
  running: null,
  ending_soon: 'Moins de 5 minutes restantes : pensez à conclure la séance.',
  overtime: 'La durée prévue est dépassée.',
} as const;

/** The live timer of a running session, counted against the tier's duration. */
export function SessionTimer(props: { startedAt: string; durationMinutes: number; now?: Date }) {
  const ticking = useNow(1000, props.now === undefined);
  const now = props.now ?? ticking;
  const clock = computeSessionClock({
    startedAt: props.startedAt,
    durationMinutes: props.durationMinutes,
    now,
  });
  const message = PHASE_MESSAGES[clock.phase];
  return (
    <div
      className={`session-timer phase-${clock.phase}`}
      data-testid="session-timer"
      data-phase={clock.phase}
    >
      <div className="timer-row">
        <div>
          <span className="timer-label">Temps écoulé</span>
          <span className="timer-value" data-testid="timer-elapsed">
            {formatClock(clock.elapsedMs)}
          </span>
        </div>
        <div className="timer-right">
          <span className="timer-label">{clock.remainingMs >= 0 ? 'Restant' : 'Dépassement'}</span>
          <span className="timer-value timer-remaining" data-testid="timer-remaining">
            {formatClock(
              // elapsed rounds down, remaining rounds up: the two always add up to the planned duration
              clock.remainingMs > 0 ? Math.ceil(clock.remainingMs / 1000) * 1000 : -clock.remainingMs,
            )}
          </span>
        </div>
      </div>
      <div
        className="timer-bar"
        role="progressbar"
        aria-label="Progression de la séance"
        aria-valuemin={0}
        aria-valuemax={props.durationMinutes}
        aria-valuenow={Math.min(props.durationMinutes, Math.floor(clock.elapsedMs / 60_000))}
        aria-valuetext={`${formatClock(clock.elapsedMs)} sur ${formatDuration(props.durationMinutes)}`}
      >
        <span style={{ width: `${(clock.progress * 100).toFixed(2)}%` }} />
      </div>
      <p className="timer-caption">Durée prévue : {formatDuration(props.durationMinutes)}</p>
      {message && (
        <p className="timer-warning" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
