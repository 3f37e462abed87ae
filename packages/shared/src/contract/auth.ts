import { z } from 'zod';
import { ZEmail } from './common';

export const ROLES = ['customer', 'expert', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

/** POST /api/auth/register */
export const ZRegisterRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(8).max(200),
  name: z.string().trim().min(1).max(100),
});
export type RegisterRequest = z.infer<typeof ZRegisterRequest>;

/** POST /api/auth/login */
export const ZLoginRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(1).max(200),
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
