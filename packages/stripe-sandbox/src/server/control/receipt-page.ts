import type { ServerResponse } from 'node:http';
import { getCharge } from '../payments/charges';
import type { Sandbox } from '../sandbox';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

/** GET /_sandbox/receipts/:chargeId: the page a charge's `receipt_url` points at. */
export function renderReceipt(sandbox: Sandbox, chargeId: string, res: ServerResponse): void {
  const charge = getCharge(sandbox, chargeId);
  const card = charge.payment_method_details.card as { brand?: string; last4?: string };
  const rows: [string, string][] = [
    ['Amount paid', money(charge.amount_captured || charge.amount, charge.currency)],
    ['Date paid', new Date(charge.created * 1000).toISOString().slice(0, 10)],
    ['Payment method', `${card.brand ?? 'card'} •••• ${card.last4 ?? ''}`],
    ['Charge', charge.id],
  ];
  if (charge.description) rows.push(['Description', charge.description]);
  if (charge.amount_refunded > 0) rows.push(['Refunded', money(charge.amount_refunded, charge.currency)]);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Receipt ${escapeHtml(charge.id)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>body{font-family:system-ui,sans-serif;background:#f6f8fa;
color:#1a1f36;margin:0;padding:24px}main{max-width:440px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;
box-shadow:0 2px 8px rgba(0,0,0,.1)}dl{display:grid;grid-template-columns:auto 1fr;gap:8px 16px}dt{color:#697386}
dd{margin:0}</style></head><body><main><h1>Receipt</h1><p>Stripe sandbox: test payment, no money moved.</p>
<dl data-testid="receipt">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
</main></body></html>`;
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}
