import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../src/domain/auth/create-staff-account';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/domain/auth/token';
import { startTestStack, type TestStack } from './harness';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read loosely in tests
type Loose = any;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Loose };
}

async function me(token: string) {
  const res = await fetch(`${stack.apiUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Loose };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('register, login, me', () => {
  it('registers a customer, logs in with the same password and reads the account', async () => {
    const email = `Camille.${Date.now()}@Example.test`;
    const registered = await post('/api/auth/register', {
      email,
      password: 'correct horse',
      name: 'Camille',
    });
    expect(registered.status).toBe(202);
    expect(registered.body).toEqual({ accepted: true, message: expect.any(String) });

    const login = await post('/api/auth/login', { email, password: 'correct horse' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: email.toLowerCase(), name: 'Camille', role: 'customer' });

    const current = await me(login.body.token);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      id: login.body.user.id,
      email: email.toLowerCase(),
      role: 'customer',
    });
    expect(JSON.stringify(current.body)).not.toMatch(/password|hash/i);
  });

  it('stores passwords as argon2id hashes, never as given', async () => {
    const email = `hash.${Date.now()}@example.test`;
    await post('/api/auth/register', { email, password: 'plain-text-password', name: 'H' });
    const row = await stack.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('plain-text-password');
  });

  it('answers a taken address exactly like a free one (no enumeration) and keeps the first account', async () => {
    const email = `dup.${Date.now()}@example.test`;
    const first = await post('/api/auth/register', { email, password: 'first-password-1', name: 'A' });
    const again = await post('/api/auth/register', {
      email: email.toUpperCase(),
      password: 'second-password-2',
      name: 'B',
    });
    const demo = await post('/api/auth/register', {
      email: stack.demo.adminEmail,
      password: 'take-over-attempt',
      name: 'Mallory',
    });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(demo.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(demo.body).toEqual(first.body);
    // The existing accounts are unchanged: their passwords still work, the new ones do not.
    expect((await post('/api/auth/login', { email, password: 'first-password-1' })).status).toBe(200);
    expect((await post('/api/auth/login', { email, password: 'second-password-2' })).status).toBe(401);
    expect(
      (await post('/api/auth/login', { email: stack.demo.adminEmail, password: 'take-over-attempt' })).status,
    ).toBe(401);
    const admin = await post('/api/auth/login', {
      email: stack.demo.adminEmail,
      password: stack.demo.adminPassword,
    });
    expect(admin.body.user.role).toBe('admin');
  });

  it('refuses blank, short and common passwords, and NUL or other control characters in any field', async () => {
    const email = `policy.${Date.now()}@example.test`;
    const refused: [string, Record<string, string>][] = [
      ['eight spaces', { password: '        ' }],
      ['padded short', { password: '   short   ' }],
      ['common', { password: '12345678' }],
      ['common, other case', { password: 'PassWord123' }],
      ['NUL in the name', { name: 'a\u0000b' }],
      ['escape in the name', { name: 'a\u001b[31mb' }],
      ['NUL in the password', { password: 'long\u0000password' }],
    ];
    for (const [label, over] of refused) {
      const res = await post('/api/auth/register', {
        email,
        password: 'a fine password',
        name: 'Ana',
        ...over,
      });
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].path, label).toBe(Object.keys(over)[0]);
    }
    const nulLogin = await post('/api/auth/login', { email: stack.demo.adminEmail, password: 'x\u0000' });
    expect(nulLogin.status).toBe(400);
    const count = await stack.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('answers the same INVALID_CREDENTIALS for a wrong password and an unknown email', async () => {
    const wrong = await post('/api/auth/login', {
      email: stack.demo.adminEmail,
      password: 'not-the-password',
    });
    const unknown = await post('/api/auth/login', { email: 'nobody@example.test', password: 'whatever-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('never lets registration choose a role (unknown keys are rejected by name)', async () => {
    const res = await post('/api/auth/register', {
      email: `role.${Date.now()}@example.test`,
      password: 'password-123',
      name: 'Mallory',
      role: 'admin',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain('role');
  });

  it('names the bad fields of an invalid registration', async () => {
    const res = await post('/api/auth/register', { email: 'not-an-email', password: 'short', name: '' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'name']));
  });

  it('stores SQL-injection strings as plain text', async () => {
    const name = "Robert'); DROP TABLE users; --";
    const email = `bobby.${Date.now()}@example.test`;
    const res = await post('/api/auth/register', { email, password: "' OR '1'='1' --", name });
    expect(res.status).toBe(202);
    const login = await post('/api/auth/login', { email, password: "' OR '1'='1' --" });
    expect(login.status).toBe(200);
    expect((await me(login.body.token)).body.name).toBe(name);
    const injected = await post('/api/auth/login', { email: "' OR 1=1 --@x.test", password: "' OR '1'='1" });
    expect(injected.status).toBe(400);
    const count = await stack.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(3);
  });

  it('logs in the demo admin, expert and customer with their roles', async () => {
    const expertToken = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
    expect((await me(expertToken)).body).toMatchObject({ role: 'expert', expertId: stack.demo.expertId });
    const adminToken = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    expect((await me(adminToken)).body.role).toBe('admin');
    const customerToken = await stack.login(stack.demo.customerEmail, stack.demo.customerPassword);
    expect((await me(customerToken)).body.role).toBe('customer');
  });
});

describe('JWT rejection', () => {
  async function validClaims() {
    const token = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    return { token, payload };
  }

  it('requires a token for /me', async () => {
    const res = await fetch(`${stack.apiUrl}/api/auth/me`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as Loose).error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects alg: none', async () => {
    const { payload } = await validClaims();
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a token signed with another key', async () => {
    const { payload } = await validClaims();
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-of-sufficient-length-1234567890'));
    expect((await me(token)).status).toBe(401);
  });

  it('rejects another algorithm with the right secret (HS512) and an asymmetric one (RS256)', async () => {
    const { payload } = await validClaims();
    const hs512 = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS512' })
      .sign(new TextEncoder().encode(stack.config.jwt.secret));
    expect((await me(hs512)).status).toBe(401);

    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    expect((await me(rs256)).status).toBe(401);
  });

  it('rejects an expired token', async () => {
    const { payload } = await validClaims();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...payload, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(stack.config.jwt.secret));
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a tampered payload (customer promoted to admin)', async () => {
    const token = await stack.login(stack.demo.customerEmail, stack.demo.customerPassword);
    const [header, body, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`;
    expect((await me(forged)).status).toBe(401);
    const admin = await fetch(`${stack.apiUrl}/api/admin/experts`, {
      headers: { Authorization: `Bearer ${forged}` },
    });
    expect(admin.status).toBe(401);
  });

  it('accepts a well-signed token only with our issuer and audience', async () => {
    const { payload } = await validClaims();
    const key = new TextEncoder().encode(stack.config.jwt.secret);
    const good = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(key);
    expect((await me(good)).status).toBe(200);
    const otherAudience = await new SignJWT({ ...payload, aud: 'someone-else' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
    expect((await me(otherAudience)).status).toBe(401);
    expect(payload).toMatchObject({ iss: JWT_ISSUER, aud: JWT_AUDIENCE });
  });

  it('answers 403 when the role is not allowed', async () => {
    const token = await stack.login(stack.demo.customerEmail, stack.demo.customerPassword);
    const res = await fetch(`${stack.apiUrl}/api/admin/experts`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Loose).error.code).toBe('FORBIDDEN');
  });
});

describe('staff accounts (createStaffAccount, used by `npm run create-staff`)', () => {
  it('creates an admin who can log in and use admin routes', async () => {
    const email = `admin.${Date.now()}@lumira.test`;
    const user = await createStaffAccount(stack.db, {
      role: 'admin',
      email,
      password: 'admin-password-1',
      name: 'Ana',
    });
    expect(user.role).toBe('admin');
    const token = await stack.login(email, 'admin-password-1');
    const res = await fetch(`${stack.apiUrl}/api/admin/experts`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it('creates an expert with a public profile offering the chosen tiers, who sees an empty desk', async () => {
    const email = `expert.${Date.now()}@lumira.test`;
    const user = await createStaffAccount(stack.db, {
      role: 'expert',
      email,
      password: 'expert-password-1',
      name: 'Nouvel Expert',
      tiers: ['basic'],
    });
    expect(user.expertId).toMatch(/^[0-9a-f]{24}$/);
    const experts = (await (await fetch(`${stack.apiUrl}/api/experts`)).json()) as Loose;
    const listed = experts.experts.find((e: Loose) => e.id === user.expertId);
    expect(listed).toMatchObject({ name: 'Nouvel Expert', tiers: ['basic'] });
    const token = await stack.login(email, 'expert-password-1');
    const desk = await fetch(`${stack.apiUrl}/api/desk/orders`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(desk.status).toBe(200);
    expect(((await desk.json()) as Loose).orders).toEqual([]);
  });

  it('refuses a taken email without leaving an orphan expert profile behind', async () => {
    const before = await stack.db.selectFrom('experts').select('id').execute();
    await expect(
      createStaffAccount(stack.db, {
        role: 'expert',
        email: stack.demo.expertEmail,
        password: 'expert-password-1',
        name: 'Doublon',
      }),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    const after = await stack.db.selectFrom('experts').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('rejects a short password before writing anything', async () => {
    await expect(
      createStaffAccount(stack.db, {
        role: 'admin',
        email: 'short@lumira.test',
        password: 'short',
        name: 'X',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
