/**
 * Development demo data, written on first start (when the database has no users) so that the product
 * can be tried at once, including the original design's example request, which names the expert
 * `674123456789abcdef012345` ("Expert Test", offering every tier).
 */
import { TIER_IDS } from '@lumira/shared';
import type { Db } from '../../data/db';
import { findExpertById, insertExpert, type NewExpert } from '../../data/experts-repository';
import { countUsers, findUserByEmail, insertUser } from '../../data/users-repository';
import { hashPassword } from '../auth/password';

export const DEMO_EXPERT_ID = '674123456789abcdef012345';

export const DEMO_LOGINS = {
  adminEmail: 'admin@lumira.test',
  adminPassword: 'admin-demo-2026',
  expertEmail: 'expert@lumira.test',
  expertPassword: 'expert-demo-2026',
  expertId: DEMO_EXPERT_ID,
  customerEmail: 'client@lumira.test',
  customerPassword: 'client-demo-2026',
} as const;
export type DemoLogins = typeof DEMO_LOGINS;

export const DEMO_EXPERTS: readonly NewExpert[] = [
  {
    id: DEMO_EXPERT_ID,
    name: 'Expert Test',
    bio: 'Voyant et tarologue. Propose toutes les formules, de la question précise à la guidance approfondie.',
    tiers: [...TIER_IDS],
    online: true,
  },
  {
    id: '674123456789abcdef012346',
    name: 'Claire Dubois',
    bio: 'Astrologue, 15 ans de pratique. Thèmes natals et transits.',
    tiers: ['basic', 'premium'],
    online: true,
  },
  {
    id: '674123456789abcdef012347',
    name: 'Marc Lefèvre',
    bio: 'Tarologue et numérologue. Séances longues et approfondies.',
    tiers: ['premium', 'vip'],
    online: false,
  },
  {
    id: '674123456789abcdef012348',
    name: 'Sophie Martin',
    bio: 'Médium. Consultations courtes pour une question précise.',
    tiers: ['basic'],
    online: true,
  },
  {
    id: '674123456789abcdef012349',
    name: 'Julien Moreau',
    bio: "Expert en pause : n'accepte pas de nouvelles consultations.",
    tiers: ['basic', 'premium', 'vip'],
    active: false,
  },
];

/**
 * Inserts the demo experts and logins when the database has no users yet. Answers whether it seeded.
 * Idempotent: existing experts and users are left as they are.
 */
export async function seedDemoData(db: Db, options: { force?: boolean } = {}): Promise<boolean> {
  if (!options.force && (await countUsers(db)) > 0) return false;
  for (const expert of DEMO_EXPERTS) {
    if (!(await findExpertById(db, expert.id))) await insertExpert(db, expert);
  }
  const users = [
    {
      email: DEMO_LOGINS.adminEmail,
      password: DEMO_LOGINS.adminPassword,
      name: 'Admin Lumira',
      role: 'admin',
    },
    {
      email: DEMO_LOGINS.expertEmail,
      password: DEMO_LOGINS.expertPassword,
      name: 'Expert Test',
      role: 'expert',
      expertId: DEMO_EXPERT_ID,
    },
    {
      email: DEMO_LOGINS.customerEmail,
      password: DEMO_LOGINS.customerPassword,
      name: 'Client Démo',
      role: 'customer',
    },
  ] as const;
  for (const user of users) {
    if (await findUserByEmail(db, user.email)) continue;
    await insertUser(db, {
      email: user.email,
      name: user.name,
      role: user.role,
      passwordHash: await hashPassword(user.password),
      expertId: 'expertId' in user ? user.expertId : null,
    });
  }
  return true;
}
