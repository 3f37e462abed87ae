/** Hostile values the fuzzer puts wherever the API expects input. */

const long = (n: number, ch = 'A') => ch.repeat(n);

export const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE orders; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)--',
  "admin'--",
  "' UNION SELECT id, access_token_hash FROM orders--",
  "\\'; TRUNCATE payment_events; --",
  '$$; DELETE FROM users; $$',
  '%27%20OR%201%3D1',
];

export const OPERATOR_INJECTION: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'this.amount > 0' },
  { $regex: '.*' },
  { $in: ['basic', 'vip'] },
  ['basic', 'premium'],
  { toString: 'x' },
];

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];

export const UNICODE = [
  '\u0000',
  'nul\u0000byte',
  '\ud800',
  '\udfff lone low surrogate',
  '\u202Eevil\u202C',
  'zero\u200Bwidth\u200Djoiner\uFEFF',
  'e\u0301\u0301\u0301\u0301\u0301',
  '𝕷𝖚𝖒𝖎𝖗𝖆 🔮✨👁️‍🗨️',
  'Ω≈ç√∫˜µ≤≥÷',
  '\r\nSet-Cookie: evil=1',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  'C:\\Windows\\system32',
  '\u00A0\u2028\u2029',
  'ﷺ'.repeat(50),
  'Ａｄｍｉｎ',
  // C0 controls and DEL besides NUL: PostgreSQL stores them, the contract refuses them.
  'bell\u0007',
  'esc\u001b[31mred',
  'back\bspace',
  'del\u007f',
  'tab\tand\nnew line',
];

export const HUGE_NUMBERS: unknown[] = [
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -(2 ** 63),
  2 ** 31,
  2 ** 31 - 1,
  2 ** 32,
  -(2 ** 31) - 1,
  -1,
  0,
  -0,
  0.1,
  2900.5,
  1e-320,
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  '  42  ',
];

export const WRONG_TYPES: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [null],
  42,
  '',
  ' ',
  [[[]]],
  { a: { b: {} } },
];

export const LONG_STRINGS = [long(300), long(5000), long(90_000, 'é')];

/** Every hostile value, in one list (the generator picks from it). */
export const HOSTILE_VALUES: unknown[] = [
  ...SQL_INJECTION,
  ...OPERATOR_INJECTION,
  ...UNICODE,
  ...HUGE_NUMBERS,
  ...WRONG_TYPES,
  ...LONG_STRINGS,
];

/** Strings for path segments (ids). Encoded by the caller. */
export const HOSTILE_IDS = [
  "' OR 1=1--",
  '674123456789abcdef01234g',
  '674123456789ABCDEF012345',
  '674123456789abcdef0123456',
  '674123456789abcdef01234',
  '000000000000000000000000',
  'ffffffffffffffffffffffff',
  '../../etc/passwd',
  '..%2F..%2F',
  '%00',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  long(5000, 'a'),
  '𝕷𝖚𝖒',
  '{"$gt":""}',
  ' ',
];

export const MALFORMED_JSON = [
  '{',
  '{"a":}',
  '[1,2',
  'nul',
  '{"level":"basic",}',
  "{'level':'basic'}",
  '{"level":"basic"}garbage',
  '\uFEFF{"level":"basic"}',
  '{"a":"\\u12"}',
  '{"a":1e999999}',
  '"just a string"',
  '12345',
  'null',
  '[]',
  '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
];
