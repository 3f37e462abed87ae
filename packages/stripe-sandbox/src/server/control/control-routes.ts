import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaults } from '../faults';
import { invalidRequest, resourceMissing, StripeError } from '../http/stripe-error';
import { THREE_DS_MODES, type ThreeDSMode } from '../options';
import { completeIntentThreeDS } from '../payments/complete-three-ds';
import type { Sandbox } from '../sandbox';
import { renderChallenge, submitChallenge } from '../three-ds/challenge-page';
import { renderReceipt } from './receipt-page';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw invalidRequest('The control API expects a JSON body.');
  }
}

/** The control API under /_sandbox/ (JSON), plus the 3-D Secure challenge page. */
export function createControlHandler(sandbox: Sandbox) {
  return (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "_sandbox"
    const method = req.method ?? 'GET';
    const route = `${method} ${parts[0] ?? ''}`;

    if (parts[0] === '3ds' && parts[1]) {
      const id = decodeURIComponent(parts[1]);
      if (parts.length === 2 && method === 'GET') return renderChallenge(sandbox, id, url.searchParams, res);
      if (parts.length === 2 && method === 'POST') return submitChallenge(sandbox, id, body, res);
      if (parts.length === 3 && method === 'POST' && (parts[2] === 'complete' || parts[2] === 'fail')) {
        const intent = completeIntentThreeDS(sandbox, id, parts[2] === 'complete' ? 'completed' : 'failed');
        return sendJson(res, 200, intent);
      }
    }

    if (parts[0] === 'receipts' && parts[1] && parts.length === 2 && method === 'GET') {
      return renderReceipt(sandbox, decodeURIComponent(parts[1]), res);
    }

    switch (route) {
      case 'GET health':
        return sendJson(res, 200, {
          ok: true,
          url: sandbox.baseUrl,
          threeDSMode: sandbox.threeDSMode,
          webhookUrl: sandbox.options.webhookUrl ?? null,
          webhookEndpoints: sandbox.store.webhookEndpoints.size,
          counts: {
            paymentIntents: sandbox.store.paymentIntents.size,
            charges: sandbox.store.charges.size,
            refunds: sandbox.store.refunds.size,
            events: sandbox.store.events.size,
          },
        });
      case 'POST reset':
        sandbox.reset();
        return sendJson(res, 200, { ok: true });
      case 'GET deliveries': {
        const eventId = url.searchParams.get('event');
        const list = sandbox.webhooks.deliveries().filter((d) => !eventId || d.eventId === eventId);
        return sendJson(res, 200, { deliveries: list });
      }
      case 'GET faults':
        return sendJson(res, 200, sandbox.faults);
      case 'POST faults': {
        const faults = parseFaults(parseJson(body));
        if (typeof faults === 'string') throw invalidRequest(faults);
        sandbox.faults = faults;
        return sendJson(res, 200, sandbox.faults);
      }
      case 'GET 3ds-mode':
        return sendJson(res, 200, { mode: sandbox.threeDSMode });
      case 'POST 3ds-mode': {
        const input = parseJson(body) as { mode?: unknown };
        if (!THREE_DS_MODES.includes(input.mode as ThreeDSMode)) {
          throw invalidRequest(`mode must be one of ${THREE_DS_MODES.join(', ')}`, 'mode');
        }
        sandbox.threeDSMode = input.mode as ThreeDSMode;
        return sendJson(res, 200, { mode: sandbox.threeDSMode });
      }
      case 'POST events': {
        // POST /_sandbox/events/:id/resend
        const id = parts[1] ? decodeURIComponent(parts[1]) : '';
        if (parts.length !== 3 || parts[2] !== 'resend') break;
        const event = sandbox.store.events.get(id);
        if (!event) throw resourceMissing('id', id, 'event');
        sandbox.webhooks.dispatch(event, sandbox.targets(), true);
        return sendJson(res, 200, { ok: true, event: id });
      }
    }
    throw new StripeError(404, {
      type: 'invalid_request_error',
      message: `Unknown sandbox control route: ${method} ${url.pathname}`,
    });
  };
}
