import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueToken, JWT_AUDIENCE, JWT_ISSUER, verifyToken } from './token';

const settings = { secret: 'unit-test-secret-0123456789abcdef0123', expiresInSeconds: 3600 };
const key = new TextEncoder().encode(settings.secret);

describe('session tokens', () => {
  it('round-trips the claims', async () => {
    const token = await issueToken(settings, { userId: 'u1', role: 'expert', expertId: 'e1' });
    await expect(verifyToken(settings.secret, token)).resolves.toEqual({
      userId: 'u1',
      role: 'expert',
      expertId: 'e1',
    });
  });

  it('rejects a token past its expiry', async () => {
    const token = await issueToken(
      settings,
      { userId: 'u1', role: 'customer' },
      new Date(Date.now() - 7200_000),
    );
    await expect(verifyToken(settings.secret, token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects an unknown role and a missing subject', async () => {
    const base = () => new SignJWT({ role: 'superuser' }).setProtectedHeader({ alg: 'HS256' });
    const badRole = await base()
      .setSubject('u1')
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(key);
    await expect(verifyToken(settings.secret, badRole)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const noSubject = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(key);
    await expect(verifyToken(settings.secret, noSubject)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects garbage', async () => {
    for (const token of ['', 'a.b.c', 'not-a-jwt']) {
      await expect(verifyToken(settings.secret, token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });
});
