import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError } from './database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailableError', () => {
  it.each([
    [
      'terminated by an administrator',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['connection exception class 08', withCode('08006')],
    ['statement timeout', withCode('57014', 'canceling statement due to statement timeout')],
    ['refused', withCode('ECONNREFUSED')],
    ['reset', withCode('ECONNRESET')],
    ['pg: terminated', new Error('Connection terminated unexpectedly')],
    ['pool: no connection in time', new Error('timeout exceeded when trying to connect')],
    ['dual-stack connect', Object.assign(new AggregateError([withCode('ECONNREFUSED')]), {})],
  ])('%s: unavailable (503)', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505')],
    ['NUL in text', withCode('22021')],
    ['integer out of range', withCode('22003')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', null],
  ])('%s: not unavailable (500 or a 4xx)', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});
