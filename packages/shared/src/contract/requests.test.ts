import { describe, expect, it } from 'vitest';
import { ZAdminOrdersQuery, ZAdminRefundRequest, ZAdminUpdateExpertRequest } from './admin';
import { ZLoginRequest, ZRegisterRequest } from './auth';
import { ZUpdateTierRequest } from './catalog';
import { ZAvailabilityRequest, ZDeskOrdersQuery, ZEndSessionRequest, ZNoShowRequest } from './desk';

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
      page: '3',
    },
    true,
  ],
  ['admin orders bad expert', ZAdminOrdersQuery, { expertId: 'x' }, false],
  ['admin orders bad date', ZAdminOrdersQuery, { from: '26/11/2026' }, false],
  ['admin orders unknown key', ZAdminOrdersQuery, { limit: '5' }, false],
  ['admin expert update', ZAdminUpdateExpertRequest, { active: false }, true],
  ['admin expert tiers', ZAdminUpdateExpertRequest, { tiers: ['basic', 'vip'] }, true],
  ['admin expert empty', ZAdminUpdateExpertRequest, {}, false],
  ['admin expert bad tier', ZAdminUpdateExpertRequest, { tiers: ['gold'] }, false],
];

describe('request schemas (strict: unknown keys rejected)', () => {
  it.each(CASES)('%s -> valid: %s', (_name, schema, body, valid) => {
    expect(schema.safeParse(body).success).toBe(valid);
  });
});
