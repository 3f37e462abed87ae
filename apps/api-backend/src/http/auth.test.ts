import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { issueToken } from '../domain/auth/token';
import { optionalAuth, requireAuth } from './auth';

const secret = 'auth-middleware-test-secret-0123456789';

function fakeRequest(authorization?: string) {
  const headers: Record<string, string> = {};
  const req = {
    ctx: { config: { jwt: { secret } } },
    get: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined),
  } as unknown as Request;
  const res = {
    setHeader(name: string, value: string) {
      headers[name] = value;
    },
  } as unknown as Response;
  return { req, res, headers };
}

async function run(middleware: typeof optionalAuth, req: Request, res: Response): Promise<unknown> {
  let forwarded: unknown = 'not called';
  try {
    await middleware(req, res, (error?: unknown) => {
      forwarded = error;
    });
  } catch (error) {
    return error;
  }
  return forwarded;
}

const validToken = () => issueToken({ secret, expiresInSeconds: 600 }, { userId: 'u1', role: 'customer' });

describe('optionalAuth', () => {
  it('sets req.auth from a valid token', async () => {
    const { req, res } = fakeRequest(`Bearer ${await validToken()}`);
    expect(await run(optionalAuth, req, res)).toBeUndefined();
    expect(req.auth).toEqual({ userId: 'u1', role: 'customer' });
  });

  it('treats a missing token as anonymous', async () => {
    const { req, res } = fakeRequest();
    expect(await run(optionalAuth, req, res)).toBeUndefined();
    expect(req.auth).toBeUndefined();
  });

  it('treats an invalid token as anonymous, with a hint to drop it', async () => {
    const token = await validToken();
    const { req, res, headers } = fakeRequest(`Bearer ${token.slice(0, -2)}xx`);
    expect(await run(optionalAuth, req, res)).toBeUndefined();
    expect(req.auth).toBeUndefined();
    expect(headers['WWW-Authenticate']).toBe('Bearer error="invalid_token"');
  });
});

describe('requireAuth', () => {
  it('refuses an invalid token with UNAUTHENTICATED', async () => {
    const { req, res } = fakeRequest('Bearer not.a.token');
    expect(await run(requireAuth(), req, res)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a valid token of another role with FORBIDDEN', async () => {
    const { req, res } = fakeRequest(`Bearer ${await validToken()}`);
    expect(await run(requireAuth('admin', 'expert'), req, res)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an allowed role through', async () => {
    const { req, res } = fakeRequest(`Bearer ${await validToken()}`);
    expect(await run(requireAuth('customer'), req, res)).toBeUndefined();
  });
});
