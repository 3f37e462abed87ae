import { describe, expect, it } from 'vitest';
import { ZAdminOrdersQuery, ZAdminRefundRequest, ZAdminUpdateExpertRequest } from './admin';
import { ZLoginRequest, ZRegisterRequest } from './auth';
import { ZUpdateTierRequest } from './catalog';
import { ZAvailabilityRequest, ZDeskOrdersQuery, ZEndSessionRequest, ZNoShowRequest } from './desk';
import { ZCreatePaymentIntentRequest } from './payments';

type Schema = { safeParse: (v: unknown) => { success: boolean } };

const CASES: [string, Schema, unknown, boolean][] = [
  ['register ok', ZRegisterRequest, { email: 'a@b.fr', password: '12345678', name: 'Ana' }, true],
  ['register short password', ZRegisterRequest, { email: 'a@b.fr', password: '1234567', name: 'Ana' }, false],
  [
    'register role smuggled in',
    ZRegisterRequest,
    { email: 'a@b.fr', password: '12345678', name: 'Ana', role: 'admin' },
    false,
  ],
  ['register bad email', ZRegisterRequest, { email: 'nope', password: '12345678', name: 'Ana' }, false],
  ['register blank name', ZRegisterRequest, { email: 'a@b.fr', password: '12345678', name: '  ' }, false],
  // Ill-formed Unicode (a lone surrogate) would be stored as U+FFFD: refused. A real pair (emoji) is fine.
  [
    'register name with a lone surrogate',
    ZRegisterRequest,
    { email: 'a@b.fr', password: '12345678', name: 'Ana \udfff' },
    false,
  ],
  [
    'register name with an emoji',
    ZRegisterRequest,
    { email: 'a@b.fr', password: '12345678', name: 'Ana 🌙' },
    true,
  ],
  [
    'register password with a lone surrogate',
    ZRegisterRequest,
    { email: 'a@b.fr', password: '1234567\ud800', name: 'Ana' },
    false,
  ],
  [
    'end session notes with a lone surrogate',
    ZEndSessionRequest,
    { reason: 'completed', notes: 'ok \ud83d' },
    false,
  ],
  ['admin refund reason with a lone surrogate', ZAdminRefundRequest, { reason: '\udc00' }, false],
  ['tier feature with a lone surrogate', ZUpdateTierRequest, { features: ['\ud800x'] }, false],
  ['login ok', ZLoginRequest, { email: 'a@b.fr', password: 'x' }, true],
  ['login empty password', ZLoginRequest, { email: 'a@b.fr', password: '' }, false],
  ['tier update price', ZUpdateTierRequest, { price: { amount: 8900, currency: 'EUR' } }, true],
  [
    'tier update several fields',
    ZUpdateTierRequest,
    { name: 'Premium+', durationMinutes: 75, active: false, features: ['a'] },
    true,
  ],
  ['tier update empty', ZUpdateTierRequest, {}, false],
  ['tier update float price', ZUpdateTierRequest, { price: { amount: 89.5, currency: 'EUR' } }, false],
  ['tier update zero price', ZUpdateTierRequest, { price: { amount: 0, currency: 'EUR' } }, false],
  ['tier update id change', ZUpdateTierRequest, { id: 'gold' }, false],
  ['desk query ok', ZDeskOrdersQuery, { status: 'paid' }, true],
  ['desk query bad status', ZDeskOrdersQuery, { status: 'done' }, false],
  [
    'desk query next page',
    ZDeskOrdersQuery,
    { status: 'paid', cursor: '674123456789abcdef012345', pageSize: '100' },
    true,
  ],
  ['desk query page too large', ZDeskOrdersQuery, { pageSize: '101' }, false],
  ['end session completed', ZEndSessionRequest, { reason: 'completed' }, true],
  [
    'end session interrupted with notes',
    ZEndSessionRequest,
    { reason: 'interrupted', notes: 'coupure réseau' },
    true,
  ],
  ['end session unknown reason', ZEndSessionRequest, { reason: 'bored' }, false],
  ['no-show expert', ZNoShowRequest, { who: 'expert' }, true],
  ['no-show other', ZNoShowRequest, { who: 'admin' }, false],
  ['availability', ZAvailabilityRequest, { online: true }, true],
  ['availability as string', ZAvailabilityRequest, { online: 'true' }, false],
  ['admin refund policy amount', ZAdminRefundRequest, { reason: 'geste commercial' }, true],
  ['admin refund chosen amount', ZAdminRefundRequest, { amount: 1500, reason: 'geste commercial' }, true],
  ['admin refund float', ZAdminRefundRequest, { amount: 15.5, reason: 'x' }, false],
  ['admin refund negative', ZAdminRefundRequest, { amount: -1, reason: 'x' }, false],
  ['admin refund no reason', ZAdminRefundRequest, { amount: 100 }, false],
  [
    'admin orders query',
    ZAdminOrdersQuery,
    {
      status: 'paid',
      expertId: '674123456789abcdef012345',
      from: '2026-11-01',
      to: '2026-11-30T23:59:59Z',
      q: 'test',
      cursor: '674123456789abcdef0123ff',
      pageSize: '50',
    },
    true,
  ],
  ['admin orders page number (keyset pages only)', ZAdminOrdersQuery, { page: '3' }, false],
  ['admin orders bad cursor', ZAdminOrdersQuery, { cursor: "1' or 1=1" }, false],
  ['admin orders bad expert', ZAdminOrdersQuery, { expertId: 'x' }, false],
  ['admin orders bad date', ZAdminOrdersQuery, { from: '26/11/2026' }, false],
  ['admin orders unknown key', ZAdminOrdersQuery, { limit: '5' }, false],
  ['admin expert update', ZAdminUpdateExpertRequest, { active: false }, true],
  ['admin expert tiers', ZAdminUpdateExpertRequest, { tiers: ['basic', 'vip'] }, true],
  ['admin expert empty', ZAdminUpdateExpertRequest, {}, false],
  ['admin expert bad tier', ZAdminUpdateExpertRequest, { tiers: ['gold'] }, false],
  // Passwords: 8 characters besides surrounding spaces; 8 spaces is no password.
  ['register eight spaces', ZRegisterRequest, { email: 'a@b.fr', password: '        ', name: 'Ana' }, false],
  [
    'register padded short',
    ZRegisterRequest,
    { email: 'a@b.fr', password: '  abc  1234  ', name: 'Ana' },
    true,
  ],
  [
    'register padded too short',
    ZRegisterRequest,
    { email: 'a@b.fr', password: '   abcdefg ', name: 'Ana' },
    false,
  ],
  // Integers bounded to what the column holds (PostgreSQL integer).
  [
    'tier price at the int4 limit',
    ZUpdateTierRequest,
    { price: { amount: 2147483647, currency: 'EUR' } },
    true,
  ],
  [
    'tier price over the int4 limit',
    ZUpdateTierRequest,
    { price: { amount: 2147483648, currency: 'EUR' } },
    false,
  ],
  ['admin refund over the int4 limit', ZAdminRefundRequest, { amount: 2 ** 31, reason: 'x' }, false],
  // Multi-line fields keep their new lines and tabs.
  ['end session notes on two lines', ZEndSessionRequest, { reason: 'completed', notes: 'a\n\tb\r\n' }, true],
  ['admin refund reason on two lines', ZAdminRefundRequest, { reason: 'geste\ncommercial' }, true],
];

/** Every text field of every request, with a valid body to put a hostile value into. */
const TEXT_FIELDS: [string, Schema, Record<string, unknown>, (v: string) => Record<string, unknown>][] = [
  ['register name', ZRegisterRequest, {}, (v) => ({ email: 'a@b.fr', password: 'long enough pw', name: v })],
  [
    'register password',
    ZRegisterRequest,
    {},
    (v) => ({ email: 'a@b.fr', password: `long enough ${v}`, name: 'A' }),
  ],
  ['login password', ZLoginRequest, {}, (v) => ({ email: 'a@b.fr', password: `pw${v}` })],
  [
    'checkout customer name',
    ZCreatePaymentIntentRequest,
    {},
    (v) => ({ level: 'basic', customerEmail: 'a@b.fr', customerName: `a${v}b` }),
  ],
  [
    'checkout customer email',
    ZCreatePaymentIntentRequest,
    {},
    (v) => ({ level: 'basic', customerEmail: `a${v}@b.fr` }),
  ],
  ['tier name', ZUpdateTierRequest, {}, (v) => ({ name: `a${v}b` })],
  ['tier feature', ZUpdateTierRequest, {}, (v) => ({ features: [`a${v}b`] })],
  ['admin search', ZAdminOrdersQuery, {}, (v) => ({ q: `a${v}b` })],
  ['admin refund reason', ZAdminRefundRequest, {}, (v) => ({ reason: `a${v}b` })],
  ['end session notes', ZEndSessionRequest, {}, (v) => ({ reason: 'completed', notes: `a${v}b` })],
];
const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat('\u007f');
const NEW_LINES = new Set(['\t', '\n', '\r']);
const MULTILINE = new Set(['admin refund reason', 'end session notes']);

describe('text fields refuse NUL, the other C0 controls and DEL', () => {
  it.each(TEXT_FIELDS)('%s', (name, schema, _unused, body) => {
    expect(schema.safeParse(body('plain')).success).toBe(true);
    for (const ch of C0) {
      const allowed = MULTILINE.has(name) && NEW_LINES.has(ch);
      expect(schema.safeParse(body(ch)).success, `U+${ch.charCodeAt(0).toString(16)}`).toBe(allowed);
    }
  });
});

describe('request schemas (strict: unknown keys rejected)', () => {
  it.each(CASES)('%s -> valid: %s', (_name, schema, body, valid) => {
    expect(schema.safeParse(body).success).toBe(valid);
  });
});
