// @vitest-environment happy-dom
import { ERROR_MESSAGES_FR } from '@lumira/shared';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { toApiError } from './api-error';
import { useAction } from './use-action';

let latest: ReturnType<typeof useAction> | null = null;

function Probe() {
  latest = useAction();
  return null;
}

afterEach(() => {
  cleanup();
  latest = null;
});

describe('useAction', () => {
  it('is busy while the action runs, then answers its result', async () => {
    render(<Probe />);
    let finish!: (value: string) => void;
    let result: Promise<string | undefined> | undefined;
    act(() => {
      result = latest!.run(() => new Promise<string>((resolve) => (finish = resolve)));
    });
    expect(latest!.busy).toBe(true);
    await act(async () => finish('done'));
    expect(await result).toBe('done');
    expect(latest!.busy).toBe(false);
    expect(latest!.error).toBeNull();
  });

  it('answers undefined for a failure and keeps its French message until the next run', async () => {
    render(<Probe />);
    const refused = toApiError(409, { error: { code: 'REFUND_NOT_ALLOWED', message: 'no' } });
    let answer: unknown = 'unset';
    await act(async () => {
      answer = await latest!.run(() => Promise.reject(refused));
    });
    expect(answer).toBeUndefined();
    expect(latest!.error).toBe(ERROR_MESSAGES_FR.REFUND_NOT_ALLOWED);
    expect(latest!.busy).toBe(false);
    await act(async () => {
      await latest!.run(async () => 1);
    });
    expect(latest!.error).toBeNull();
  });
});
