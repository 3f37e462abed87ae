/** The live session timer (desk and consultation room): elapsed time counted against the tier's duration. */
export const WARNING_BEFORE_END_MS = 5 * 60_000;

export type SessionPhase = 'running' | 'ending_soon' | 'overtime';

export type SessionClock = {
  elapsedMs: number;
  remainingMs: number;
  phase: SessionPhase;
  /** 0..1, capped at 1 once the planned duration is reached. */
  progress: number;
};

export function computeSessionClock(options: {
  startedAt: string | Date;
  durationMinutes: number;
  now: Date;
}): SessionClock {
  const durationMs = options.durationMinutes * 60_000;
  const started = new Date(options.startedAt).getTime();
  const elapsedMs = Math.max(0, options.now.getTime() - started);
  const remainingMs = durationMs - elapsedMs;
  const phase: SessionPhase =
    remainingMs <= 0 ? 'overtime' : remainingMs <= WARNING_BEFORE_END_MS ? 'ending_soon' : 'running';
  const progress = durationMs === 0 ? 1 : Math.min(1, elapsedMs / durationMs);
  return { elapsedMs, remainingMs, phase, progress };
}

/** 65_000 -> "01:05"; 3_725_000 -> "1:02:05"; whole seconds, rounded down. Negative -> "-01:05". */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${sign}${hours}:${mm}:${ss}` : `${sign}${mm}:${ss}`;
}
