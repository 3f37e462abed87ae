/** Forged and broken JWTs (HS256 built by hand so that every header and claim can be wrong). */
import { createHmac } from 'node:crypto';

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function signHs(
  alg: 'HS256' | 'HS384' | 'HS512',
  header: object,
  payload: object,
  secret: string,
): string {
  const head = `${b64(header)}.${b64(payload)}`;
  const hash = alg === 'HS256' ? 'sha256' : alg === 'HS384' ? 'sha384' : 'sha512';
  return `${head}.${createHmac(hash, secret).update(head).digest('base64url')}`;
}

export interface JwtContext {
  /** The API's real JWT secret (the fuzzer configured the API, so it knows it). */
  secret: string;
  /** A real user id and expert id from the seeded data. */
  userId: string;
  expertId: string;
}

/**
 * Validly signed tokens (only the key holder can make them) with hostile claims: they may be accepted,
 * but must never cause a 5xx or reach SQL as anything but a parameter.
 */
export function oddSignedTokens(ctx: JwtContext): { name: string; token: string }[] {
  const now = Math.floor(Date.now() / 1000);
  const good = {
    sub: ctx.userId,
    role: 'customer',
    iss: 'lumira-api',
    aud: 'lumira',
    iat: now,
    exp: now + 3600,
  };
  const h = { alg: 'HS256', typ: 'JWT' };
  return [
    { name: 'sub injection', token: signHs('HS256', h, { ...good, sub: "' OR 1=1--" }, ctx.secret) },
    {
      name: 'sub unknown user',
      token: signHs('HS256', h, { ...good, sub: 'ffffffffffffffffffffffff' }, ctx.secret),
    },
    { name: 'sub long', token: signHs('HS256', h, { ...good, sub: 'a'.repeat(3000) }, ctx.secret) },
    {
      name: 'expertId injection',
      token: signHs(
        'HS256',
        h,
        { ...good, role: 'expert', expertId: "'; DROP TABLE orders; --" },
        ctx.secret,
      ),
    },
    { name: 'expert without expertId', token: signHs('HS256', h, { ...good, role: 'expert' }, ctx.secret) },
  ];
}

/** Tokens that must all be refused (401), each with why. */
export function badTokens(ctx: JwtContext): { name: string; token: string }[] {
  const now = Math.floor(Date.now() / 1000);
  const good = {
    sub: ctx.userId,
    role: 'admin',
    iss: 'lumira-api',
    aud: 'lumira',
    iat: now,
    exp: now + 3600,
  };
  const h = { alg: 'HS256', typ: 'JWT' };
  return [
    { name: 'alg none', token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.` },
    { name: 'alg None', token: `${b64({ alg: 'None', typ: 'JWT' })}.${b64(good)}.` },
    { name: 'wrong key', token: signHs('HS256', h, good, 'not-the-secret') },
    {
      name: 'HS512 with the right key',
      token: signHs('HS512', { alg: 'HS512', typ: 'JWT' }, good, ctx.secret),
    },
    {
      name: 'RS256 header, HMAC body',
      token: signHs('HS256', { alg: 'RS256', typ: 'JWT' }, good, ctx.secret),
    },
    { name: 'expired', token: signHs('HS256', h, { ...good, iat: now - 7200, exp: now - 3600 }, ctx.secret) },
    { name: 'no exp', token: signHs('HS256', h, { ...good, exp: undefined }, ctx.secret) },
    { name: 'wrong issuer', token: signHs('HS256', h, { ...good, iss: 'evil' }, ctx.secret) },
    { name: 'wrong audience', token: signHs('HS256', h, { ...good, aud: 'other' }, ctx.secret) },
    { name: 'unknown role', token: signHs('HS256', h, { ...good, role: 'superadmin' }, ctx.secret) },
    { name: 'role as array', token: signHs('HS256', h, { ...good, role: ['admin'] }, ctx.secret) },
    { name: 'sub object', token: signHs('HS256', h, { ...good, sub: { $gt: '' } }, ctx.secret) },
    {
      name: 'tampered payload',
      token: (() => {
        const t = signHs('HS256', h, { ...good, role: 'customer' }, ctx.secret).split('.');
        return `${t[0]}.${b64(good)}.${t[2]}`;
      })(),
    },
    { name: 'kid header path traversal', token: signHs('HS256', { ...h, kid: '../../dev/null' }, good, '') },
    { name: 'empty signature', token: `${b64(h)}.${b64(good)}.` },
    { name: 'garbage', token: 'not.a.jwt' },
    { name: 'two parts', token: `${b64(h)}.${b64(good)}` },
    { name: 'huge', token: `${b64(h)}.${'A'.repeat(12_000)}.sig` },
    { name: 'unicode', token: '𝕷𝖚𝖒𝖎𝖗𝖆.🔮.✨' },
  ];
}
