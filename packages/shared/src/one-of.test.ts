import { describe, expect, it } from 'vitest';
import { isOneOf } from './one-of';

describe('isOneOf', () => {
  const isColour = isOneOf(['red', 'green'] as const);

  it('accepts exactly the members of the list', () => {
    expect(isColour('red')).toBe(true);
    expect(isColour('green')).toBe(true);
  });

  it.each([['blue'], ['RED'], [''], [null], [undefined], [1], [['red']], [{ red: true }]])(
    'refuses %j',
    (value) => {
      expect(isColour(value)).toBe(false);
    },
  );
});
