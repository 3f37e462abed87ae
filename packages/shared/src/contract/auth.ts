import { z } from 'zod';
import { isWellFormedText, WELL_FORMED_MESSAGE, ZEmail } from './common';

export const ROLES = ['customer', 'expert', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

/** POST /api/auth/register */
export const ZRegisterRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(8).max(200).refine(isWellFormedText, WELL_FORMED_MESSAGE),
  name: z.string().trim().min(1).max(100).refine(isWellFormedText, WELL_FORMED_MESSAGE),
});
export type RegisterRequest = z.infer<typeof ZRegisterRequest>;

/** POST /api/auth/login */
export const ZLoginRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(1).max(200).refine(isWellFormedText, WELL_FORMED_MESSAGE),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

export const ZAuthUser = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  /** set for users with role expert */
  expertId: z.string().optional(),
});
export type AuthUser = z.infer<typeof ZAuthUser>;

export const ZAuthResponse = z.object({ token: z.string().min(1), user: ZAuthUser });
export type AuthResponse = z.infer<typeof ZAuthResponse>;
