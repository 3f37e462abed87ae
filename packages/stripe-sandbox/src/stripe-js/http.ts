import { IntegrationError, type Locale, type StripeJsError, t } from './messages';

/** What every API call needs: the sandbox base URL, the publishable key, the locale for messages. */
export interface ApiContext {
  apiBase: string;
  key: string;
  locale: Locale;
  stripeAccount?: string | undefined;
}

export type ApiResult<T = Record<string, unknown>> =
  | { data: T; error?: undefined }
  | { error: StripeJsError; data?: undefined };

/** Stripe's form encoding: `a[b][0]=v`. */
export function encodeForm(params: unknown, prefix = '', out: string[] = []): string[] {
  if (params === undefined || params === null) return out;
  if (Array.isArray(params)) {
    params.forEach((v, i) => {
      encodeForm(v, `${prefix}[${i}]`, out);
    });
  } else if (typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) encodeForm(v, prefix ? `${prefix}[${k}]` : k, out);
  } else {
    out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(String(params))}`);
  }
  return out;
}

export async function apiRequest<T = Record<string, unknown>>(
  ctx: ApiContext,
  method: 'GET' | 'POST',
  path: string,
  params?: Record<string, unknown>,
): Promise<ApiResult<T>> {
  let url = ctx.apiBase + path;
  const headers: Record<string, string> = { Authorization: `Bearer ${ctx.key}` };
  let body: string | undefined;
  const encoded = encodeForm(params).join('&');
  if (method === 'GET') {
    if (encoded) url += `?${encoded}`;
  } else {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = encoded;
  }
  if (ctx.stripeAccount) headers['Stripe-Account'] = ctx.stripeAccount;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'omit', mode: 'cors' });
  } catch {
    return { error: { type: 'api_connection_error', message: t(ctx.locale, 'api_connection_error') } };
  }
  let json: { error?: StripeJsError } | null = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok || !json) {
    const error =
      json && typeof json.error === 'object' && json.error
        ? json.error
        : { type: 'api_error', message: `The payment server answered HTTP ${response.status}.` };
    return { error };
  }
  return { data: json as T };
}

export type IntentKind = 'payment_intent' | 'setup_intent';

/** `pi_..._secret_...` -> `pi_...` (or `seti_...`), refusing anything else as Stripe.js does. */
export function intentIdFromSecret(
  clientSecret: unknown,
  method: string,
  kind: IntentKind = 'payment_intent',
): string {
  const prefix = kind === 'payment_intent' ? 'pi_' : 'seti_';
  const at = typeof clientSecret === 'string' ? clientSecret.indexOf('_secret_') : -1;
  if (typeof clientSecret !== 'string' || at <= 0 || !clientSecret.startsWith(prefix)) {
    throw new IntegrationError(
      `Invalid value for ${method}: clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${String(clientSecret)}.`,
    );
  }
  return clientSecret.slice(0, at);
}
