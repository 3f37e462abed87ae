import { describe, expect, it } from 'vitest';
import type { TierId } from './catalog';
import { AppError, ERROR_HTTP_STATUS } from './errors';
import { assignExpert, ExpertAssignmentError, type ExpertCandidate } from './expert-assignment';

const expert = (id: string, over: Partial<ExpertCandidate> = {}): ExpertCandidate => ({
  id,
  name: `Expert ${id}`,
  active: true,
  tiers: ['basic', 'premium', 'vip'],
  online: true,
  openOrders: 0,
  ...over,
});

describe('assignExpert without a requested expert', () => {
  it.each<[string, TierId, ExpertCandidate[], string]>([
    ['the only eligible expert', 'basic', [expert('a1')], 'a1'],
    [
      'offline experts are never picked, even with fewer open orders',
      'premium',
      [expert('a1', { online: false }), expert('b2', { openOrders: 9 })],
      'b2',
    ],
    [
      'fewest open orders among online',
      'premium',
      [expert('a1', { openOrders: 3 }), expert('b2', { openOrders: 1 })],
      'b2',
    ],
    ['tie on load: smallest id', 'vip', [expert('c3'), expert('a1'), expert('b2')], 'a1'],
    [
      'inactive experts are skipped even if best',
      'basic',
      [expert('a1', { active: false }), expert('b2', { openOrders: 5 })],
      'b2',
    ],
    [
      'experts not offering the tier are skipped',
      'vip',
      [expert('a1', { tiers: ['basic'] }), expert('b2', { openOrders: 4 })],
      'b2',
    ],
    ['id order is by code unit, not locale', 'basic', [expert('b'), expert('B'), expert('a')], 'B'],
    [
      'full ordering: online only, then load, then id',
      'premium',
      [
        expert('674123456789abcdef012349', { online: false, openOrders: 0 }),
        expert('674123456789abcdef012347', { openOrders: 2 }),
        expert('674123456789abcdef012346', { openOrders: 1 }),
        expert('674123456789abcdef012345', { openOrders: 1 }),
      ],
      '674123456789abcdef012345',
    ],
  ])('%s', (_name, tier, experts, expectedId) => {
    expect(assignExpert({ tier, experts }).id).toBe(expectedId);
  });

  it('does not depend on the input order', () => {
    const experts = [
      expert('c', { openOrders: 1 }),
      expert('a', { openOrders: 1 }),
      expert('b', { openOrders: 0 }),
    ];
    expect(assignExpert({ tier: 'basic', experts }).id).toBe('b');
    expect(assignExpert({ tier: 'basic', experts: [...experts].reverse() }).id).toBe('b');
    expect(experts.map((e) => e.id)).toEqual(['c', 'a', 'b']); // input not mutated
  });

  it('treats null requestedExpertId as none requested', () => {
    expect(assignExpert({ tier: 'basic', requestedExpertId: null, experts: [expert('a')] }).id).toBe('a');
  });
});

describe('assignExpert with a requested expert', () => {
  const experts = [
    expert('674123456789abcdef012345', { tiers: ['basic', 'premium'], openOrders: 7 }),
    expert('674123456789abcdef0123aa', { active: false }),
    expert('674123456789abcdef0123bb'),
    expert('674123456789abcdef0123cc', { online: false }),
  ];

  it('returns the requested expert even if busy', () => {
    expect(assignExpert({ tier: 'premium', requestedExpertId: '674123456789abcdef012345', experts }).id).toBe(
      '674123456789abcdef012345',
    );
  });

  it.each([
    [
      'unknown id',
      'ffffffffffffffffffffffff',
      'premium',
      'EXPERT_NOT_FOUND',
      { expertId: 'ffffffffffffffffffffffff' },
    ],
    [
      'inactive expert',
      '674123456789abcdef0123aa',
      'premium',
      'EXPERT_INACTIVE',
      { expertId: '674123456789abcdef0123aa' },
    ],
    [
      'offline expert',
      '674123456789abcdef0123cc',
      'premium',
      'EXPERT_OFFLINE',
      { expertId: '674123456789abcdef0123cc' },
    ],
    [
      'expert does not offer the tier',
      '674123456789abcdef012345',
      'vip',
      'EXPERT_TIER_NOT_OFFERED',
      { expertId: '674123456789abcdef012345', tier: 'vip' },
    ],
  ] as const)('%s -> %s', (_name, requestedExpertId, tier, code, details) => {
    let thrown: unknown;
    try {
      assignExpert({ tier, requestedExpertId, experts });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExpertAssignmentError);
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as ExpertAssignmentError).code).toBe(code);
    expect((thrown as ExpertAssignmentError).details).toEqual(details);
    expect((thrown as ExpertAssignmentError).status).toBe(ERROR_HTTP_STATUS[code]);
  });

  it('an inactive expert is reported as inactive even if the tier is not offered either', () => {
    const list = [expert('a', { active: false, tiers: ['basic'] })];
    expect(() => assignExpert({ tier: 'vip', requestedExpertId: 'a', experts: list })).toThrow(
      expect.objectContaining({ code: 'EXPERT_INACTIVE' }),
    );
  });
});

describe('NO_EXPERT_AVAILABLE', () => {
  it.each<[string, ExpertCandidate[]]>([
    ['no experts at all', []],
    ['all inactive', [expert('a', { active: false }), expert('b', { active: false })]],
    ['all offline', [expert('a', { online: false }), expert('b', { online: false })]],
    ['nobody offers the tier', [expert('a', { tiers: ['basic'] }), expert('b', { tiers: ['premium'] })]],
    [
      'the only one offering it is inactive',
      [expert('a', { tiers: ['vip'], active: false }), expert('b', { tiers: ['basic'] })],
    ],
  ])('%s', (_name, experts) => {
    expect(() => assignExpert({ tier: 'vip', experts })).toThrow(
      expect.objectContaining({ code: 'NO_EXPERT_AVAILABLE', details: { tier: 'vip' } }),
    );
  });
});
