/**
 * The fuzz cases: for every endpoint of the API, malformed, oversized, wrongly typed and hostile inputs,
 * bad credentials, forged and replayed webhooks. Generation is deterministic for a given seed.
 */
import { createHmac } from 'node:crypto';
import type { Rng } from '../../bench/lib/rng';
import { badTokens, oddSignedTokens } from './jwt';
import {
  HOSTILE_IDS,
  HOSTILE_VALUES,
  LONG_STRINGS,
  MALFORMED_JSON,
  OPERATOR_INJECTION,
  PROTO_KEYS,
  SQL_INJECTION,
  UNICODE,
} from './values';

export interface FuzzCase {
  endpoint: string;
  category: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The database must not change even if this is answered 2xx (reads, replays). */
  mustNotChangeState?: boolean;
  /** A Server-Sent Events route: a 200 answer is a stream (closed right away). */
  sse?: boolean;
  /** 5xx is the documented answer (none so far: kept for explicitness). */
  allow5xx?: boolean;
}

export interface FuzzFixtures {
  jwtSecret: string;
  webhookSecret: string;
  tokens: { customer: string; otherCustomer: string; expert: string; admin: string };
  userId: string;
  expertId: string;
  /** A paid order of the demo customer, assigned to the demo expert. */
  paidOrder: { id: string; token: string; paymentIntentId: string };
  /** A pending order (guest). */
  pendingOrder: { id: string; token: string; paymentIntentId: string };
  /** An order of another customer. */
  otherOrder: { id: string; token: string };
  refundId: string;
  /** Real events already processed by the API (for replays), as the sandbox sent them. */
  processedEvents: string[];
}

type Auth = 'none' | 'customer' | 'expert' | 'admin' | 'order-token';

interface EndpointSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  template: string;
  auth: Auth;
  body?: (f: FuzzFixtures) => Record<string, unknown>;
  params?: (f: FuzzFixtures) => Record<string, string>;
  query?: (f: FuzzFixtures) => Record<string, string>;
  sse?: boolean;
}

const order = (f: FuzzFixtures) => ({ orderId: f.paidOrder.id });

export const ENDPOINTS: EndpointSpec[] = [
  { method: 'GET', template: '/api/health', auth: 'none' },
  { method: 'GET', template: '/api/ready', auth: 'none' },
  { method: 'GET', template: '/metrics', auth: 'none' },
  { method: 'GET', template: '/api/catalog', auth: 'none' },
  { method: 'GET', template: '/api/experts', auth: 'none' },
  {
    method: 'POST',
    template: '/api/auth/register',
    auth: 'none',
    body: () => ({ email: 'fuzz-new@example.test', password: 'correct horse battery', name: 'Fuzz' }),
  },
  {
    method: 'POST',
    template: '/api/auth/login',
    auth: 'none',
    body: () => ({ email: 'client@lumira.test', password: 'wrong-password-123' }),
  },
  { method: 'GET', template: '/api/auth/me', auth: 'customer' },
  { method: 'GET', template: '/api/admin/catalog', auth: 'admin' },
  {
    method: 'PUT',
    template: '/api/admin/catalog/:tier',
    auth: 'admin',
    params: () => ({ tier: 'premium' }),
    body: () => ({ price: { amount: 7900, currency: 'EUR' }, name: 'Consultation Premium' }),
  },
  {
    method: 'PATCH',
    template: '/api/admin/catalog/:tier',
    auth: 'admin',
    params: () => ({ tier: 'vip' }),
    body: () => ({ durationMinutes: 120 }),
  },
  { method: 'GET', template: '/api/admin/experts', auth: 'admin' },
  {
    method: 'PATCH',
    template: '/api/admin/experts/:id',
    auth: 'admin',
    params: (f) => ({ id: f.expertId }),
    body: () => ({ active: true }),
  },
  {
    method: 'GET',
    template: '/api/admin/orders',
    auth: 'admin',
    query: () => ({ status: 'paid', pageSize: '20', q: 'fuzz' }),
  },
  { method: 'GET', template: '/api/admin/orders/:orderId', auth: 'admin', params: order },
  {
    method: 'POST',
    template: '/api/admin/orders/:orderId/refund',
    auth: 'admin',
    params: order,
    body: () => ({ amount: 100, reason: 'fuzz' }),
  },
  {
    method: 'POST',
    template: '/api/admin/refunds/:refundId/retry',
    auth: 'admin',
    params: (f) => ({ refundId: f.refundId }),
  },
  { method: 'GET', template: '/api/admin/payments/overview', auth: 'admin', query: () => ({ days: '7' }) },
  { method: 'GET', template: '/api/admin/events', auth: 'admin', sse: true },
  {
    method: 'POST',
    template: '/api/payments/create-payment-intent',
    auth: 'none',
    body: (f) => ({
      level: 'premium',
      service: 'premium',
      expertId: f.expertId,
      customerEmail: 'fuzz@example.test',
      customerName: 'Fuzz',
    }),
  },
  {
    method: 'POST',
    template: '/api/payments/confirm-payment',
    auth: 'none',
    body: (f) => ({ paymentIntentId: f.pendingOrder.paymentIntentId }),
  },
  { method: 'GET', template: '/api/payments/orders', auth: 'customer', query: () => ({ page: '1' }) },
  { method: 'GET', template: '/api/payments/order/:orderId', auth: 'order-token', params: order },
  {
    method: 'GET',
    template: '/api/payments/order/:orderId/events',
    auth: 'order-token',
    params: order,
    sse: true,
  },
  {
    method: 'POST',
    template: '/api/payments/order/:orderId/cancel',
    auth: 'order-token',
    params: (f) => ({ orderId: f.pendingOrder.id }),
  },
  { method: 'GET', template: '/api/desk/orders', auth: 'expert', query: () => ({ status: 'paid' }) },
  { method: 'GET', template: '/api/desk/orders/:orderId', auth: 'expert', params: order },
  { method: 'POST', template: '/api/desk/orders/:orderId/start', auth: 'expert', params: order },
  {
    method: 'POST',
    template: '/api/desk/orders/:orderId/end',
    auth: 'expert',
    params: order,
    body: () => ({ reason: 'completed', notes: 'fuzz' }),
  },
  {
    method: 'POST',
    template: '/api/desk/orders/:orderId/no-show',
    auth: 'expert',
    params: order,
    body: () => ({ who: 'customer' }),
  },
  { method: 'POST', template: '/api/desk/availability', auth: 'expert', body: () => ({ online: true }) },
  { method: 'PUT', template: '/api/desk/availability', auth: 'expert', body: () => ({ online: true }) },
  { method: 'GET', template: '/api/desk/earnings', auth: 'expert' },
  { method: 'GET', template: '/api/desk/events', auth: 'expert', sse: true },
];

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates included, which encodeURIComponent refuses). */
export function pct(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function label(spec: EndpointSpec): string {
  return `${spec.method} ${spec.template}`;
}

function buildPath(
  spec: EndpointSpec,
  f: FuzzFixtures,
  params?: Record<string, string>,
  query?: string,
): string {
  const values = { ...spec.params?.(f), ...params };
  let p = spec.template.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'missing');
  const q = query ?? (spec.query ? new URLSearchParams(spec.query(f)).toString() : '');
  if (q) p += `?${q}`;
  return p;
}

function authHeaders(spec: EndpointSpec, f: FuzzFixtures): Record<string, string> {
  switch (spec.auth) {
    case 'customer':
      return { authorization: `Bearer ${f.tokens.customer}` };
    case 'expert':
      return { authorization: `Bearer ${f.tokens.expert}` };
    case 'admin':
      return { authorization: `Bearer ${f.tokens.admin}` };
    case 'order-token':
      return { 'x-order-token': f.paidOrder.token };
    default:
      return {};
  }
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** JSON text of an object whose keys may include `__proto__` as an own key (JSON.stringify drops none). */
function jsonWithKeys(base: Record<string, unknown>, extra: [string, unknown][]): string {
  const parts = Object.entries(base).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  for (const [k, v] of extra) parts.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `{${parts.join(',')}}`;
}

/** The deterministic core: every endpoint x every mutation family. */
export function coreCases(f: FuzzFixtures, rng: Rng): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const spec of ENDPOINTS) {
    const base = (category: string, over: Partial<FuzzCase> = {}): FuzzCase => ({
      endpoint: label(spec),
      category,
      method: spec.method,
      path: buildPath(spec, f),
      headers: { ...authHeaders(spec, f), ...(spec.body ? JSON_HEADERS : {}) },
      ...(spec.body ? { body: JSON.stringify(spec.body(f)) } : {}),
      mustNotChangeState: spec.method === 'GET',
      ...(spec.sse ? { sse: true } : {}),
      ...over,
    });

    // --- bodies ------------------------------------------------------------------------------
    const bodyOf = spec.body?.(f) ?? {};
    for (const text of MALFORMED_JSON)
      cases.push(base('malformed-json', { body: text, headers: { ...base('x').headers, ...JSON_HEADERS } }));
    // Exhaustive: every hostile value in every field, and in every field of a nested object
    // (`price.amount`), at least once.
    for (const key of Object.keys(bodyOf)) {
      const nested = bodyOf[key];
      for (const value of HOSTILE_VALUES) {
        cases.push(
          base('wrong-type-or-hostile-value', { body: JSON.stringify({ ...bodyOf, [key]: value }) }),
        );
        if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
          for (const inner of Object.keys(nested)) {
            cases.push(
              base('wrong-type-or-hostile-value', {
                body: JSON.stringify({ ...bodyOf, [key]: { ...nested, [inner]: value } }),
              }),
            );
          }
        }
        if (Array.isArray(nested) && nested.length > 0) {
          cases.push(
            base('wrong-type-or-hostile-value', {
              body: JSON.stringify({ ...bodyOf, [key]: [value, ...nested.slice(1)] }),
            }),
          );
        }
      }
      const { [key]: _omitted, ...without } = bodyOf;
      cases.push(base('missing-field', { body: JSON.stringify(without) }));
    }
    for (const key of [
      ...PROTO_KEYS,
      '$where',
      '$gt',
      'amount',
      'price',
      'currency',
      'status',
      'role',
      'isAdmin',
    ]) {
      const value = rng.pick<unknown>([{ isAdmin: true, polluted: 1 }, 1, 'x', { $ne: null }, 0]);
      cases.push(base('extra-key', { body: jsonWithKeys(bodyOf, [[key, value]]) }));
    }
    cases.push(
      base('prototype-pollution', {
        body: jsonWithKeys(bodyOf, [
          ['__proto__', { role: 'admin', isAdmin: true }],
          ['constructor', { prototype: { polluted: true } }],
        ]),
      }),
    );
    cases.push(base('not-an-object', { body: '[]' }));
    cases.push(base('not-an-object', { body: '"string"' }));
    cases.push(base('not-an-object', { body: '1e400' }));
    cases.push(base('oversized', { body: JSON.stringify({ ...bodyOf, pad: 'x'.repeat(2 * 1024 * 1024) }) }));
    cases.push(base('oversized', { body: JSON.stringify({ ...bodyOf, pad: 'x'.repeat(101 * 1024) }) }));
    cases.push(
      base('oversized', {
        body: JSON.stringify({ ...bodyOf, list: Array.from({ length: 20_000 }, (_, i) => i) }),
      }),
    );
    for (const ct of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/xml',
      '',
    ]) {
      cases.push(
        base('content-type', {
          headers: { ...authHeaders(spec, f), ...(ct ? { 'content-type': ct } : {}) },
          body: ct.startsWith('application/x-www')
            ? 'level=premium&customerEmail=a%40b.c'
            : JSON.stringify(bodyOf),
        }),
      );
    }
    cases.push(
      base('invalid-utf8', {
        body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
      }),
    );

    // --- path parameters -------------------------------------------------------------------------
    const paramNames = [...spec.template.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    for (const name of paramNames) {
      for (const id of HOSTILE_IDS)
        cases.push(base('path-param', { path: buildPath(spec, f, { [name]: pct(id) }) }));
      for (const raw of ['%E0%A4%A', '%', '%%30', '..%2f..%2f', '%c0%ae%c0%ae']) {
        cases.push(base('path-param-encoding', { path: buildPath(spec, f, { [name]: raw }) }));
      }
      if (name === 'orderId') {
        cases.push(base('other-customers-order', { path: buildPath(spec, f, { orderId: f.otherOrder.id }) }));
      }
    }

    // --- query strings ---------------------------------------------------------------------------
    for (const q of [
      'status[$ne]=paid',
      'status=paid&status=refunded',
      '__proto__[admin]=1',
      'constructor[prototype][x]=1',
      'page=-1',
      'page=1e309',
      'page=NaN',
      `page=${'9'.repeat(400)}`,
      `q=${pct(SQL_INJECTION[1]!)}`,
      `q=${pct(UNICODE[2]!)}`,
      `token=${'t'.repeat(5000)}`,
      'token=a&token=b',
      'unknown=1',
      `${'a'.repeat(3000)}=1`,
    ]) {
      cases.push(base('query', { path: buildPath(spec, f, undefined, q) }));
    }
    // Exhaustive: every hostile string in every query parameter the endpoint reads.
    const queryOf = spec.query?.(f) ?? {};
    for (const key of Object.keys(queryOf)) {
      for (const value of HOSTILE_VALUES) {
        if (typeof value !== 'string' || value.length > 5000) continue;
        const q = new URLSearchParams({ ...queryOf, [key]: value }).toString();
        cases.push(base('query-hostile-value', { path: buildPath(spec, f, undefined, q) }));
      }
    }

    // --- credentials -----------------------------------------------------------------------------
    if (spec.auth === 'customer' || spec.auth === 'expert' || spec.auth === 'admin') {
      for (const t of badTokens({ secret: f.jwtSecret, userId: f.userId, expertId: f.expertId })) {
        cases.push(
          base(`bad-jwt:${t.name}`, {
            headers: { ...base('x').headers, authorization: `Bearer ${t.token}` },
          }),
        );
      }
      for (const t of oddSignedTokens({ secret: f.jwtSecret, userId: f.userId, expertId: f.expertId })) {
        cases.push(
          base(`signed-jwt:${t.name}`, {
            headers: { ...base('x').headers, authorization: `Bearer ${t.token}` },
          }),
        );
      }
      for (const header of [
        'Bearer',
        'Bearer ',
        'Basic YWRtaW46YWRtaW4=',
        `Bearer ${f.tokens.customer} extra`,
        'bearer x.y.z',
      ]) {
        cases.push(base('bad-authorization', { headers: { ...base('x').headers, authorization: header } }));
      }
      const { authorization: _a, ...noAuth } = base('x').headers;
      cases.push(base('no-credentials', { headers: noAuth }));
      const wrongRole =
        spec.auth === 'admin' ? f.tokens.expert : spec.auth === 'expert' ? f.tokens.customer : null;
      if (wrongRole)
        cases.push(
          base('wrong-role', { headers: { ...base('x').headers, authorization: `Bearer ${wrongRole}` } }),
        );
    }
    if (spec.auth === 'order-token') {
      const plain = { ...(spec.body ? JSON_HEADERS : {}) };
      for (const token of [
        '',
        'x',
        f.otherOrder.token,
        f.pendingOrder.token.slice(0, -1),
        't'.repeat(5000),
        ...SQL_INJECTION.slice(0, 3),
      ]) {
        cases.push(base('bad-order-token', { headers: { ...plain, 'x-order-token': token } }));
      }
      cases.push(base('no-credentials', { headers: plain }));
      cases.push(
        base('bad-order-token-query', {
          headers: plain,
          path: `${buildPath(spec, f)}?token=${pct(f.otherOrder.token)}`,
        }),
      );
      for (const t of badTokens({ secret: f.jwtSecret, userId: f.userId, expertId: f.expertId }).slice(
        0,
        8,
      )) {
        cases.push(base(`bad-jwt:${t.name}`, { headers: { ...plain, authorization: `Bearer ${t.token}` } }));
      }
    }
    if (spec.template === '/api/payments/create-payment-intent') {
      for (const key of ['', ' ', 'k'.repeat(300), 'tab\tkey', 'ключ', SQL_INJECTION[0]!]) {
        cases.push(base('idempotency-key', { headers: { ...base('x').headers, 'idempotency-key': key } }));
      }
      for (const [k, v] of [
        ['amount', 1],
        ['price', 1],
        ['currency', 'usd'],
        ['amount', -7900],
      ] as const) {
        cases.push(base('price-field', { body: JSON.stringify({ ...bodyOf, [k]: v }) }));
      }
      cases.push(
        base('tier-mismatch', { body: JSON.stringify({ ...bodyOf, level: 'basic', service: 'vip' }) }),
      );
    }
  }
  cases.push(...webhookCases(f, rng));
  cases.push(...unknownRouteCases());
  return cases;
}

const WEBHOOK = 'POST /api/payments/webhook';

function sign(payload: string | Buffer, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** Forged, stale, tampered and replayed webhooks, and signed but hostile payloads. */
export function webhookCases(f: FuzzFixtures, rng: Rng): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const real = f.processedEvents;
  const sample = real[0] ?? '{}';
  const now = Math.floor(Date.now() / 1000);
  const c = (
    category: string,
    body: string | Buffer,
    headers: Record<string, string>,
    extra: Partial<FuzzCase> = {},
  ): FuzzCase => ({
    endpoint: WEBHOOK,
    category,
    method: 'POST',
    path: '/api/payments/webhook',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...extra,
  });
  const forgedEvent = (type: string, object: unknown) =>
    JSON.stringify({
      id: `evt_forged${rng.int(1e9)}`,
      object: 'event',
      type,
      created: now,
      data: { object },
      livemode: false,
    });
  const forgedSuccess = forgedEvent('payment_intent.succeeded', {
    id: f.pendingOrder.paymentIntentId,
    object: 'payment_intent',
    status: 'succeeded',
    amount: 1,
    metadata: { orderId: f.pendingOrder.id },
  });

  cases.push(c('forged:no-signature', forgedSuccess, {}));
  cases.push(
    c('forged:wrong-secret', forgedSuccess, {
      'stripe-signature': sign(forgedSuccess, 'whsec_not_the_secret'),
    }),
  );
  cases.push(c('forged:empty-signature', forgedSuccess, { 'stripe-signature': '' }));
  cases.push(c('forged:malformed-header', forgedSuccess, { 'stripe-signature': 'garbage' }));
  cases.push(c('forged:v0-only', forgedSuccess, { 'stripe-signature': `t=${now},v0=${'0'.repeat(64)}` }));
  cases.push(c('forged:no-timestamp', forgedSuccess, { 'stripe-signature': `v1=${'a'.repeat(64)}` }));
  cases.push(
    c('forged:stale-timestamp', forgedSuccess, {
      'stripe-signature': sign(forgedSuccess, f.webhookSecret, now - 3600),
    }),
  );
  cases.push(
    c('signed:future-timestamp', forgedSuccess, {
      'stripe-signature': sign(forgedSuccess, f.webhookSecret, now + 3600),
    }),
  );
  cases.push(
    c('forged:signature-of-other-body', forgedSuccess, { 'stripe-signature': sign(sample, f.webhookSecret) }),
  );
  cases.push(
    c('forged:whitespace-changed-body', `${forgedSuccess} `, {
      'stripe-signature': sign(forgedSuccess, f.webhookSecret),
    }),
  );
  cases.push(
    c('forged:many-wrong-v1', forgedSuccess, {
      'stripe-signature': `t=${now},${Array.from({ length: 200 }, () => `v1=${'b'.repeat(64)}`).join(',')}`,
    }),
  );
  cases.push(
    c('forged:huge-header', forgedSuccess, { 'stripe-signature': `t=${now},v1=${'c'.repeat(12_000)}` }),
  );
  cases.push(
    c('forged:oversized-body', 'x'.repeat(2 * 1024 * 1024), {
      'stripe-signature': `t=${now},v1=${'d'.repeat(64)}`,
    }),
  );
  for (const text of MALFORMED_JSON.slice(0, 8)) {
    cases.push(c('forged:malformed', text, { 'stripe-signature': sign(text, 'whsec_wrong') }));
  }
  // Replays of real, already processed events: correctly signed (fresh timestamp) -> 200, no effect.
  for (const payload of real) {
    cases.push(
      c(
        'replayed:fresh-signature',
        payload,
        { 'stripe-signature': sign(payload, f.webhookSecret) },
        { mustNotChangeState: true },
      ),
    );
    cases.push(
      c(
        'replayed:stale-signature',
        payload,
        { 'stripe-signature': sign(payload, f.webhookSecret, now - 3600) },
        { mustNotChangeState: true },
      ),
    );
  }
  // Correctly signed but hostile payloads (only the provider can sign: robustness, not an attack).
  const signedHostile: [string, string][] = [
    ['signed:malformed-json', '{"id":'],
    ['signed:not-an-event', '[]'],
    [
      'signed:no-data',
      JSON.stringify({
        id: 'evt_fuzz_nodata',
        object: 'event',
        type: 'payment_intent.succeeded',
        created: now,
      }),
    ],
    ['signed:unknown-type', forgedEvent('fuzz.unknown_type', { id: 'x_1', object: 'thing' })],
    [
      'signed:object-id-injection',
      forgedEvent('payment_intent.succeeded', {
        id: SQL_INJECTION[1],
        object: 'payment_intent',
        metadata: { orderId: SQL_INJECTION[0] },
      }),
    ],
    [
      'signed:operator-injection',
      forgedEvent('payment_intent.succeeded', {
        id: OPERATOR_INJECTION[0],
        object: 'payment_intent',
        metadata: { orderId: OPERATOR_INJECTION[1] },
      }),
    ],
    [
      'signed:proto-keys',
      jsonWithKeys(
        { id: 'evt_fuzz_proto', object: 'event', type: 'payment_intent.succeeded', created: now },
        [['__proto__', { data: { object: { id: 'pi_x' } } }]],
      ),
    ],
    [
      'signed:huge-numbers',
      forgedEvent('payment_intent.succeeded', {
        id: 'pi_fuzz_huge',
        object: 'payment_intent',
        amount: 1e308,
        metadata: {},
      }),
    ],
    [
      'signed:long-strings',
      forgedEvent('payment_intent.succeeded', {
        id: LONG_STRINGS[1],
        object: 'payment_intent',
        metadata: { orderId: LONG_STRINGS[0] },
      }),
    ],
    [
      'signed:unicode',
      forgedEvent('refund.updated', { id: UNICODE[2], object: 'refund', metadata: { refundId: UNICODE[5] } }),
    ],
    [
      'signed:event-id-types',
      JSON.stringify({
        id: 12345,
        object: 'event',
        type: 'payment_intent.succeeded',
        created: 'yesterday',
        data: { object: null },
      }),
    ],
    [
      'signed:unknown-payment-intent',
      forgedEvent('payment_intent.succeeded', {
        id: 'pi_does_not_exist_123',
        object: 'payment_intent',
        metadata: { orderId: 'ffffffffffffffffffffffff' },
      }),
    ],
    [
      'signed:unknown-refund',
      forgedEvent('refund.updated', {
        id: 're_does_not_exist_123',
        object: 'refund',
        metadata: { refundId: 'ffffffffffffffffffffffff', orderId: 'ffffffffffffffffffffffff' },
      }),
    ],
  ];
  for (const [category, payload] of signedHostile) {
    cases.push(c(category, payload, { 'stripe-signature': sign(payload, f.webhookSecret) }));
  }
  return cases;
}

function unknownRouteCases(): FuzzCase[] {
  const paths = [
    '/api/payments/create-payment-intent/../../admin/catalog',
    '/api/%2e%2e/%2e%2e/etc/passwd',
    '/api/payments/order/',
    '/api/../../metrics',
    '/api/admin',
    '/api/nope',
    `/api/${'a'.repeat(8000)}`,
    '/api/payments/webhook/',
  ];
  return [
    ...paths.map((p) => ({
      endpoint: 'unknown routes',
      category: 'unknown-route',
      method: 'GET',
      path: p,
      headers: {},
      mustNotChangeState: true,
    })),
    ...['DELETE', 'OPTIONS', 'TRACE', 'PROPFIND'].map((m) => ({
      endpoint: 'unknown routes',
      category: 'unusual-method',
      method: m,
      path: '/api/payments/create-payment-intent',
      headers: { origin: 'https://evil.example' },
      mustNotChangeState: true,
    })),
  ];
}

/** Random extra cases: an endpoint, a valid body, then 1-3 fields replaced with hostile values. */
export function randomCase(f: FuzzFixtures, rng: Rng): FuzzCase {
  const spec = rng.pick(ENDPOINTS.filter((e) => e.body));
  const body: Record<string, unknown> = { ...spec.body!(f) };
  const keys = Object.keys(body);
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const key =
      rng.chance(0.8) && keys.length > 0 ? rng.pick(keys) : rng.pick([...PROTO_KEYS, 'amount', 'extra']);
    body[key] = rng.pick(HOSTILE_VALUES);
  }
  return {
    endpoint: label(spec),
    category: 'random-hostile-body',
    method: spec.method,
    path: buildPath(spec, f),
    headers: { ...authHeaders(spec, f), ...JSON_HEADERS },
    body: JSON.stringify(body),
  };
}
