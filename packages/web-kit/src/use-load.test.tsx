// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoadResult, useLoad } from './use-load';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let latest: LoadResult<string> | null = null;

function Probe({ load, dep }: { load: (dep: number) => Promise<string>; dep: number }) {
  const result = useLoad(() => load(dep), [dep]);
  latest = result;
  return <p data-testid="probe">{result.status === 'ok' ? result.data : result.status}</p>;
}

afterEach(() => {
  cleanup();
  latest = null;
});

describe('useLoad', () => {
  it('shows loading, then the answer', async () => {
    const call = deferred<string>();
    render(<Probe load={() => call.promise} dep={1} />);
    expect(screen.getByTestId('probe').textContent).toBe('loading');
    await act(async () => call.resolve('page 1'));
    expect(screen.getByTestId('probe').textContent).toBe('page 1');
  });

  it('never lets a slow answer to an older call overwrite a newer one', async () => {
    const calls = new Map([
      [1, deferred<string>()],
      [2, deferred<string>()],
    ]);
    const load = (dep: number) => calls.get(dep)!.promise;
    const view = render(<Probe load={load} dep={1} />);
    view.rerender(<Probe load={load} dep={2} />);
    await act(async () => calls.get(2)!.resolve('page 2'));
    await act(async () => calls.get(1)!.resolve('page 1 (late)'));
    expect(screen.getByTestId('probe').textContent).toBe('page 2');
  });

  it('ignores a late failure of an older call too', async () => {
    const calls = new Map([
      [1, deferred<string>()],
      [2, deferred<string>()],
    ]);
    const load = (dep: number) => calls.get(dep)!.promise;
    const view = render(<Probe load={load} dep={1} />);
    view.rerender(<Probe load={load} dep={2} />);
    await act(async () => calls.get(2)!.resolve('page 2'));
    await act(async () => calls.get(1)!.reject(new Error('late')));
    expect(latest?.status).toBe('ok');
    expect(latest?.message).toBeNull();
  });

  it('gives the French message of a failure, and reload keeps the last data on screen', async () => {
    let answer = deferred<string>();
    render(<Probe load={() => answer.promise} dep={1} />);
    await act(async () => answer.resolve('v1'));
    answer = deferred<string>();
    let reloaded: Promise<void> = Promise.resolve();
    act(() => {
      reloaded = latest!.reload();
    });
    expect(screen.getByTestId('probe').textContent).toBe('v1');
    await act(async () => {
      answer.reject(new Error('offline'));
      await reloaded;
    });
    expect(latest).toMatchObject({ status: 'error', data: 'v1' });
    expect(latest?.message).toMatch(/erreur inattendue/);
  });

  it('applies nothing after unmount', async () => {
    const call = deferred<string>();
    const view = render(<Probe load={() => call.promise} dep={1} />);
    const before = latest;
    view.unmount();
    await act(async () => call.resolve('too late'));
    expect(latest).toBe(before);
  });
});
