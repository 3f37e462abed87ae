/**
 * The one-command local stack, as a person uses it: `bash deploy.sh --development` (which runs
 * `npm start`) on free ports with its own data directory, a card payment through the official Stripe
 * SDK against the started sandbox, Ctrl-C, a restart on the same data, `npm run reset`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDataDirs, STRIPE_SECRET_KEY } from '../scripts/lib/stack.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const EXPERT_TEST_ID = '674123456789abcdef012345';

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

type Ports = {
  api: number;
  sandbox: number;
  web: number;
  desk: number;
  pg: number;
  mailSmtp: number;
  mail: number;
};

/** Every process descended from `root` (PostgreSQL backends included: they leave their group). */
function descendants(root: number): number[] {
  const out = spawnSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], { encoding: 'utf8' }).stdout;
  const children = new Map<number, number[]>();
  for (const line of out.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Stack = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts `bash deploy.sh --development` in its own process group (like a terminal does). */
async function startStack(ports: Ports, dataDir: string): Promise<Stack> {
  const child = spawn('bash', ['deploy.sh', '--development'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LUMIRA_API_PORT: String(ports.api),
      LUMIRA_SANDBOX_PORT: String(ports.sandbox),
      LUMIRA_WEB_PORT: String(ports.web),
      LUMIRA_DESK_PORT: String(ports.desk),
      LUMIRA_PG_PORT: String(ports.pg),
      LUMIRA_MAIL_SMTP_PORT: String(ports.mailSmtp),
      LUMIRA_MAIL_PORT: String(ports.mail),
      LUMIRA_DATA_DIR: dataDir,
    },
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const deadline = Date.now() + 150_000;
  while (!text.includes('Lumira Oracle is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the stack did not start:\n${text.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => text, exited };
}

/** Ctrl-C as a terminal sends it (to the whole foreground group); returns the processes left behind. */
async function stopStack(stack: Stack): Promise<{ code: number | null; leftovers: string[] }> {
  const pid = stack.child.pid!;
  const tree = descendants(pid);
  expect(tree.length).toBeGreaterThan(3);
  process.kill(-pid, 'SIGINT');
  const code = await Promise.race([
    stack.exited,
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 40_000)),
  ]);
  if (code === 'timeout') throw new Error(`the stack did not stop:\n${stack.output().slice(-3000)}`);
  await new Promise((r) => setTimeout(r, 500));
  const leftovers = tree
    .filter(alive)
    .map((p) => spawnSync('ps', ['-o', 'pid=,args=', '-p', String(p)], { encoding: 'utf8' }).stdout.trim())
    .filter(Boolean);
  for (const p of tree.filter(alive)) process.kill(p, 'SIGKILL');
  return { code, leftovers };
}

/** kill -9 of the orchestrator itself (a crash, a killed terminal): its watchdog must stop the rest. */
async function crashStack(stack: Stack): Promise<string[]> {
  const tree = descendants(stack.child.pid!);
  // the node process itself, not the `sh -c node scripts/start.mjs` npm runs it through
  const orchestrator = tree.find((p) =>
    /^\S*node scripts\/start\.mjs/.test(
      spawnSync('ps', ['-o', 'args=', '-p', String(p)], { encoding: 'utf8' }).stdout.trim(),
    ),
  );
  expect(orchestrator).toBeDefined();
  process.kill(orchestrator!, 'SIGKILL');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && tree.some(alive)) await new Promise((r) => setTimeout(r, 200));
  const leftovers = tree
    .filter(alive)
    .map((p) =>
      spawnSync('ps', ['-o', 'pid=,stat=,args=', '-p', String(p)], { encoding: 'utf8' }).stdout.trim(),
    )
    .filter(Boolean);
  for (const p of tree.filter(alive)) process.kill(p, 'SIGKILL');
  return leftovers;
}

async function waitForStatus(
  url: string,
  expected: string,
  timeoutMs = 20_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    const res = await fetch(url);
    last = (await res.json()) as Record<string, unknown>;
    if (last.status === expected) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`order never became ${expected}: ${JSON.stringify(last)}`);
}

describe('npm start through deploy.sh --development', () => {
  let ports: Ports;
  let dataDir: string;
  let stack: Stack | null = null;
  let order: { id: string; token: string } | null = null;

  beforeAll(async () => {
    ports = {
      api: await freePort(),
      sandbox: await freePort(),
      web: await freePort(),
      desk: await freePort(),
      pg: await freePort(),
      mailSmtp: await freePort(),
      mail: await freePort(),
    };
    dataDir = mkdtempSync(join(tmpdir(), 'lumira-stack-'));
    stack = await startStack(ports, dataDir);
  }, 180_000);

  afterAll(async () => {
    if (stack && stack.child.exitCode === null && stack.child.signalCode === null) await stopStack(stack);
    for (const dir of [dataDir, ...postgresDataDirs(dataDir)]) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('prints the URLs and the demo logins, and the API is ready', async () => {
    const text = stack!.output();
    expect(text).toContain(`http://localhost:${ports.web}`);
    expect(text).toContain(`http://localhost:${ports.desk}`);
    expect(text).toContain('admin@lumira.test');
    expect(text).toContain('expert@lumira.test');
    const ready = await fetch(`http://127.0.0.1:${ports.api}/api/ready`);
    expect(ready.status).toBe(200);
  });

  it('serves both front ends, wired to this API and this sandbox, with client-side routes', async () => {
    const page = await fetch(
      `http://127.0.0.1:${ports.web}/commande?level=premium&service=premium&expert=Expert%20Test`,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain(`http://127.0.0.1:${ports.sandbox}/v3/stripe.js`);
    const script = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const bundle = await fetch(`http://127.0.0.1:${ports.web}${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');

    const desk = await fetch(`http://127.0.0.1:${ports.desk}/login`);
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain('<div id="root">');
    const missing = await fetch(`http://127.0.0.1:${ports.desk}/assets/does-not-exist.js`);
    expect(missing.status).toBe(404);
  });

  it('takes a card payment: create-payment-intent, confirm with the SDK, paid through the webhook', async () => {
    const api = `http://127.0.0.1:${ports.api}`;
    const created = await fetch(`${api}/api/payments/create-payment-intent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        level: 'premium',
        service: 'premium',
        expertId: EXPERT_TEST_ID,
        customerEmail: 'stack-test@example.com',
        customerName: 'Camille',
      }),
    });
    expect(created.ok).toBe(true);
    const body = (await created.json()) as {
      clientSecret: string;
      orderId: string;
      orderAccessToken: string;
      amount: number;
      currency: string;
    };
    expect(body.amount).toBe(7900);
    expect(body.currency).toBe('EUR');
    const paymentIntentId = body.clientSecret.split('_secret_')[0]!;

    const stripe = new Stripe(STRIPE_SECRET_KEY, {
      host: '127.0.0.1',
      port: ports.sandbox,
      protocol: 'http',
    });
    const confirmed = await stripe.paymentIntents.confirm(paymentIntentId, {
      payment_method: 'pm_card_visa',
    });
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.amount).toBe(7900);

    // No confirm-payment call: only the sandbox's signed webhook can move the order to paid.
    const url = `${api}/api/payments/order/${body.orderId}?token=${encodeURIComponent(body.orderAccessToken)}`;
    const paid = await waitForStatus(url, 'paid');
    expect(paid.paidAt).toBeTruthy();
    order = { id: body.orderId, token: body.orderAccessToken };

    // The confirmation e-mail reaches the mail catcher, with a link to the customer site.
    const deadline = Date.now() + 30_000;
    let subjects: string[] = [];
    while (Date.now() < deadline && subjects.length < 2) {
      const caught = await fetch(
        `http://127.0.0.1:${ports.mail}/api/v1/search?query=${encodeURIComponent('to:stack-test@example.com')}`,
      );
      subjects = ((await caught.json()) as { messages: { Subject: string }[] }).messages.map(
        (m) => m.Subject,
      );
      if (subjects.length < 2) await new Promise((r) => setTimeout(r, 250));
    }
    expect(subjects.sort()).toEqual([
      'Votre consultation avec Expert Test est confirmée',
      expect.stringMatching(/^Votre reçu et votre facture F-\d{4}-\d{6}$/),
    ]);
  });

  it('every e-mail of the issue reaches the catcher with working links; facture, avoir; the guest finds the order after signing up', async () => {
    const api = `http://127.0.0.1:${ports.api}`;
    const email = 'stack-mails@example.com';
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: res.status,
        body: (await res.json().catch(() => null)) as { token: string; orders: { id: string }[] } & Record<
          string,
          unknown
        >,
      };
    };
    const mail = async (subject: RegExp) => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const list = (await (
          await fetch(
            `http://127.0.0.1:${ports.mail}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`,
          )
        ).json()) as { messages: { ID: string; Subject: string }[] };
        const found = list.messages.find((m) => subject.test(m.Subject));
        if (found)
          return (await (
            await fetch(`http://127.0.0.1:${ports.mail}/api/v1/message/${found.ID}`)
          ).json()) as {
            Text: string;
            Attachments: { FileName: string }[];
          };
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`no e-mail ${subject} for ${email}`);
    };
    const link = (text: string, needle: string) => {
      const url = text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(needle));
      if (!url) throw new Error(`no link with ${needle} in ${text}`);
      const parsed = new URL(url);
      expect(parsed.port).toBe(String(ports.web));
      return parsed;
    };
    const page = async (url: URL) => {
      const res = await fetch(`http://127.0.0.1:${ports.web}${url.pathname}${url.search}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    };
    // Its own order (the one above must stay paid for the restart test below).
    const created = await call('POST', '/api/payments/create-payment-intent', {
      level: 'premium',
      service: 'premium',
      expertId: EXPERT_TEST_ID,
      customerEmail: email,
      customerName: 'Sacha',
    });
    const orderId = created.body.orderId as string;
    const stripe = new Stripe(STRIPE_SECRET_KEY, {
      host: '127.0.0.1',
      port: ports.sandbox,
      protocol: 'http',
    });
    await stripe.paymentIntents.confirm((created.body.clientSecret as string).split('_secret_')[0]!, {
      payment_method: 'pm_card_visa',
    });

    console.log(`[local-stack e-mails] paid`);
    // Confirmation: its follow-up link opens the order (scoped token); the facture downloads with it.
    const confirmation = await mail(/confirmée$/);
    const follow = link(confirmation.Text, '/confirmation?');
    await page(follow);
    const linkToken = follow.searchParams.get('token')!;
    const read = await fetch(`${api}/api/payments/order/${orderId}?token=${encodeURIComponent(linkToken)}`);
    expect(((await read.json()) as { status: string }).status).toBe('paid');
    const receipt = await mail(/^Votre reçu et votre facture F-/);
    expect(receipt.Attachments.map((a) => a.FileName)).toEqual([expect.stringMatching(/^facture-F-/)]);
    const documents = async () =>
      (
        (await (
          await fetch(`${api}/api/payments/order/${orderId}/documents?token=${encodeURIComponent(linkToken)}`)
        ).json()) as { documents: { reference: string; kind: string }[] }
      ).documents;
    const [invoice] = await documents();
    const pdf = await fetch(
      `${api}/api/payments/order/${orderId}/documents/${invoice!.reference}?token=${encodeURIComponent(linkToken)}`,
    );
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    console.log(`[local-stack e-mails] facture downloaded`);
    // The expert opens the session: "vous attend" with the room link.
    const expert = (
      await call('POST', '/api/auth/login', { email: 'expert@lumira.test', password: 'expert-demo-2026' })
    ).body.token;
    expect((await call('POST', `/api/desk/orders/${orderId}/start`, {}, expert)).status).toBe(200);
    const waiting = await mail(/vous attend$/);
    await page(link(waiting.Text, `/seance/${orderId}?token=`));
    expect(
      (await call('POST', `/api/desk/orders/${orderId}/end`, { reason: 'completed' }, expert)).status,
    ).toBe(200);

    console.log(`[local-stack e-mails] session e-mail`);
    // A refund: the notice with the avoir, which the order lists too.
    const admin = (
      await call('POST', '/api/auth/login', { email: 'admin@lumira.test', password: 'admin-demo-2026' })
    ).body.token;
    expect(
      (
        await call(
          'POST',
          `/api/admin/orders/${orderId}/refund`,
          { amount: 1000, reason: 'Geste commercial' },
          admin,
        )
      ).status,
    ).toBeLessThan(300);
    const notice = await mail(/^Remboursement de 10,00\s€/);
    expect(notice.Attachments.map((a) => a.FileName)).toEqual([expect.stringMatching(/^avoir-AV-/)]);
    await page(link(notice.Text, '/confirmation?'));
    expect((await documents()).map((d) => d.kind).sort()).toEqual(['credit_note', 'invoice']);

    console.log(`[local-stack e-mails] refund notice`);
    // The guest signs up with the same address, verifies it from the e-mail and finds the order.
    const password = 'stack-mails-secret-2026';
    expect((await call('POST', '/api/auth/register', { email, password, name: 'Camille' })).status).toBe(202);
    const verification = await mail(/^Confirmez votre adresse/);
    const verifyLink = link(verification.Text, '/compte/verification?token=');
    await page(verifyLink);
    const verified = await call('POST', '/api/auth/verify-email', {
      token: verifyLink.searchParams.get('token'),
    });
    expect(verified.body).toEqual({ verified: true, attachedOrders: 1 });
    const jwt = (await call('POST', '/api/auth/login', { email, password })).body.token;
    const mine = await call('GET', '/api/payments/orders', undefined, jwt);
    expect(mine.body.orders.map((o) => o.id)).toContain(orderId);

    console.log(`[local-stack e-mails] guest finds the order`);
    // Signing up again with the address tells its holder; "mot de passe oublié" sends a working link.
    await call('POST', '/api/auth/register', { email, password: 'someone-else-2026', name: 'X' });
    await page(link((await mail(/^Tentative de création de compte/)).Text, '/mot-de-passe/oublie'));
    expect((await call('POST', '/api/auth/password-reset/request', { email })).status).toBe(202);
    const resetLink = link((await mail(/^Réinitialisation/)).Text, '/mot-de-passe/nouveau?token=');
    await page(resetLink);
    const reset = await call('POST', '/api/auth/password-reset/confirm', {
      token: resetLink.searchParams.get('token'),
      password: 'stack-test-new-2026',
    });
    expect(reset.status).toBe(200);
    expect((await call('POST', '/api/auth/login', { email, password: 'stack-test-new-2026' })).status).toBe(
      200,
    );
  }, 300_000);

  it('stops on Ctrl-C (and on kill -9) leaving no process behind, keeps the data across a restart, and reset wipes it', async () => {
    const first = await stopStack(stack!);
    expect(first.leftovers).toEqual([]);
    expect(stack!.output()).toMatch(/stopping\.\.\.\n.*stopped\./s);

    stack = await startStack(ports, dataDir);
    expect(order).not.toBeNull();
    const res = await fetch(
      `http://127.0.0.1:${ports.api}/api/payments/order/${order!.id}?token=${encodeURIComponent(order!.token)}`,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('paid');

    const env = { ...process.env, LUMIRA_DATA_DIR: dataDir };
    const refused = spawnSync(process.execPath, ['scripts/reset.mjs'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('running');
    expect(existsSync(dataDir)).toBe(true);

    // Even killed with no chance to clean up, the stack leaves nothing running.
    expect(await crashStack(stack)).toEqual([]);

    const reset = spawnSync(process.execPath, ['scripts/reset.mjs'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(reset.status).toBe(0);
    // A private temp folder (0700) is not reachable by the `postgres` user the embedded PostgreSQL runs
    // as under root: the API keeps that database in a staged folder, which reset removes as well.
    for (const dir of [dataDir, ...postgresDataDirs(dataDir)]) expect(existsSync(dir)).toBe(false);
  }, 240_000);
});
