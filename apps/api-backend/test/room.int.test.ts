/**
 * The consultation room: opens when the expert starts the session and closes at its end; messages both
 * ways, idempotent sends, resume from the last line, presence, typing, WebRTC signalling relayed to the
 * other participant only, delivery across two API instances, and the security rules (order access,
 * read-only admin, limits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/data/ids';
import { startTestStack, type TestStack } from './harness';
import { api, paidOrder } from './payments-helpers';
import { openStream, type TestStream } from './room-stream';

let stack: TestStack;
let expert: string;
let admin: string;
const streams: TestStream[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
  admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
});
afterAll(async () => {
  for (const s of streams) s.close();
  await stack?.stop();
});

function stream(url: string): TestStream {
  const s = openStream(url);
  streams.push(s);
  return s;
}

const order = () =>
  paidOrder(stack, 'pm_card_visa', {
    level: 'basic',
    expertId: stack.demo.expertId,
    customerEmail: 'room@example.com',
    customerName: 'Alice Martin',
  });
let seq = 0;
const clientId = () => `client-${Date.now()}-${seq++}`;

function send(
  apiUrl: string,
  orderId: string,
  auth: { token?: string; jwt?: string },
  text: string,
  id = clientId(),
) {
  const query = auth.token ? `?token=${encodeURIComponent(auth.token)}` : '';
  return api({ apiUrl }, 'POST', `/api/rooms/${orderId}/messages${query}`, {
    token: auth.jwt,
    body: { clientMessageId: id, text },
  });
}

type Line = { id: string; sender: string; text: string };

describe('the consultation room', () => {
  it('waits for the expert, opens on start, carries messages both ways once, resumes, and closes at the end', async () => {
    const paid = await order();
    const asCustomer = { token: paid.orderAccessToken };
    const q = `?token=${encodeURIComponent(paid.orderAccessToken)}`;

    const waiting = await api(stack, 'GET', `/api/rooms/${paid.orderId}${q}`);
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({ role: 'customer', state: 'waiting', canWrite: false, messages: [] });
    expect(waiting.body.expertName).toBe('Expert Test');
    const early = await send(stack.apiUrl, paid.orderId, asCustomer, 'Bonjour ?');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ROOM_NOT_OPEN');

    const customerStream = stream(`${stack.apiUrl}/api/rooms/${paid.orderId}/events${q}`);
    await customerStream.ready;
    await api(stack, 'POST', `/api/desk/orders/${paid.orderId}/start`, { token: expert });
    await customerStream.waitFor(
      (e) => e.data.type === 'room.state' && (e.data.room as { state: string }).state === 'open',
    );
    const started = await customerStream.waitFor((e) => e.data.type === 'room.message');
    expect(started.data.message).toMatchObject({ sender: 'system', text: 'session_started' });
    expect(started.id).toBe((started.data.message as Line).id);

    const expertStream = stream(`${stack.apiUrl}/api/rooms/${paid.orderId}/events?access_token=${expert}`);
    await expertStream.ready;
    // Presence: the customer's stream learns that the expert joined.
    await customerStream.waitFor(
      (e) => e.data.type === 'room.presence' && (e.data.presence as { expert: boolean }).expert === true,
    );

    const fromCustomer = await send(
      stack.apiUrl,
      paid.orderId,
      asCustomer,
      'Bonjour, je suis là.',
      'customer-hello-1',
    );
    expect(fromCustomer.status).toBe(201);
    expect(fromCustomer.body.message).toMatchObject({ sender: 'customer', text: 'Bonjour, je suis là.' });
    const fromExpert = await send(stack.apiUrl, paid.orderId, { jwt: expert }, 'Bienvenue Alice.');
    expect(fromExpert.body.message.sender).toBe('expert');
    // A resend after a lost answer: the same line, not a second one.
    const again = await send(
      stack.apiUrl,
      paid.orderId,
      asCustomer,
      'Bonjour, je suis là.',
      'customer-hello-1',
    );
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(fromCustomer.body.message.id);

    for (const s of [customerStream, expertStream]) {
      await s.waitFor((e) => (e.data.message as Line | undefined)?.text === 'Bienvenue Alice.');
      const texts = s.events
        .filter((e) => e.data.type === 'room.message')
        .map((e) => (e.data.message as Line).text);
      expect(texts).toEqual(['session_started', 'Bonjour, je suis là.', 'Bienvenue Alice.']);
    }

    // Typing reaches the other side only.
    await api(stack, 'POST', `/api/rooms/${paid.orderId}/typing`, { token: expert });
    await customerStream.waitFor((e) => e.data.type === 'room.typing' && e.data.role === 'expert');

    // Resume: only the lines after the given id, through the transcript and through a new stream.
    const firstId = started.id!;
    const after = await api(stack, 'GET', `/api/rooms/${paid.orderId}${q}&after=${firstId}`);
    expect(after.body.messages.map((m: Line) => m.text)).toEqual([
      'Bonjour, je suis là.',
      'Bienvenue Alice.',
    ]);
    const resumed = stream(
      `${stack.apiUrl}/api/rooms/${paid.orderId}/events${q}&after=${fromCustomer.body.message.id}`,
    );
    await resumed.waitFor((e) => (e.data.message as Line | undefined)?.text === 'Bienvenue Alice.');
    expect(resumed.events.filter((e) => e.data.type === 'room.message')).toHaveLength(1);
    // The browser's Last-Event-ID is honoured the same way.
    const reconnected = openStream(`${stack.apiUrl}/api/rooms/${paid.orderId}/events${q}`, {
      'Last-Event-ID': fromCustomer.body.message.id,
    });
    streams.push(reconnected);
    await reconnected.waitFor((e) => (e.data.message as Line | undefined)?.text === 'Bienvenue Alice.');
    expect(reconnected.events.filter((e) => e.data.type === 'room.message')).toHaveLength(1);

    // The expert ends the session (interrupted): last line, room closed, sends refused, resend still answered.
    const ended = await api(stack, 'POST', `/api/desk/orders/${paid.orderId}/end`, {
      token: expert,
      body: { reason: 'interrupted' },
    });
    expect(ended.status).toBe(200);
    await customerStream.waitFor((e) => (e.data.message as Line | undefined)?.text === 'session_interrupted');
    await customerStream.waitFor(
      (e) => e.data.type === 'room.state' && (e.data.room as { state: string }).state === 'closed',
    );
    const late = await send(stack.apiUrl, paid.orderId, asCustomer, 'Encore là ?');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ROOM_CLOSED');
    const lateResend = await send(
      stack.apiUrl,
      paid.orderId,
      asCustomer,
      'Bonjour, je suis là.',
      'customer-hello-1',
    );
    expect(lateResend.status).toBe(200);

    // The transcript stays readable by both, and by an admin (read only).
    const transcript = ['session_started', 'Bonjour, je suis là.', 'Bienvenue Alice.', 'session_interrupted'];
    for (const auth of [{ q }, { jwt: expert }, { jwt: admin }]) {
      const res = await api(stack, 'GET', `/api/rooms/${paid.orderId}${'q' in auth ? auth.q : ''}`, {
        token: 'jwt' in auth ? auth.jwt : undefined,
      });
      expect(res.body.messages.map((m: Line) => m.text)).toEqual(transcript);
      expect(res.body.state).toBe('closed');
    }
    // The transcript is append-only in the database itself.
    await expect(
      stack.db.deleteFrom('room_messages').where('order_id', '=', paid.orderId).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('relays WebRTC signalling to the other participant only', async () => {
    const paid = await order();
    const q = `?token=${encodeURIComponent(paid.orderAccessToken)}`;
    await api(stack, 'POST', `/api/desk/orders/${paid.orderId}/start`, { token: expert });
    const expertStream = stream(`${stack.apiUrl}/api/rooms/${paid.orderId}/events?access_token=${expert}`);
    const customerStream = stream(`${stack.apiUrl}/api/rooms/${paid.orderId}/events${q}`);
    const adminStream = stream(`${stack.apiUrl}/api/rooms/${paid.orderId}/events?access_token=${admin}`);
    await Promise.all([expertStream.ready, customerStream.ready, adminStream.ready]);

    const offer = {
      type: 'offer',
      callId: 'call-0001',
      video: true,
      description: { type: 'offer', sdp: `v=0\r\n${'a=x\r\n'.repeat(800)}` },
    };
    const sent = await api(stack, 'POST', `/api/rooms/${paid.orderId}/signal${q}`, { body: offer });
    expect(sent.status).toBe(202);
    const received = await expertStream.waitFor((e) => e.data.type === 'room.signal');
    expect(received.data.signal).toEqual({ ...offer, from: 'customer' });
    const answer = await api(stack, 'POST', `/api/rooms/${paid.orderId}/signal`, {
      token: expert,
      body: { type: 'hangup', callId: 'call-0001', reason: 'declined' },
    });
    expect(answer.status).toBe(202);
    await customerStream.waitFor((e) => e.data.type === 'room.signal');
    // Nobody receives their own signals; the admin receives none.
    await expertStream.waitFor((e) => e.data.type === 'room.state');
    expect(customerStream.events.filter((e) => e.data.type === 'room.signal')).toHaveLength(1);
    expect(expertStream.events.filter((e) => e.data.type === 'room.signal')).toHaveLength(1);
    expect(adminStream.events.filter((e) => e.data.type === 'room.signal')).toHaveLength(0);
    // Admins cannot signal either.
    const byAdmin = await api(stack, 'POST', `/api/rooms/${paid.orderId}/signal`, {
      token: admin,
      body: offer,
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.error.code).toBe('ROOM_READ_ONLY');
  });

  it('a message sent to one API instance reaches a client streaming from another', async () => {
    const second = await stack.startApiInstance();
    const paid = await order();
    const q = `?token=${encodeURIComponent(paid.orderAccessToken)}`;
    await api(stack, 'POST', `/api/desk/orders/${paid.orderId}/start`, { token: expert });
    const onSecond = stream(`${second.url}/api/rooms/${paid.orderId}/events${q}`);
    await onSecond.ready;
    const sent = await send(stack.apiUrl, paid.orderId, { jwt: expert }, 'Depuis la première instance');
    expect(sent.status).toBe(201);
    const got = await onSecond.waitFor(
      (e) => (e.data.message as Line | undefined)?.text === 'Depuis la première instance',
    );
    expect(got.id).toBe(sent.body.message.id);
    // And presence crosses instances too: the expert joining on the first is seen on the second.
    const expertStream = stream(`${stack.apiUrl}/api/rooms/${paid.orderId}/events?access_token=${expert}`);
    await expertStream.ready;
    await onSecond.waitFor(
      (e) => e.data.type === 'room.presence' && (e.data.presence as { expert: boolean }).expert === true,
    );
  });
});

describe('room security and limits', () => {
  it("refuses another order's token, another expert, a customer's token on the desk, and admin writes", async () => {
    const mine = await order();
    const other = await order();
    await api(stack, 'POST', `/api/desk/orders/${mine.orderId}/start`, { token: expert });

    // Another order's token: 404, for reads, streams and writes.
    const wrongToken = `?token=${encodeURIComponent(other.orderAccessToken)}`;
    expect((await api(stack, 'GET', `/api/rooms/${mine.orderId}${wrongToken}`)).status).toBe(404);
    const wrongStream = openStream(`${stack.apiUrl}/api/rooms/${mine.orderId}/events${wrongToken}`);
    streams.push(wrongStream);
    const refused = await wrongStream.waitFor((e) => e.data.type === 'http.error');
    expect(refused.data.status).toBe(404);
    expect((await send(stack.apiUrl, mine.orderId, { token: other.orderAccessToken }, 'intrus')).status).toBe(
      404,
    );
    // No credentials at all: 404 too.
    expect((await api(stack, 'GET', `/api/rooms/${mine.orderId}`)).status).toBe(404);

    // Another expert: 404.
    const otherExpertId = newId();
    await stack.db
      .insertInto('experts')
      .values({ id: otherExpertId, name: 'Autre Expert', tiers: ['basic'], active: true, online: true })
      .execute();
    const { hashPassword } = await import('../src/domain/auth/password');
    await stack.db
      .insertInto('users')
      .values({
        id: newId(),
        email: 'autre.expert@lumira.test',
        name: 'Autre Expert',
        role: 'expert',
        password_hash: await hashPassword('autre-expert-2026'),
        expert_id: otherExpertId,
      })
      .execute();
    const otherExpert = await stack.login('autre.expert@lumira.test', 'autre-expert-2026');
    expect((await api(stack, 'GET', `/api/rooms/${mine.orderId}`, { token: otherExpert })).status).toBe(404);
    expect((await send(stack.apiUrl, mine.orderId, { jwt: otherExpert }, 'intrus')).status).toBe(404);

    // The customer's order token on the expert side: the desk needs an expert JWT; in the room it is the customer.
    const onDesk = await api(stack, 'GET', `/api/desk/orders/${mine.orderId}`, {
      headers: { 'X-Order-Token': mine.orderAccessToken },
    });
    expect(onDesk.status).toBe(401);
    const asCustomer = await send(
      stack.apiUrl,
      mine.orderId,
      { token: mine.orderAccessToken },
      'Je suis le client',
    );
    expect(asCustomer.body.message.sender).toBe('customer');

    // Admin: reads, never writes.
    const adminRead = await api(stack, 'GET', `/api/rooms/${mine.orderId}`, { token: admin });
    expect(adminRead.body).toMatchObject({ role: 'admin', canWrite: false, state: 'open' });
    const adminWrite = await send(stack.apiUrl, mine.orderId, { jwt: admin }, 'admin');
    expect(adminWrite.status).toBe(403);
    expect(adminWrite.body.error.code).toBe('ROOM_READ_ONLY');
  });

  it('refuses oversized and non-text messages, limits the send rate, and stores HTML as inert text', async () => {
    const paid = await order();
    const auth = { token: paid.orderAccessToken };
    await api(stack, 'POST', `/api/desk/orders/${paid.orderId}/start`, { token: expert });

    const oversized = await send(stack.apiUrl, paid.orderId, auth, 'x'.repeat(2001));
    expect(oversized.status).toBe(400);
    expect(oversized.body.error.code).toBe('VALIDATION_FAILED');
    expect((await send(stack.apiUrl, paid.orderId, auth, 'x'.repeat(2000))).status).toBe(201);
    expect((await send(stack.apiUrl, paid.orderId, auth, 'bell\u0007')).status).toBe(400);
    expect((await send(stack.apiUrl, paid.orderId, auth, 'evil\u202Etxt.exe')).status).toBe(400);
    expect((await send(stack.apiUrl, paid.orderId, auth, '   ')).status).toBe(400);
    const extra = await api(
      stack,
      'POST',
      `/api/rooms/${paid.orderId}/messages?token=${paid.orderAccessToken}`,
      {
        body: { clientMessageId: clientId(), text: 'hi', html: '<b>hi</b>' },
      },
    );
    expect(extra.status).toBe(400);

    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const stored = await send(stack.apiUrl, paid.orderId, auth, html);
    expect(stored.status).toBe(201);
    expect(stored.headers.get('content-type')).toContain('application/json');
    const read = await api(stack, 'GET', `/api/rooms/${paid.orderId}?token=${paid.orderAccessToken}`);
    expect(read.body.messages.at(-1).text).toBe(html);

    // Flooding, in a fresh room: 10 messages per 10 seconds per participant; the expert keeps their own budget.
    const flooded = await order();
    const floodAuth = { token: flooded.orderAccessToken };
    await api(stack, 'POST', `/api/desk/orders/${flooded.orderId}/start`, { token: expert });
    const results: number[] = [];
    for (let i = 0; i < 11; i++)
      results.push((await send(stack.apiUrl, flooded.orderId, floodAuth, `flood ${i}`)).status);
    expect(results).toEqual([...Array(10).fill(201), 429]);
    const limited = await send(stack.apiUrl, flooded.orderId, floodAuth, 'encore');
    expect(limited.body.error.code).toBe('MESSAGE_RATE_LIMITED');
    expect((await send(stack.apiUrl, flooded.orderId, { jwt: expert }, 'Doucement 🙂')).status).toBe(201);
  });
});
