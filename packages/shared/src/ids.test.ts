import { describe, expect, it } from 'vitest';
import { isObjectId, ZObjectId } from './ids';

describe('isObjectId / ZObjectId', () => {
  it.each(['674123456789abcdef012345', '000000000000000000000000', 'ffffffffffffffffffffffff'])(
    'accepts %s',
    (id) => {
      expect(isObjectId(id)).toBe(true);
      expect(ZObjectId.safeParse(id).success).toBe(true);
    },
  );

  it.each([
    ['uppercase', '674123456789ABCDEF012345'],
    ['23 chars', '674123456789abcdef01234'],
    ['25 chars', '674123456789abcdef0123456'],
    ['non-hex', '674123456789abcdef01234g'],
    ['surrounding space', ' 674123456789abcdef012345'],
    ['trailing newline', '674123456789abcdef012345\n'],
    ['empty', ''],
    ['a number', 674123456789],
    ['null', null],
  ])('rejects %s', (_name, id) => {
    expect(isObjectId(id)).toBe(false);
    expect(ZObjectId.safeParse(id).success).toBe(false);
  });
});
