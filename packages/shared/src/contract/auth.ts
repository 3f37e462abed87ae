import { z } from 'zod';
import { ZEmail, ZText } from './common';

export const ROLES = ['customer', 'expert', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_POLICY_MESSAGE = `must have at least ${PASSWORD_MIN_LENGTH} characters besides surrounding spaces`;

/**
 * A new password: 8 to 200 characters, not counting surrounding spaces (8 spaces is no password),
 * no control characters. (The API also refuses the most common passwords: see
 * `apps/api-backend/src/domain/auth/password-policy.ts`.)
 */
export const ZNewPassword = ZText({ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, trim: false }).refine(
  (v) => v.trim().length >= PASSWORD_MIN_LENGTH,
  PASSWORD_POLICY_MESSAGE,
);

/** POST /api/auth/register */
export const ZRegisterRequest = z.strictObject({
  email: ZEmail,
  password: ZNewPassword,
  name: ZText({ min: 1, max: 100 }),
});
export type RegisterRequest = z.infer<typeof ZRegisterRequest>;

export const REGISTER_ACCEPTED_MESSAGE =
  'If this address has no account yet, it has been created: log in with it. Otherwise the address owner has been notified.';

/**
 * 202 from POST /api/auth/register: the same answer whether the address was free or already had an
 * account (no enumeration). The client logs in next with the same credentials.
 */
export const ZRegisterResponse = z.object({ accepted: z.literal(true), message: z.string() });
export type RegisterResponse = z.infer<typeof ZRegisterResponse>;

/** POST /api/auth/login */
export const ZLoginRequest = z.strictObject({
  email: ZEmail,
  password: ZText({ min: 1, max: PASSWORD_MAX_LENGTH, trim: false }),
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

/** A token from an account e-mail link (verification, password reset). */
export const ZAccountLinkToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be the token from the link');

/** POST /api/auth/verify-email */
export const ZVerifyEmailRequest = z.strictObject({ token: ZAccountLinkToken });
export type VerifyEmailRequest = z.infer<typeof ZVerifyEmailRequest>;
/** 200 from POST /api/auth/verify-email: the address is verified; guest orders placed with it now belong to the account. */
export const ZVerifyEmailResponse = z.object({ verified: z.literal(true), attachedOrders: z.number().int() });
export type VerifyEmailResponse = z.infer<typeof ZVerifyEmailResponse>;

/** POST /api/auth/password-reset/request */
export const ZPasswordResetRequest = z.strictObject({ email: ZEmail });
export type PasswordResetRequest = z.infer<typeof ZPasswordResetRequest>;
export const PASSWORD_RESET_ACCEPTED_MESSAGE =
  'If an account uses this address, a link to choose a new password has been sent to it.';

/** POST /api/auth/password-reset/confirm */
export const ZPasswordResetConfirm = z.strictObject({ token: ZAccountLinkToken, password: ZNewPassword });
export type PasswordResetConfirm = z.infer<typeof ZPasswordResetConfirm>;
