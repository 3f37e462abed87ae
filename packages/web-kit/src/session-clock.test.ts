import { describe, expect, it } from 'vitest';
import { computeSessionClock, formatClock } from './session-clock';

describe('formatClock', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [1000, '00:01'],
    [65_000, '01:05'],
    [59 * 60_000 + 59_000, '59:59'],
    [3_600_000, '1:00:00'],
    [3_725_000, '1:02:05'],
    [2 * 3_600_000, '2:00:00'],
    [-65_000, '-01:05'],
    [-1500, '-00:01'],
  ])('%i ms -> %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('computeSessionClock', () => {
  const startedAt = '2026-11-26T10:00:00.000Z';
  const at = (minutes: number, seconds = 0) =>
    new Date(Date.parse(startedAt) + minutes * 60_000 + seconds * 1000);

  it.each([
    [0, 0, 'running', 30 * 60_000],
    [24, 59, 'running', 5 * 60_000 + 1000],
    [25, 0, 'ending_soon', 5 * 60_000],
    [29, 59, 'ending_soon', 1000],
    [30, 0, 'overtime', 0],
    [31, 30, 'overtime', -90_000],
  ] as const)('30-minute session at %i:%i is %s with %i ms left', (m, s, phase, remainingMs) => {
    const clock = computeSessionClock({ startedAt, durationMinutes: 30, now: at(m, s) });
    expect(clock.phase).toBe(phase);
    expect(clock.remainingMs).toBe(remainingMs);
  });

  it('caps progress at 1 and never counts negative elapsed time (clock skew)', () => {
    expect(computeSessionClock({ startedAt, durationMinutes: 60, now: at(90) }).progress).toBe(1);
    const early = computeSessionClock({ startedAt, durationMinutes: 60, now: at(0, -10) });
    expect(early.elapsedMs).toBe(0);
    expect(early.remainingMs).toBe(60 * 60_000);
  });
});
