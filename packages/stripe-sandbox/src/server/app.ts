import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRoute } from './http/api-route';
import { resolveApiVersion, shapeForVersion } from './http/api-version';
import { authenticate, publishableKeyForbidden } from './http/auth';
import { answerPreflight, applyCors } from './http/cors';
import { decodeForm, type FormObject } from './http/form-decode';
import { fingerprintOf, MAX_KEY_LENGTH, type StoredResponse } from './http/idempotency-store';
import { validateParams } from './http/param-spec';
import { Router } from './http/router';
import { apiError, errorBody, invalidRequest, StripeError } from './http/stripe-error';
import type { Sandbox } from './sandbox';
import { randomString } from './state/ids';

const MAX_BODY = 1024 * 1024;

/** A non-API handler (control API, challenge page, Stripe.js): gets the raw request. */
export type RawHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  requestId: string,
) => void | Promise<void>;

export interface AppRoutes {
  api: readonly ApiRoute[];
  /** Prefix -> handler (`/_sandbox/`, `/v3/`). */
  raw: readonly { prefix: string; handle: RawHandler; openCors: boolean }[];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(invalidRequest('Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: string, headers?: Record<string, string>): void {
  if (headers) for (const k in headers) res.setHeader(k, headers[k]!);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendStripeError(res: ServerResponse, err: StripeError, requestId: string): void {
  sendJson(res, err.status, JSON.stringify(errorBody(err.fields, requestId)), err.headers);
}

function unrecognized(method: string, path: string): StripeError {
  return new StripeError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

/** The peer address, without the IPv4-mapped IPv6 prefix (`::ffff:127.0.0.1` -> `127.0.0.1`). */
function clientIpOf(req: IncomingMessage): string | null {
  const address = req.socket.remoteAddress;
  if (!address) return null;
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The sandbox's request listener: CORS, Request-Id, auth, form decoding, idempotency, faults, errors. */
export function createRequestListener(sandbox: Sandbox, routes: AppRoutes) {
  const router = new Router(routes.api);

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: string,
    requestId: string,
  ) {
    const method = req.method ?? 'GET';
    const match = router.match(method, path);
    if (!match) throw unrecognized(method, path);
    const { route } = match;

    let input: FormObject;
    if (method === 'POST') {
      const contentType = req.headers['content-type'] ?? '';
      const body = await readBody(req);
      if (body.length > 0 && !contentType.startsWith('application/x-www-form-urlencoded')) {
        throw invalidRequest(
          'Invalid request (check that your POST content type is application/x-www-form-urlencoded). If you have any questions, we can help at https://support.stripe.com/.',
        );
      }
      input = decodeForm(body);
      if (query) Object.assign(input, decodeForm(query));
    } else {
      input = decodeForm(query);
    }

    const keyParam = typeof input.key === 'string' ? input.key : undefined;
    if (keyParam !== undefined) delete input.key;
    const stripeAccount = req.headers['stripe-account'];
    const keyMode = authenticate(
      req.headers.authorization,
      keyParam,
      Array.isArray(stripeAccount) ? stripeAccount[0] : stripeAccount,
    );
    if (keyMode === 'publishable' && route.keys !== 'publishable') throw publishableKeyForbidden();

    const params = validateParams(route.params, input);
    const expand = (params.expand as string[] | undefined) ?? [];
    if (keyMode === 'publishable') {
      const forbidden = expand.find((e) => e !== 'payment_method');
      if (forbidden !== undefined) {
        throw invalidRequest(
          `This property cannot be expanded with a publishable API key (${forbidden}).`,
          'expand',
        );
      }
    }

    const idempotencyKey =
      method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
    const faults = sandbox.faults;
    const fail = faults.failNext;
    const failsHere =
      fail && (!fail.method || fail.method === method) && (!fail.path || path.startsWith(fail.path))
        ? fail
        : null;
    if (failsHere) {
      const left = (failsHere.count ?? 1) - 1;
      sandbox.faults = { ...faults, failNext: left > 0 ? { ...failsHere, count: left } : null };
    }
    if (failsHere && (failsHere.phase ?? 'before') === 'before') throw injectedError(failsHere.status);

    const stripeVersion = resolveApiVersion(req.headers['stripe-version']);
    res.setHeader('Stripe-Version', stripeVersion);

    if (idempotencyKey !== undefined) {
      if (idempotencyKey.length > MAX_KEY_LENGTH || idempotencyKey.length === 0) {
        throw invalidRequest(
          `Invalid Idempotency-Key: keys must be between 1 and ${MAX_KEY_LENGTH} characters long.`,
          'idempotency_key',
        );
      }
      res.setHeader('Idempotency-Key', idempotencyKey);
      const stored = sandbox.idempotency.claim(idempotencyKey, method, path, fingerprintOf(params));
      if (stored) {
        if (failsHere) throw injectedError(failsHere.status);
        res.setHeader('Idempotent-Replayed', 'true');
        res.setHeader('Original-Request', stored.requestId);
        sendJson(res, stored.status, stored.body, stored.headers);
        return;
      }
    }

    if (faults.latencyMs) await sleep(faults.latencyMs);

    let response: StoredResponse;
    const versionBefore = sandbox.store.version;
    try {
      const result = route.handle({
        sandbox,
        params,
        path: match.params,
        keyMode,
        clientIp: clientIpOf(req),
        request: { id: requestId, idempotency_key: idempotencyKey ?? null },
        expand,
      });
      response = {
        status: 200,
        body: JSON.stringify(shapeForVersion(sandbox, stripeVersion, result)),
        headers: {},
        requestId,
      };
    } catch (e) {
      if (!(e instanceof StripeError)) {
        if (idempotencyKey !== undefined) sandbox.idempotency.release(idempotencyKey);
        throw e;
      }
      if (e.fields.payment_intent !== undefined) {
        e.fields.payment_intent = shapeForVersion(sandbox, stripeVersion, e.fields.payment_intent);
      }
      response = {
        status: e.status,
        body: JSON.stringify(errorBody(e.fields, requestId)),
        headers: e.headers,
        requestId,
      };
      // A request rejected before it changed anything (validation) is not stored, as on Stripe.
      if (idempotencyKey !== undefined && sandbox.store.version === versionBefore) {
        sandbox.idempotency.release(idempotencyKey);
        if (failsHere) throw injectedError(failsHere.status);
        sendJson(res, response.status, response.body, response.headers);
        return;
      }
    }
    if (idempotencyKey !== undefined) sandbox.idempotency.complete(idempotencyKey, response);
    if (failsHere) throw injectedError(failsHere.status);
    sendJson(res, response.status, response.body, response.headers);
  }

  return function listener(req: IncomingMessage, res: ServerResponse): void {
    const requestId = `req_${randomString(14)}`;
    res.setHeader('Request-Id', requestId);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);

    const raw = routes.raw.find((r) => path.startsWith(r.prefix) || path === r.prefix.slice(0, -1));
    applyCors(req, res, sandbox.options.publicUrl, raw?.openCors ?? false);
    if (req.method === 'OPTIONS') {
      answerPreflight(req, res);
      return;
    }

    const fail = (e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof StripeError) sendStripeError(res, e, requestId);
      else {
        console.error(`[stripe-sandbox] ${req.method} ${path} failed (${requestId}):`, e);
        sendStripeError(res, apiError(500, 'An unexpected error occurred in the Stripe sandbox.'), requestId);
      }
    };

    if (raw) {
      const run = async () => {
        const body = req.method === 'POST' ? await readBody(req) : '';
        await raw.handle(req, res, body, requestId);
      };
      run().catch(fail);
      return;
    }
    if (path.startsWith('/v1/')) {
      handleApi(req, res, path, query, requestId).catch(fail);
      return;
    }
    fail(unrecognized(req.method ?? 'GET', path));
  };
}

function injectedError(status = 500): StripeError {
  return apiError(status, 'An unexpected error occurred (injected by the sandbox failNext fault).');
}
