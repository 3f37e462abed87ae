import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeForm } from '../http/form-decode';
import { invalidRequest } from '../http/stripe-error';
import { completeIntentThreeDS, intentForChallenge } from '../payments/complete-three-ds';
import type { Sandbox } from '../sandbox';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:24px;background:#f6f8fa;color:#1a1f36}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 2px 8px rgba(0,0,0,.1)}
h1{font-size:1.2rem;margin-top:0}p{line-height:1.4}.buttons{display:flex;gap:12px;margin-top:20px}
button{flex:1;padding:12px;border-radius:6px;border:0;font-size:1rem;cursor:pointer}
.complete{background:#2e7d32;color:#fff}.fail{background:#c62828;color:#fff}`;

const CHALLENGE_COPY = {
  en: {
    lang: 'en',
    title: '3D Secure test authentication',
    heading: '3D Secure test payment',
    intro: (amount: string, id: string) => `Stripe sandbox: authenticate the payment of ${amount} (${id}).`,
    setupIntro: (id: string) => `Stripe sandbox: authenticate saving your card for later payments (${id}).`,
    notPending: (status: string) => `This payment is not awaiting authentication (status ${status}).`,
    complete: 'Complete authentication',
    fail: 'Fail authentication',
    result: (outcome: string) => `Authentication ${outcome}`,
    close: 'You can close this window.',
  },
  fr: {
    lang: 'fr',
    title: 'Authentification 3D Secure de test',
    heading: 'Paiement de test 3D Secure',
    intro: (amount: string, id: string) =>
      `Bac à sable Stripe : authentifiez le paiement de ${amount} (${id}).`,
    setupIntro: (id: string) =>
      `Bac à sable Stripe : authentifiez l'enregistrement de votre carte pour de futurs paiements (${id}).`,
    notPending: (status: string) => `Ce paiement n'attend pas d'authentification (statut ${status}).`,
    complete: "Valider l'authentification",
    fail: "Faire échouer l'authentification",
    result: (outcome: string) =>
      outcome === 'completed' ? 'Authentification réussie' : 'Authentification échouée',
    close: 'Vous pouvez fermer cette fenêtre.',
  },
} as const;

/**
 * Inside the Stripe.js dialog: Escape, or the dialog's own close button (a `lumira-sandbox-3ds-cancel`
 * message), fails the authentication, as closing Stripe's dialog does. Opened on its own (a redirect), the page
 * focuses its complete button (no `autofocus`: browsers block it in cross-origin frames and say so in the console).
 */
const FRAMED_SCRIPT = `(function(){if(window.parent===window){document.querySelector('[data-testid="threeds-complete"]').focus();return;}var done=false;function fail(){if(done)return;done=true;
var form=document.getElementById('threeds-form');form.requestSubmit(form.querySelector('[data-testid="threeds-fail"]'));}
document.addEventListener('keydown',function(e){if(e.key==='Escape'){e.preventDefault();fail();}});
window.addEventListener('message',function(e){if(e.source===window.parent&&e.data&&e.data.type==='lumira-sandbox-3ds-cancel')fail();});})();`;

/** GET /_sandbox/3ds/:id?client_secret=...[&return_url=...]: the 3-D Secure test challenge. */
export function renderChallenge(
  sandbox: Sandbox,
  id: string,
  query: URLSearchParams,
  res: ServerResponse,
): void {
  const pi = intentForChallenge(sandbox, id);
  const clientSecret = query.get('client_secret') ?? '';
  if (clientSecret !== pi.client_secret) {
    throw invalidRequest('The client_secret provided does not match this intent.', 'client_secret');
  }
  const returnUrl = query.get('return_url') ?? '';
  const copy = CHALLENGE_COPY[query.get('locale') === 'fr' ? 'fr' : 'en'];
  const intro =
    pi.object === 'setup_intent'
      ? copy.setupIntro(escapeHtml(pi.id))
      : copy.intro(
          `<strong>${escapeHtml((pi.amount / 100).toFixed(2))} ${escapeHtml(pi.currency.toUpperCase())}</strong>`,
          escapeHtml(pi.id),
        );
  const mode = sandbox.threeDSMode;
  const auto = mode === 'manual' ? '' : mode === 'auto_complete' ? 'completed' : 'failed';
  const waiting = pi.status === 'requires_action';
  const html = `<!doctype html><html lang="${copy.lang}"><head><meta charset="utf-8"><title>${copy.title}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body><main>
<h1>${copy.heading}</h1>
<p>${intro}</p>
${waiting ? '' : `<p data-testid="threeds-not-pending">${copy.notPending(escapeHtml(pi.status))}</p>`}
<form method="post" action="/_sandbox/3ds/${encodeURIComponent(pi.id)}" id="threeds-form">
<input type="hidden" name="client_secret" value="${escapeHtml(clientSecret)}">
<input type="hidden" name="return_url" value="${escapeHtml(returnUrl)}">
<input type="hidden" name="locale" value="${copy.lang}">
<div class="buttons">
<button type="submit" name="outcome" value="completed" class="complete" data-testid="threeds-complete">${copy.complete}</button>
<button type="submit" name="outcome" value="failed" class="fail" data-testid="threeds-fail">${copy.fail}</button>
</div></form>
<script>${FRAMED_SCRIPT}</script>
${
  auto && waiting
    ? `<script>window.addEventListener('load',function(){document.querySelector('[data-testid="threeds-${auto === 'completed' ? 'complete' : 'fail'}"]').click();});</script>`
    : ''
}
</main></body></html>`;
  sendHtml(res, 200, html);
}

/** POST /_sandbox/3ds/:id (form): applies the outcome, then redirects or notifies the parent frame. */
export function submitChallenge(sandbox: Sandbox, id: string, body: string, res: ServerResponse): void {
  const form = decodeForm(body);
  const pi = intentForChallenge(sandbox, id);
  if (form.client_secret !== pi.client_secret) {
    throw invalidRequest('The client_secret provided does not match this intent.', 'client_secret');
  }
  const outcome = form.outcome === 'failed' ? 'failed' : 'completed';
  if (pi.status === 'requires_action') completeIntentThreeDS(sandbox, pi.id, outcome);
  const succeeded =
    pi.status === 'succeeded' || pi.status === 'requires_capture' || pi.status === 'processing';
  const kind = pi.object === 'setup_intent' ? 'setup_intent' : 'payment_intent';
  const returnUrl = typeof form.return_url === 'string' ? form.return_url : '';
  if (returnUrl) {
    let target: URL;
    try {
      target = new URL(returnUrl);
    } catch {
      throw invalidRequest('return_url must be an absolute URL.', 'return_url');
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw invalidRequest('return_url must be an http(s) URL.', 'return_url');
    }
    target.searchParams.set(kind, pi.id);
    target.searchParams.set(`${kind}_client_secret`, pi.client_secret);
    target.searchParams.set('redirect_status', succeeded ? 'succeeded' : 'failed');
    res.writeHead(303, { Location: target.toString(), 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  const copy = CHALLENGE_COPY[form.locale === 'fr' ? 'fr' : 'en'];
  const ids = kind === 'setup_intent' ? { intent: pi.id } : { intent: pi.id, paymentIntent: pi.id };
  const message = JSON.stringify({ type: 'lumira-sandbox-3ds', ...ids, outcome }).replace(/</g, '\\u003c');
  sendHtml(
    res,
    200,
    `<!doctype html><html lang="${copy.lang}"><head><meta charset="utf-8"><title>3D Secure ${outcome}</title><style>${STYLE}</style></head>
<body><main><h1 data-testid="threeds-result">${copy.result(outcome)}</h1><p>${copy.close}</p></main>
<script>(function(){var m=${message};if(window.parent&&window.parent!==window){window.parent.postMessage(m,'*');}
else if(window.opener){window.opener.postMessage(m,'*');}})();</script></body></html>`,
  );
}

export function isChallengeRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' || req.method === 'POST';
}
