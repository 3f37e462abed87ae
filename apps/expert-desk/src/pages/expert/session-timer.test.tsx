// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionTimer } from './session-timer';

const startedAt = '2026-11-26T10:00:00.000Z';
const after = (minutes: number, seconds = 0) =>
  new Date(Date.parse(startedAt) + (minutes * 60 + seconds) * 1000);

afterEach(cleanup);

describe('SessionTimer', () => {
  it('counts elapsed and remaining time against the tier duration', () => {
    render(<SessionTimer startedAt={startedAt} durationMinutes={30} now={after(12, 34)} />);
    expect(screen.getByTestId('timer-elapsed').textContent).toBe('12:34');
    expect(screen.getByTestId('timer-remaining').textContent).toBe('17:26');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('elapsed and remaining always add up to the planned duration (no lost second)', () => {
    render(
      <SessionTimer
        startedAt={startedAt}
        durationMinutes={30}
        now={new Date(Date.parse(startedAt) + 1_400)}
      />,
    );
    expect(screen.getByTestId('timer-elapsed').textContent).toBe('00:01');
    expect(screen.getByTestId('timer-remaining').textContent).toBe('29:59');
  });

  it('warns during the last 5 minutes', () => {
    render(<SessionTimer startedAt={startedAt} durationMinutes={60} now={after(55, 1)} />);
    expect(screen.getByTestId('session-timer').dataset.phase).toBe('ending_soon');
    expect(screen.getByRole('alert').textContent).toMatch(/Moins de 5 minutes/);
    expect(screen.getByTestId('timer-remaining').textContent).toBe('04:59');
  });

  it('shows the overtime once the planned duration is over', () => {
    render(<SessionTimer startedAt={startedAt} durationMinutes={120} now={after(121, 5)} />);
    expect(screen.getByTestId('timer-elapsed').textContent).toBe('2:01:05');
    expect(screen.getByText('Dépassement')).toBeTruthy();
    expect(screen.getByTestId('timer-remaining').textContent).toBe('01:05');
    expect(screen.getByRole('alert').textContent).toMatch(/dépassée/);
  });
});
