/*
 * Lumira stripe-sandbox: an offline replacement for Stripe.js v3.
 *
 * Plain browser JavaScript (no build step, no imports), served by the sandbox at /v3/stripe.js.
 * Load it as a classic <script> in <head> BEFORE the app bundle: `loadStripe()` from
 * @stripe/stripe-js then resolves with this `window.Stripe` instead of injecting js.stripe.com.
 *
 * It talks to the sandbox REST API (derived from this script's own src) with the publishable key
 * and the PaymentIntent's client secret, renders real card inputs (no cross-origin iframes) inside
 * a shadow root, and opens the sandbox's 3-D Secure challenge page in a modal iframe.
 */
(() => {
  if (typeof window === 'undefined' || window.Stripe?.__lumiraSandbox) return;

  // ---------------------------------------------------------------------------------------------
  // API base: where this script was served from, minus its /v3/stripe.js path.
  // ---------------------------------------------------------------------------------------------
  const currentScript = document.currentScript;
  const API_BASE = (() => {
    const explicit = currentScript?.dataset?.apiBase;
    const src = explicit || currentScript?.src;
    if (!src) return window.location.origin;
    const url = new URL(src, window.location.href);
    if (explicit) return url.href.replace(/\/$/, '');
    const path = url.pathname.replace(/\/v3(\/stripe\.js|\/)?$/, '').replace(/\/$/, '');
    return url.origin + path;
  })();
  const API_ORIGIN = new URL(API_BASE).origin;

  // ---------------------------------------------------------------------------------------------
  // Copy (English and French). Error messages match Stripe's English wording.
  // ---------------------------------------------------------------------------------------------
  const MESSAGES = {
    en: {
      incomplete_number: 'Your card number is incomplete.',
      invalid_number: 'Your card number is invalid.',
      incomplete_expiry: "Your card's expiration date is incomplete.",
      invalid_expiry_month: "Your card's expiration month is invalid.",
      invalid_expiry_year: "Your card's expiration year is invalid.",
      invalid_expiry_month_past: "Your card's expiration date is in the past.",
      invalid_expiry_year_past: "Your card's expiration year is in the past.",
      incomplete_cvc: "Your card's security code is incomplete.",
      payment_intent_authentication_failure:
        'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      api_connection_error: 'We could not reach the payment server. Check your connection and try again.',
      labelNumber: 'Card number',
      labelExpiry: 'Expiration date',
      labelCvc: 'Security code',
      placeholderNumber: '1234 1234 1234 1234',
      placeholderCardNumber: 'Card number',
      placeholderExpiry: 'MM / YY',
      placeholderCvc: 'CVC',
      cardTab: 'Card',
      threeDsTitle: '3-D Secure authentication',
      threeDsFrame: 'Card issuer authentication page',
      testMode: 'Sandbox — no real payment',
    },
    fr: {
      incomplete_number: 'Le numéro de carte est incomplet.',
      invalid_number: "Le numéro de carte n'est pas valide.",
      incomplete_expiry: "La date d'expiration de la carte est incomplète.",
      invalid_expiry_month: "Le mois d'expiration de la carte n'est pas valide.",
      invalid_expiry_year: "L'année d'expiration de la carte n'est pas valide.",
      invalid_expiry_month_past: "La date d'expiration de la carte est dépassée.",
      invalid_expiry_year_past: "L'année d'expiration de la carte est dépassée.",
      incomplete_cvc: 'Le code de sécurité de la carte est incomplet.',
      payment_intent_authentication_failure:
        "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
      api_connection_error: 'Le serveur de paiement est injoignable. Vérifiez votre connexion et réessayez.',
      labelNumber: 'Numéro de carte',
      labelExpiry: "Date d'expiration",
      labelCvc: 'Code de sécurité',
      placeholderNumber: '1234 1234 1234 1234',
      placeholderCardNumber: 'Numéro de carte',
      placeholderExpiry: 'MM / AA',
      placeholderCvc: 'CVC',
      cardTab: 'Carte',
      threeDsTitle: 'Authentification 3-D Secure',
      threeDsFrame: "Page d'authentification de la banque",
      testMode: 'Bac à sable — aucun paiement réel',
    },
  };

  // Stripe answers card errors in the customer's language; the sandbox server speaks English, so the
  // French copy for the card errors it can return lives here (keyed by decline_code, then code).
  const SERVER_ERRORS_FR = {
    generic_decline: 'Votre carte a été refusée.',
    card_declined: 'Votre carte a été refusée.',
    insufficient_funds: 'Votre carte ne dispose pas de fonds suffisants.',
    lost_card: 'Votre carte a été refusée.',
    stolen_card: 'Votre carte a été refusée.',
    fraudulent: 'Votre carte a été refusée.',
    card_velocity_exceeded:
      'Votre carte a été refusée : trop de tentatives rapprochées ou plafond de la carte dépassé.',
    expired_card: 'Votre carte a expiré.',
    incorrect_cvc: 'Le code de sécurité de votre carte est incorrect.',
    invalid_cvc: 'Le code de sécurité de votre carte est invalide.',
    incorrect_number: 'Votre numéro de carte est incorrect.',
    invalid_number: "Le numéro de carte n'est pas valide.",
    invalid_expiry_month: "Le mois d'expiration de la carte n'est pas valide.",
    invalid_expiry_year: "L'année d'expiration de la carte n'est pas valide.",
    processing_error:
      'Une erreur est survenue lors du traitement de votre carte. Veuillez réessayer dans un instant.',
    payment_intent_authentication_failure:
      "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
  };

  function localizeError(error, locale) {
    if (!error || locale !== 'fr' || error.type === 'validation_error') return error;
    const copy = SERVER_ERRORS_FR[error.decline_code] || SERVER_ERRORS_FR[error.code];
    return copy ? { ...error, message: copy } : error;
  }

  function resolveLocale(requested) {
    let wanted = typeof requested === 'string' ? requested : 'auto';
    if (wanted === 'auto') wanted = (navigator.language || 'en').toLowerCase();
    return wanted.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  }

  function t(locale, key) {
    return MESSAGES[locale]?.[key] ?? MESSAGES.en[key] ?? key;
  }

  class IntegrationError extends Error {
    constructor(message) {
      super(message);
      this.name = 'IntegrationError';
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Card rules: brand detection, Luhn, formatting, validation.
  // ---------------------------------------------------------------------------------------------
  const BRANDS = [
    { brand: 'amex', pattern: /^3[47]/, lengths: [15], gaps: [4, 10], cvc: 4, label: 'AMEX' },
    {
      brand: 'diners',
      pattern: /^3(0[0-5]|[689])/,
      lengths: [14, 16],
      gaps: [4, 10],
      cvc: 3,
      label: 'DINERS',
    },
    { brand: 'jcb', pattern: /^35/, lengths: [16], gaps: [4, 8, 12], cvc: 3, label: 'JCB' },
    {
      brand: 'mastercard',
      pattern: /^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/,
      lengths: [16],
      gaps: [4, 8, 12],
      cvc: 3,
      label: 'MC',
    },
    { brand: 'unionpay', pattern: /^62/, lengths: [16, 17, 18, 19], gaps: [4, 8, 12], cvc: 3, label: 'UP' },
    {
      brand: 'discover',
      pattern: /^(6011|65|64[4-9])/,
      lengths: [16],
      gaps: [4, 8, 12],
      cvc: 3,
      label: 'DISC',
    },
    { brand: 'visa', pattern: /^4/, lengths: [16], gaps: [4, 8, 12], cvc: 3, label: 'VISA' },
  ];
  const UNKNOWN_BRAND = { brand: 'unknown', lengths: [16], gaps: [4, 8, 12], cvc: 3, label: '' };
  const cvcMaxLength = (info) => (info === UNKNOWN_BRAND ? 4 : info.cvc);

  const digitsOnly = (value) => String(value ?? '').replace(/\D/g, '');

  function brandInfo(digits) {
    return BRANDS.find((b) => b.pattern.test(digits)) || UNKNOWN_BRAND;
  }

  function luhn(digits) {
    let sum = 0;
    let double = false;
    for (let i = digits.length - 1; i >= 0; i--) {
      let d = digits.charCodeAt(i) - 48;
      if (double) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      double = !double;
    }
    return digits.length > 0 && sum % 10 === 0;
  }

  const maxNumberLength = (info) => Math.max(...info.lengths);

  function formatNumber(digits, info) {
    let out = '';
    for (let i = 0; i < digits.length; i++) {
      if (info.gaps.includes(i)) out += ' ';
      out += digits[i];
    }
    return out;
  }

  function formatExpiry(rawValue, isAdding) {
    let digits = digitsOnly(rawValue);
    if (digits.length === 1 && (digits > '1' || (isAdding && rawValue.includes('/')))) digits = `0${digits}`;
    digits = digits.slice(0, 4);
    if (digits.length < 2) return digits;
    if (digits.length === 2) return isAdding ? `${digits} / ` : digits;
    return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
  }

  /** @returns {{state: 'empty'|'incomplete'|'invalid'|'complete', code?: string}} */
  function validateNumber(value) {
    const digits = digitsOnly(value);
    if (!digits) return { state: 'empty', code: 'incomplete_number' };
    const info = brandInfo(digits);
    if (info.lengths.includes(digits.length) && luhn(digits)) return { state: 'complete' };
    if (digits.length >= maxNumberLength(info)) return { state: 'invalid', code: 'invalid_number' };
    return { state: 'incomplete', code: 'incomplete_number' };
  }

  function validateExpiry(value, now = new Date()) {
    const digits = digitsOnly(value);
    if (!digits) return { state: 'empty', code: 'incomplete_expiry' };
    if (digits.length >= 2) {
      const month = Number(digits.slice(0, 2));
      if (month < 1 || month > 12) return { state: 'invalid', code: 'invalid_expiry_month' };
    }
    if (digits.length < 4) return { state: 'incomplete', code: 'incomplete_expiry' };
    const month = Number(digits.slice(0, 2));
    const year = 2000 + Number(digits.slice(2, 4));
    const thisYear = now.getFullYear();
    if (year < thisYear) return { state: 'invalid', code: 'invalid_expiry_year_past' };
    if (year === thisYear && month < now.getMonth() + 1)
      return { state: 'invalid', code: 'invalid_expiry_month_past' };
    if (year > thisYear + 50) return { state: 'invalid', code: 'invalid_expiry_year' };
    return { state: 'complete' };
  }

  function validateCvc(value, info) {
    const digits = digitsOnly(value);
    if (!digits) return { state: 'empty', code: 'incomplete_cvc' };
    const min = info === UNKNOWN_BRAND ? 3 : info.cvc;
    if (digits.length < min) return { state: 'incomplete', code: 'incomplete_cvc' };
    return { state: 'complete' };
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP to the sandbox (Stripe's form encoding, publishable key as Bearer).
  // ---------------------------------------------------------------------------------------------
  function encodeForm(params, prefix, out = []) {
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

  async function apiRequest(instance, method, path, params) {
    let url = API_BASE + path;
    const headers = { Authorization: `Bearer ${instance.key}` };
    let body;
    const encoded = encodeForm(params).join('&');
    if (method === 'GET') {
      if (encoded) url += `?${encoded}`;
    } else {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = encoded;
    }
    if (instance.stripeAccount) headers['Stripe-Account'] = instance.stripeAccount;
    let response;
    try {
      response = await fetch(url, { method, headers, body, credentials: 'omit', mode: 'cors' });
    } catch {
      return {
        error: { type: 'api_connection_error', message: t(instance.locale, 'api_connection_error') },
      };
    }
    let json = null;
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
    return { data: json };
  }

  function intentIdFromSecret(clientSecret, method) {
    const at = typeof clientSecret === 'string' ? clientSecret.indexOf('_secret_') : -1;
    if (at <= 0 || !clientSecret.startsWith('pi_')) {
      throw new IntegrationError(
        `Invalid value for ${method}: clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${clientSecret}.`,
      );
    }
    return clientSecret.slice(0, at);
  }

  // ---------------------------------------------------------------------------------------------
  // Small DOM helpers.
  // ---------------------------------------------------------------------------------------------
  function h(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children || []) if (child) node.appendChild(child);
    return node;
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';
  function genericCardIcon() {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 16');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'generic-icon');
    const rect = document.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({
      x: '0.75',
      y: '0.75',
      width: '22.5',
      height: '14.5',
      rx: '2',
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': '1.5',
    }))
      rect.setAttribute(k, v);
    const stripe = document.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({
      x: '0.75',
      y: '4',
      width: '22.5',
      height: '3',
      fill: 'currentColor',
    }))
      stripe.setAttribute(k, v);
    svg.append(rect, stripe);
    return svg;
  }

  function lockIcon() {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('width', '18');
    svg.setAttribute('height', '18');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('fill', '#0570de');
    path.setAttribute(
      'd',
      'M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 5V4.5a2 2 0 1 1 4 0V6H6Z',
    );
    svg.appendChild(path);
    return svg;
  }

  function cssDeclarations(style) {
    if (!style || typeof style !== 'object') return '';
    const allowed = [
      'color',
      'fontFamily',
      'fontSize',
      'fontWeight',
      'fontStyle',
      'letterSpacing',
      'lineHeight',
      'textAlign',
      'textTransform',
      'backgroundColor',
      'fontVariant',
      'textShadow',
    ];
    return allowed
      .filter((k) => typeof style[k] === 'string' || typeof style[k] === 'number')
      .map(
        (k) =>
          `${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}: ${String(style[k]).replace(/[;{}<>]/g, '')};`,
      )
      .join(' ');
  }

  const safeCss = (value) => String(value).replace(/[;{}<>]/g, '');

  // ---------------------------------------------------------------------------------------------
  // Appearance (PaymentElement) -> CSS custom properties.
  // ---------------------------------------------------------------------------------------------
  const THEMES = {
    stripe: {
      colorPrimary: '#0570de',
      colorBackground: '#ffffff',
      colorText: '#30313d',
      colorDanger: '#df1b41',
      colorTextPlaceholder: '#87898f',
      colorInputBorder: '#e0e0e6',
      colorLabel: '#30313d',
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      fontSizeBase: '16px',
      borderRadius: '5px',
      spacingUnit: '4px',
    },
    night: {
      colorPrimary: '#0570de',
      colorBackground: '#30313d',
      colorText: '#ffffff',
      colorDanger: '#fe87a1',
      colorTextPlaceholder: '#a0a1a8',
      colorInputBorder: '#424353',
      colorLabel: '#e6e6ea',
    },
    flat: { colorBackground: '#f1f1f4', colorInputBorder: 'transparent', borderRadius: '6px' },
  };

  function appearanceVars(appearance) {
    const theme = appearance?.theme && THEMES[appearance.theme] ? appearance.theme : 'stripe';
    const vars = { ...THEMES.stripe, ...THEMES[theme], ...(appearance?.variables || {}) };
    return [
      `--ls-primary: ${safeCss(vars.colorPrimary)}`,
      `--ls-background: ${safeCss(vars.colorBackground)}`,
      `--ls-text: ${safeCss(vars.colorText)}`,
      `--ls-label: ${safeCss(appearance?.variables?.colorText || vars.colorLabel)}`,
      `--ls-danger: ${safeCss(vars.colorDanger)}`,
      `--ls-placeholder: ${safeCss(vars.colorTextPlaceholder)}`,
      `--ls-border: ${safeCss(vars.colorInputBorder)}`,
      `--ls-font: ${safeCss(vars.fontFamily)}`,
      `--ls-font-size: ${safeCss(vars.fontSizeBase)}`,
      `--ls-radius: ${safeCss(vars.borderRadius)}`,
      `--ls-space: ${safeCss(vars.spacingUnit)}`,
    ].join('; ');
  }

  const BASE_CSS = `
    :host { all: initial; display: block; }
    * { box-sizing: border-box; }
    .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
      clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
    input { font: inherit; color: inherit; background: transparent; border: 0; outline: none; margin: 0;
      padding: 0; min-width: 0; width: 100%; }
    input:disabled { cursor: not-allowed; opacity: 0.6; }
    .brand { display: inline-flex; align-items: center; justify-content: center; min-width: 32px; height: 20px;
      padding: 0 4px; border-radius: 3px; font: 700 10px/1 system-ui, sans-serif; letter-spacing: 0.04em;
      color: #fff; background: #1a1f71; flex: none; }
    .brand[data-brand="mastercard"] { background: #eb001b; }
    .brand[data-brand="amex"] { background: #2e77bc; }
    .brand[data-brand="discover"] { background: #f68121; }
    .brand[data-brand="diners"] { background: #0079be; }
    .brand[data-brand="jcb"] { background: #0b6b3a; }
    .brand[data-brand="unionpay"] { background: #d10429; }
    .generic-icon { width: 24px; height: 16px; flex: none; color: #8a8f98; }

    /* PaymentElement */
    .pe { font-family: var(--ls-font); font-size: var(--ls-font-size); color: var(--ls-text); }
    .pe-tab { display: inline-flex; align-items: center; gap: 8px; padding: 8px 12px; margin-bottom: 12px;
      border: 2px solid var(--ls-primary); border-radius: var(--ls-radius); color: var(--ls-primary);
      font-size: 14px; font-weight: 600; background: var(--ls-background); }
    .pe-tab .generic-icon { color: var(--ls-primary); }
    .pe-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
    .pe-field { display: flex; flex-direction: column; gap: 4px; }
    .pe-field.wide { grid-column: 1 / -1; }
    .pe-label { font-size: 14px; color: var(--ls-label); }
    .pe-box { display: flex; align-items: center; gap: 8px; padding: 10px 12px; min-height: 44px;
      background: var(--ls-background); border: 1px solid var(--ls-border); border-radius: var(--ls-radius);
      box-shadow: 0 1px 1px rgba(0, 0, 0, 0.03), 0 3px 6px rgba(0, 0, 0, 0.02);
      transition: border-color 0.15s, box-shadow 0.15s; }
    .pe-box:focus-within { border-color: var(--ls-primary);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--ls-primary) 25%, transparent); }
    .pe-box.invalid { border-color: var(--ls-danger); color: var(--ls-danger);
      box-shadow: 0 0 0 1px var(--ls-danger); }
    .pe-box input::placeholder { color: var(--ls-placeholder); }
    .pe-error { font-size: 13px; color: var(--ls-danger); min-height: 0; }
    .pe-error:empty { display: none; }
    .pe-note { margin-top: 10px; font-size: 12px; color: var(--ls-placeholder); }

    /* CardElement and split card elements */
    .ce { display: flex; align-items: center; gap: 10px; min-height: 24px; }
    .ce .num { flex: 1 1 auto; min-width: 7em; }
    .ce .exp { flex: 0 0 5.2em; }
    .ce .cvc { flex: 0 0 3.6em; }
    .ce input.invalid { color: var(--ce-invalid, #df1b41); }
  `;

  // ---------------------------------------------------------------------------------------------
  // Elements.
  // ---------------------------------------------------------------------------------------------
  const ELEMENT_FIELDS = {
    payment: ['number', 'expiry', 'cvc'],
    card: ['number', 'expiry', 'cvc'],
    cardNumber: ['number'],
    cardExpiry: ['expiry'],
    cardCvc: ['cvc'],
  };
  const SPLIT_TYPES = ['cardNumber', 'cardExpiry', 'cardCvc'];
  const FIELD_TESTID = { number: 'card-number', expiry: 'card-expiry', cvc: 'card-cvc' };
  const FIELD_NAME = { number: 'cardnumber', expiry: 'exp-date', cvc: 'cvc' };
  const FIELD_AUTOCOMPLETE = { number: 'cc-number', expiry: 'cc-exp', cvc: 'cc-csc' };
  const FIELD_LABEL = { number: 'labelNumber', expiry: 'labelExpiry', cvc: 'labelCvc' };
  let uid = 0;

  function createEventEmitter() {
    const listeners = new Map();
    return {
      on(event, handler) {
        if (!listeners.has(event)) listeners.set(event, []);
        listeners.get(event).push(handler);
      },
      off(event, handler) {
        if (!listeners.has(event)) return;
        if (!handler) listeners.delete(event);
        else
          listeners.set(
            event,
            listeners.get(event).filter((l) => l !== handler && l.original !== handler),
          );
      },
      has(event, handler) {
        return (listeners.get(event) || []).includes(handler);
      },
      listeners(event) {
        return [...(listeners.get(event) || [])];
      },
      emit(event, payload) {
        for (const handler of [...(listeners.get(event) || [])]) {
          try {
            handler(payload);
          } catch (err) {
            setTimeout(() => {
              throw err;
            });
          }
        }
      },
    };
  }

  function createElementsGroup(stripe, rawOptions) {
    const groupOptions = { ...(rawOptions || {}) };
    const elements = new Map();
    const group = {
      __lumiraElements: true,
      _submitted: false,
      get _clientSecret() {
        return groupOptions.clientSecret;
      },
      get _mode() {
        return groupOptions.mode;
      },
      get _locale() {
        return resolveLocale(groupOptions.locale || stripe.locale);
      },
      get _appearance() {
        return groupOptions.appearance;
      },
      _stripe: stripe,
      _remove(type, element) {
        if (elements.get(type) === element) elements.delete(type);
      },
      _refreshSplit() {
        for (const type of SPLIT_TYPES) elements.get(type)?._refresh(false);
      },
      create(type, options) {
        if (!ELEMENT_FIELDS[type]) {
          throw new IntegrationError(
            `A valid Element name must be provided. The sandbox supports: ${Object.keys(ELEMENT_FIELDS).join(', ')}; you specified: ${type}.`,
          );
        }
        if (elements.has(type)) {
          throw new IntegrationError(`Can only create one Element of type ${type}.`);
        }
        const element = createElement(group, type, options || {});
        elements.set(type, element);
        return element;
      },
      getElement(typeOrComponent) {
        const type = typeof typeOrComponent === 'string' ? typeOrComponent : typeOrComponent?.__elementType;
        return elements.get(type) || null;
      },
      update(options) {
        const next = { ...(options || {}) };
        delete next.clientSecret;
        Object.assign(groupOptions, next);
        for (const element of elements.values()) element._rerender();
      },
      async submit() {
        const payment = elements.get('payment');
        if (!payment) {
          throw new IntegrationError('elements.submit() requires a mounted Payment Element.');
        }
        const result = payment._collect(true);
        if (result.error) return { error: result.error };
        group._submitted = true;
        return { selectedPaymentMethod: 'card' };
      },
      async fetchUpdates() {
        return {};
      },
    };
    return group;
  }

  function createElement(group, type, initialOptions) {
    const emitter = createEventEmitter();
    const options = { ...initialOptions };
    const fields = ELEMENT_FIELDS[type].map((kind) => ({
      kind,
      value: '',
      reveal: false,
      input: null,
      error: null,
    }));
    const readyNotified = new WeakSet();
    const id = `ls-${++uid}`;
    let container = null;
    let host = null;
    let root = null;
    let brandSlot = null;
    let srError = null;
    let isReady = false;
    let destroyed = false;
    let focused = false;
    let lastChange = '';

    const locale = () => resolveLocale(options.locale || group._locale);
    const isPayment = type === 'payment';

    function numberDigits() {
      const numberField = fields.find((f) => f.kind === 'number');
      if (numberField) return digitsOnly(numberField.value);
      const sibling = SPLIT_TYPES.includes(type) ? group.getElement('cardNumber') : null;
      return sibling ? sibling._numberDigits() : '';
    }

    function validate(field) {
      if (field.kind === 'number') return validateNumber(field.value);
      if (field.kind === 'expiry') return validateExpiry(field.value);
      return validateCvc(field.value, brandInfo(numberDigits()));
    }

    function fieldError(field) {
      const result = validate(field);
      if (result.state === 'invalid') return result.code;
      if ((result.state === 'incomplete' || result.state === 'empty') && field.reveal) return result.code;
      return null;
    }

    function errorObject(code) {
      return { type: 'validation_error', code, message: t(locale(), code) };
    }

    function snapshot() {
      const results = fields.map(validate);
      const firstError = fields.map(fieldError).find(Boolean);
      const empty = results.every((r) => r.state === 'empty');
      const complete = results.every((r) => r.state === 'complete');
      const payload = { elementType: type, empty, complete };
      if (isPayment) {
        payload.collapsed = false;
        payload.value = { type: 'card' };
      } else {
        payload.error = firstError ? errorObject(firstError) : undefined;
        if (type === 'card') payload.value = { postalCode: '' };
        if (type === 'card' || type === 'cardNumber') payload.brand = brandInfo(numberDigits()).brand;
      }
      return payload;
    }

    function updateContainerClasses(payload, hasError) {
      if (!container) return;
      const classes = { ...(options.classes || {}) };
      const names = {
        base: classes.base || 'StripeElement',
        focus: classes.focus || 'StripeElement--focus',
        empty: classes.empty || 'StripeElement--empty',
        complete: classes.complete || 'StripeElement--complete',
        invalid: classes.invalid || 'StripeElement--invalid',
      };
      for (const n of names.base.split(/\s+/)) if (n) container.classList.add(n);
      container.classList.toggle(names.focus, focused);
      container.classList.toggle(names.empty, payload.empty);
      container.classList.toggle(names.complete, payload.complete);
      container.classList.toggle(names.invalid, hasError);
    }

    function applyCardStyle(input, state) {
      if (isPayment) return;
      const style = options.style || {};
      // Stripe's default: invalid text turns red unless style.invalid says otherwise.
      const variant =
        state === 'invalid'
          ? { color: '#df1b41', ...(style.invalid || {}) }
          : state === 'complete'
            ? style.complete
            : null;
      input.setAttribute(
        'style',
        `${cssDeclarations(style.base)} ${state === 'empty' ? cssDeclarations(style.empty) : ''} ${cssDeclarations(variant)}`,
      );
    }

    /** Recomputes the visible state; emits `change` when the payload changed (or when forced). */
    function refresh(emit) {
      if (destroyed) return;
      let anyError = false;
      for (const field of fields) {
        const code = fieldError(field);
        field.error = code;
        if (code) anyError = true;
        if (!field.input) continue;
        const state = code ? 'invalid' : validate(field).state;
        field.input.setAttribute('aria-invalid', code ? 'true' : 'false');
        field.input.classList.toggle('invalid', Boolean(code));
        field.input.classList.toggle('complete', state === 'complete');
        applyCardStyle(field.input, state);
        if (field.box) field.box.classList.toggle('invalid', Boolean(code));
        if (field.errorNode) field.errorNode.textContent = code ? t(locale(), code) : '';
        if (field.kind === 'cvc') field.input.maxLength = cvcMaxLength(brandInfo(numberDigits()));
      }
      if (brandSlot) {
        const info = brandInfo(numberDigits());
        brandSlot.replaceChildren(
          info === UNKNOWN_BRAND
            ? genericCardIcon()
            : h('span', {
                className: 'brand',
                'data-brand': info.brand,
                'aria-hidden': 'true',
                text: info.label,
              }),
        );
        brandSlot.setAttribute('data-brand', info.brand);
      }
      const payload = snapshot();
      if (srError) srError.textContent = payload.error ? payload.error.message : '';
      updateContainerClasses(payload, anyError);
      const key = JSON.stringify(payload);
      if (emit && key !== lastChange) {
        lastChange = key;
        emitter.emit('change', payload);
      }
      return payload;
    }

    function focusNext(field) {
      const index = fields.indexOf(field);
      const next = fields[index + 1];
      if (next?.input && field.input === root?.activeElement) {
        const pos = field.input.selectionStart;
        if (pos === field.input.value.length) next.input.focus();
      }
    }

    function onInput(field, event) {
      const input = field.input;
      const raw = input.value;
      const isAdding = !event.inputType || event.inputType.startsWith('insert');
      if (field.kind === 'number') {
        const caret = input.selectionStart ?? raw.length;
        const digitsBefore = digitsOnly(raw.slice(0, caret)).length;
        let digits = digitsOnly(raw);
        const info = brandInfo(digits);
        digits = digits.slice(0, maxNumberLength(info));
        const formatted = formatNumber(digits, info);
        input.value = formatted;
        let pos = 0;
        let seen = 0;
        while (pos < formatted.length && seen < digitsBefore) {
          if (/\d/.test(formatted[pos])) seen++;
          pos++;
        }
        if (caret >= raw.length) pos = formatted.length;
        input.setSelectionRange(pos, pos);
      } else if (field.kind === 'expiry') {
        input.value = formatExpiry(raw, isAdding);
      } else {
        input.value = digitsOnly(raw).slice(0, cvcMaxLength(brandInfo(numberDigits())));
      }
      field.value = input.value;
      field.reveal = false;
      refresh(true);
      if (type === 'cardNumber') group._refreshSplit();
      if (isAdding && validate(field).state === 'complete') focusNext(field);
    }

    function onKeyDown(field, event) {
      if (event.key === 'Escape') emitter.emit('escape', { elementType: type });
      if (event.key === 'Backspace' && field.input.value === '') {
        const prev = fields[fields.indexOf(field) - 1];
        if (prev?.input) {
          event.preventDefault();
          prev.input.focus();
          const len = prev.input.value.length;
          prev.input.setSelectionRange(len, len);
        }
      }
    }

    function buildInput(field) {
      const loc = locale();
      const placeholder =
        field.kind === 'number'
          ? isPayment
            ? t(loc, 'placeholderNumber')
            : type === 'card'
              ? t(loc, 'placeholderCardNumber')
              : t(loc, 'placeholderNumber')
          : field.kind === 'expiry'
            ? t(loc, 'placeholderExpiry')
            : t(loc, 'placeholderCvc');
      const input = h('input', {
        id: `${id}-${field.kind}`,
        type: 'text',
        name: FIELD_NAME[field.kind],
        autocomplete: FIELD_AUTOCOMPLETE[field.kind],
        inputmode: 'numeric',
        spellcheck: 'false',
        autocorrect: 'off',
        'data-testid': FIELD_TESTID[field.kind],
        'data-elements-stable-field-name':
          field.kind === 'number' ? 'cardNumber' : field.kind === 'expiry' ? 'cardExpiry' : 'cardCvc',
        placeholder:
          SPLIT_TYPES.includes(type) && typeof options.placeholder === 'string'
            ? options.placeholder
            : placeholder,
        'aria-invalid': 'false',
        disabled: Boolean(options.disabled),
      });
      input.value = field.value;
      input.addEventListener('input', (event) => onInput(field, event));
      input.addEventListener('keydown', (event) => onKeyDown(field, event));
      input.addEventListener('blur', () => {
        if (digitsOnly(field.value)) field.reveal = true;
        refresh(true);
      });
      field.input = input;
      return input;
    }

    function render() {
      if (!root) return;
      const loc = locale();
      for (const field of fields) {
        field.input = null;
        field.box = null;
        field.errorNode = null;
      }
      brandSlot = null;
      srError = null;
      const showIcon =
        type === 'card' ? !options.hideIcon : type === 'cardNumber' ? Boolean(options.showIcon) : isPayment;
      let body;
      let styleVars = '';
      if (isPayment) {
        styleVars = appearanceVars(group._appearance);
        const grid = h('div', { className: 'pe-grid' });
        for (const field of fields) {
          const input = buildInput(field);
          const errorNode = h('div', {
            className: 'pe-error',
            id: `${id}-${field.kind}-error`,
            role: 'alert',
          });
          input.setAttribute('aria-describedby', errorNode.id);
          const box = h('div', { className: 'pe-box' }, [input]);
          if (field.kind === 'number') {
            brandSlot = h('span', { className: 'brand-slot' });
            box.appendChild(brandSlot);
          }
          field.box = box;
          field.errorNode = errorNode;
          grid.appendChild(
            h('div', { className: `pe-field${field.kind === 'number' ? ' wide' : ''}` }, [
              h('label', { className: 'pe-label', for: input.id, text: t(loc, FIELD_LABEL[field.kind]) }),
              box,
              errorNode,
            ]),
          );
        }
        body = h('div', { className: 'pe', lang: loc, 'data-testid': 'payment-element' }, [
          h('div', { className: 'pe-tab', role: 'presentation' }, [
            genericCardIcon(),
            h('span', { text: t(loc, 'cardTab') }),
          ]),
          grid,
        ]);
      } else {
        const base = options.style?.base || {};
        const invalidColor = options.style?.invalid?.color;
        const placeholderColor = base['::placeholder']?.color;
        styleVars = [
          invalidColor ? `--ce-invalid: ${safeCss(invalidColor)}` : '',
          `font-family: ${safeCss(base.fontFamily || 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif')}`,
          `font-size: ${safeCss(base.fontSize || '16px')}`,
          `color: ${safeCss(base.color || '#30313d')}`,
        ]
          .filter(Boolean)
          .join('; ');
        const row = h('div', { className: 'ce', lang: loc, 'data-testid': `${type}-element` });
        if (showIcon) {
          brandSlot = h('span', { className: 'brand-slot' });
          row.appendChild(brandSlot);
        }
        for (const field of fields) {
          const input = buildInput(field);
          const label = h('label', {
            className: 'sr-only',
            for: input.id,
            text: t(loc, FIELD_LABEL[field.kind]),
          });
          row.appendChild(
            h(
              'span',
              { className: field.kind === 'number' ? 'num' : field.kind === 'expiry' ? 'exp' : 'cvc' },
              [label, input],
            ),
          );
        }
        srError = h('span', { className: 'sr-only', role: 'alert', id: `${id}-error` });
        for (const field of fields) field.input.setAttribute('aria-describedby', srError.id);
        row.appendChild(srError);
        body = row;
        if (placeholderColor) styleVars += `; --ce-placeholder: ${safeCss(placeholderColor)}`;
      }
      const extraCss = isPayment ? '' : '.ce input::placeholder { color: var(--ce-placeholder, #87898f); }';
      const wrapper = h('div', { style: styleVars }, [body]);
      wrapper.addEventListener('focusin', () => {
        if (focused) return;
        focused = true;
        refresh(false);
        emitter.emit('focus', { elementType: type });
      });
      wrapper.addEventListener('focusout', (event) => {
        if (event.relatedTarget && wrapper.contains(event.relatedTarget)) return;
        setTimeout(() => {
          if (root && wrapper.contains(root.activeElement)) return;
          focused = false;
          refresh(false);
          emitter.emit('blur', { elementType: type });
        });
      });
      wrapper.addEventListener('click', () => emitter.emit('click', { elementType: type }));
      root.replaceChildren(h('style', { text: BASE_CSS + extraCss }), wrapper);
      lastChange = JSON.stringify(snapshot());
      refresh(false);
    }

    function collectCard(force) {
      const sources = SPLIT_TYPES.includes(type)
        ? SPLIT_TYPES.map((t2) => group.getElement(t2))
        : [element, element, element];
      const card = {};
      let firstError = null;
      const kinds = ['number', 'expiry', 'cvc'];
      kinds.forEach((kind, i) => {
        const source = sources[i];
        if (!source) {
          firstError = firstError || errorObject(`incomplete_${kind}`);
          return;
        }
        const result = source._fieldResult(kind, force);
        if (result.error && !firstError) firstError = result.error;
        if (!result.error) Object.assign(card, result.value);
      });
      if (firstError) return { error: firstError };
      return { card };
    }

    const element = {
      __lumiraElement: true,
      _type: type,
      _numberDigits: numberDigits,
      _refresh: refresh,
      _rerender() {
        if (root) render();
      },
      _locale: locale,
      _fieldResult(kind, force) {
        const field = fields.find((f) => f.kind === kind);
        if (force) field.reveal = true;
        refresh(true);
        const result = validate(field);
        if (result.state !== 'complete') return { error: errorObject(result.code) };
        const digits = digitsOnly(field.value);
        if (kind === 'number') return { value: { number: digits } };
        if (kind === 'expiry')
          return {
            value: { exp_month: Number(digits.slice(0, 2)), exp_year: 2000 + Number(digits.slice(2, 4)) },
          };
        return { value: { cvc: digits } };
      },
      _collect(force) {
        return collectCard(force);
      },
      mount(target) {
        if (destroyed)
          throw new IntegrationError('This Element has already been destroyed. Please create a new one.');
        const node = typeof target === 'string' ? document.querySelector(target) : target;
        if (!node || typeof node.appendChild !== 'function') {
          throw new IntegrationError(
            `Invalid DOM element. Make sure to call mount() with a valid DOM element or selector. You specified: ${target}.`,
          );
        }
        if (container) element.unmount();
        container = node;
        host = h('div', { className: '__LumiraStripeElement', 'data-element-type': type });
        root = host.attachShadow({ mode: 'open', delegatesFocus: true });
        container.appendChild(host);
        if (isPayment) emitter.emit('loaderstart', { elementType: type });
        render();
        setTimeout(() => {
          if (!container || destroyed) return;
          isReady = true;
          for (const handler of emitter.listeners('ready')) readyNotified.add(handler);
          emitter.emit('ready', { elementType: type });
        });
      },
      unmount() {
        if (host?.parentNode) host.parentNode.removeChild(host);
        if (container) {
          for (const cls of [...container.classList])
            if (cls.startsWith('StripeElement')) container.classList.remove(cls);
        }
        for (const field of fields) field.input = null;
        container = null;
        host = null;
        root = null;
        isReady = false;
        focused = false;
      },
      destroy() {
        element.unmount();
        destroyed = true;
        group._remove(type, element);
      },
      on(event, handler) {
        if (typeof handler !== 'function')
          throw new IntegrationError('When adding an event listener, the handler must be a function.');
        emitter.on(event, handler);
        if (event === 'ready' && isReady && !readyNotified.has(handler)) {
          // Listeners attached after the element became ready (React attaches them in an effect) still hear it once.
          setTimeout(() => {
            if (isReady && emitter.has('ready', handler) && !readyNotified.has(handler)) {
              readyNotified.add(handler);
              handler({ elementType: type });
            }
          });
        }
        return element;
      },
      addEventListener(event, handler) {
        return element.on(event, handler);
      },
      off(event, handler) {
        emitter.off(event, handler);
        return element;
      },
      removeEventListener(event, handler) {
        return element.off(event, handler);
      },
      once(event, handler) {
        const wrapped = (payload) => {
          emitter.off(event, wrapped);
          handler(payload);
        };
        wrapped.original = handler;
        return element.on(event, wrapped);
      },
      update(next) {
        if (!next || typeof next !== 'object') return;
        Object.assign(options, next);
        if (root) render();
      },
      focus() {
        const target = fields.find((f) => f.input && fieldError(f)) || fields.find((f) => f.input);
        target?.input.focus();
      },
      blur() {
        for (const field of fields)
          if (field.input && root?.activeElement === field.input) field.input.blur();
      },
      clear() {
        for (const field of fields) {
          field.value = '';
          field.reveal = false;
          if (field.input) field.input.value = '';
        }
        refresh(true);
        if (type === 'cardNumber') group._refreshSplit();
      },
      collapse() {
        return element;
      },
    };
    return element;
  }

  // ---------------------------------------------------------------------------------------------
  // 3-D Secure modal.
  // ---------------------------------------------------------------------------------------------
  function runChallenge(url, paymentIntentId, locale) {
    return new Promise((resolve) => {
      const previousFocus = document.activeElement;
      const overlay = h('div', {
        'data-testid': 'stripe-3ds-modal',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-label': t(locale, 'threeDsTitle'),
        style:
          'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;' +
          'background:rgba(16,18,27,0.62);font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;',
      });
      const iframe = h('iframe', {
        src: url,
        name: 'lumira-sandbox-3ds',
        title: t(locale, 'threeDsFrame'),
        'data-testid': 'stripe-3ds-iframe',
        style: 'flex:1;width:100%;border:0;background:#fff;',
      });
      const box = h(
        'div',
        {
          style:
            'display:flex;flex-direction:column;width:min(480px,94vw);height:min(620px,90vh);background:#fff;' +
            'border-radius:10px;overflow:hidden;box-shadow:0 20px 60px rgba(0,0,0,0.35);',
        },
        [
          h(
            'div',
            {
              style:
                'display:flex;align-items:center;gap:12px;padding:12px 16px;' +
                'border-bottom:1px solid #e6e6ea;color:#30313d;font-size:15px;font-weight:600;',
            },
            [
              lockIcon(),
              h('span', { style: 'display:flex;flex-direction:column;gap:2px;flex:1;' }, [
                h('span', { text: t(locale, 'threeDsTitle') }),
                h('span', {
                  text: t(locale, 'testMode'),
                  style: 'font-size:12px;font-weight:400;color:#87898f;',
                }),
              ]),
            ],
          ),
          iframe,
        ],
      );
      overlay.appendChild(box);
      const onMessage = (event) => {
        const data = event.data;
        if (!data || typeof data !== 'object' || data.type !== 'lumira-sandbox-3ds') return;
        if (event.origin !== API_ORIGIN && event.source !== iframe.contentWindow) return;
        if (data.paymentIntent && data.paymentIntent !== paymentIntentId) return;
        window.removeEventListener('message', onMessage);
        overlay.remove();
        if (previousFocus && typeof previousFocus.focus === 'function') previousFocus.focus();
        resolve(data.outcome);
      };
      window.addEventListener('message', onMessage);
      document.body.appendChild(overlay);
      iframe.focus();
    });
  }

  function challengeUrl(nextAction) {
    let raw = null;
    let stripReturnUrl = false;
    if (nextAction?.type === 'use_stripe_sdk') raw = nextAction.use_stripe_sdk?.stripe_js;
    else if (nextAction?.type === 'redirect_to_url') {
      raw = nextAction.redirect_to_url?.url;
      stripReturnUrl = true;
    }
    if (typeof raw !== 'string' || !raw) return null;
    const url = new URL(raw, `${API_BASE}/`);
    // In the modal the page reports back with postMessage instead of leaving to return_url.
    if (stripReturnUrl) url.searchParams.delete('return_url');
    return url.href;
  }

  // ---------------------------------------------------------------------------------------------
  // The Stripe instance.
  // ---------------------------------------------------------------------------------------------
  const never = () => new Promise(() => {});

  function redirectStatus(status) {
    if (status === 'succeeded' || status === 'requires_capture') return 'succeeded';
    if (status === 'processing') return 'pending';
    return 'failed';
  }

  function createInstance(key, stripeOptions) {
    const instance = {
      key,
      locale: resolveLocale(stripeOptions.locale),
      stripeAccount: stripeOptions.stripeAccount,
    };
    const wrappers = [];
    const appInfo = [];

    async function retrieve(clientSecret) {
      const id = intentIdFromSecret(clientSecret, 'stripe.retrievePaymentIntent()');
      const result = await apiRequest(instance, 'GET', `/v1/payment_intents/${encodeURIComponent(id)}`, {
        client_secret: clientSecret,
      });
      if (result.error) return { error: result.error };
      return { paymentIntent: result.data };
    }

    function errorFromIntent(pi, locale) {
      const lpe = pi.last_payment_error || {};
      const code = lpe.code || 'payment_intent_authentication_failure';
      const error = { ...lpe, type: lpe.type || 'card_error', code, payment_intent: pi };
      if (!error.message) error.message = t(locale, code);
      return error;
    }

    /**
     * Turns a PaymentIntent answer into Stripe.js's result, running the 3DS challenge when needed.
     * @param {{clientSecret: string, handleActions: boolean, redirect: 'always'|'if_required', returnUrl?: string, locale: string}} ctx
     */
    async function settle(pi, ctx) {
      let intent = pi;
      if (intent.status === 'requires_action' && ctx.handleActions) {
        const nextAction = intent.next_action || {};
        if (
          nextAction.type === 'redirect_to_url' &&
          ctx.redirect === 'always' &&
          nextAction.redirect_to_url?.url
        ) {
          window.location.assign(nextAction.redirect_to_url.url);
          return never();
        }
        const url = challengeUrl(nextAction);
        if (!url) {
          return {
            error: {
              type: 'invalid_request_error',
              code: 'payment_intent_unexpected_state',
              message: `The sandbox's Stripe.js cannot handle next_action ${nextAction.type}.`,
              payment_intent: intent,
            },
          };
        }
        await runChallenge(url, intent.id, ctx.locale);
        const again = await retrieve(ctx.clientSecret);
        if (again.error) return again;
        intent = again.paymentIntent;
      }
      if (intent.status === 'requires_payment_method' && intent.last_payment_error) {
        return { error: errorFromIntent(intent, ctx.locale) };
      }
      if (intent.status === 'canceled') {
        return {
          error: {
            type: 'invalid_request_error',
            code: 'payment_intent_unexpected_state',
            message: 'This PaymentIntent has been canceled.',
            payment_intent: intent,
          },
        };
      }
      const finished = ['succeeded', 'processing', 'requires_capture'].includes(intent.status);
      if (finished && ctx.redirect === 'always' && ctx.returnUrl) {
        const target = new URL(ctx.returnUrl, window.location.href);
        target.searchParams.set('payment_intent', intent.id);
        target.searchParams.set('payment_intent_client_secret', ctx.clientSecret);
        target.searchParams.set('redirect_status', redirectStatus(intent.status));
        window.location.assign(target.href);
        return never();
      }
      return { paymentIntent: intent };
    }

    async function confirm(clientSecret, params, ctx) {
      const id = intentIdFromSecret(clientSecret, ctx.method);
      const result = await apiRequest(
        instance,
        'POST',
        `/v1/payment_intents/${encodeURIComponent(id)}/confirm`,
        {
          ...params,
          client_secret: clientSecret,
        },
      );
      const outcome = result.error
        ? { error: result.error }
        : await settle(result.data, { ...ctx, clientSecret });
      if (outcome.error) outcome.error = localizeError(outcome.error, ctx.locale);
      return outcome;
    }

    function assertElement(element, method) {
      if (!element?.__lumiraElement) {
        throw new IntegrationError(
          `${method}: expected a mounted card Element created by this Stripe.js instance.`,
        );
      }
      return element;
    }

    const stripe = {
      elements(options) {
        return createElementsGroup(instance, options);
      },

      async confirmPayment(options) {
        const {
          elements,
          clientSecret: explicitSecret,
          confirmParams = {},
          redirect = 'always',
        } = options || {};
        if (!elements?.__lumiraElements) {
          throw new IntegrationError('stripe.confirmPayment(): the `elements` option is required.');
        }
        const clientSecret = explicitSecret || elements._clientSecret;
        if (!clientSecret) {
          throw new IntegrationError(
            'stripe.confirmPayment(): pass `clientSecret`, or create the Elements group with a clientSecret.',
          );
        }
        if (redirect !== 'if_required' && !confirmParams.return_url) {
          throw new IntegrationError(
            "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`",
          );
        }
        if (!elements._clientSecret && !elements._submitted) {
          throw new IntegrationError(
            'elements.submit() must be called before stripe.confirmPayment(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.',
          );
        }
        const payment = elements.getElement('payment');
        if (!payment)
          throw new IntegrationError('stripe.confirmPayment(): no Payment Element is mounted in `elements`.');
        const collected = payment._collect(true);
        if (collected.error) return { error: collected.error };
        const { payment_method_data: pmData = {}, ...rest } = confirmParams;
        return confirm(
          clientSecret,
          { ...rest, payment_method_data: { ...pmData, type: 'card', card: collected.card } },
          {
            method: 'stripe.confirmPayment()',
            handleActions: true,
            redirect: redirect === 'if_required' ? 'if_required' : 'always',
            returnUrl: confirmParams.return_url,
            locale: elements._locale,
          },
        );
      },

      async confirmCardPayment(clientSecret, data = {}, confirmOptions = {}) {
        intentIdFromSecret(clientSecret, 'stripe.confirmCardPayment()');
        const { payment_method: pm, ...rest } = data || {};
        const params = { ...rest };
        let locale = instance.locale;
        if (typeof pm === 'string') {
          params.payment_method = pm;
        } else if (pm && typeof pm === 'object') {
          const { card, ...pmRest } = pm;
          if (card?.__lumiraElement) {
            const collected = card._collect(true);
            if (collected.error) return { error: collected.error };
            locale = resolveLocale(card._locale?.() || instance.locale);
            params.payment_method_data = { ...pmRest, type: 'card', card: collected.card };
          } else if (card && typeof card === 'object') {
            params.payment_method_data = { ...pmRest, type: 'card', card };
          } else {
            assertElement(card, 'stripe.confirmCardPayment()');
          }
        }
        return confirm(clientSecret, params, {
          method: 'stripe.confirmCardPayment()',
          handleActions: confirmOptions?.handleActions !== false,
          redirect: 'if_required',
          locale,
        });
      },

      async retrievePaymentIntent(clientSecret) {
        return retrieve(clientSecret);
      },

      async handleNextAction(options) {
        const clientSecret = options?.clientSecret;
        const current = await retrieve(clientSecret);
        if (current.error) return current;
        if (current.paymentIntent.status !== 'requires_action') {
          return {
            error: {
              type: 'invalid_request_error',
              code: 'payment_intent_unexpected_state',
              message: `handleNextAction: the PaymentIntent has status ${current.paymentIntent.status}, expected requires_action.`,
              payment_intent: current.paymentIntent,
            },
          };
        }
        const outcome = await settle(current.paymentIntent, {
          clientSecret,
          handleActions: true,
          redirect: 'if_required',
          locale: instance.locale,
        });
        if (outcome.error) outcome.error = localizeError(outcome.error, instance.locale);
        return outcome;
      },

      async handleCardAction(clientSecret) {
        return stripe.handleNextAction({ clientSecret });
      },

      async createPaymentMethod(a, b, c) {
        let element;
        let extra = {};
        if (typeof a === 'string') {
          if (a !== 'card')
            throw new IntegrationError(`The sandbox's Stripe.js only creates card PaymentMethods, not ${a}.`);
          element = b;
          extra = c || {};
        } else if (a?.elements) {
          if (!a.elements._submitted && !a.elements._clientSecret) {
            throw new IntegrationError(
              'elements.submit() must be called before stripe.createPaymentMethod().',
            );
          }
          element = a.elements.getElement('payment');
          extra = a.params || {};
        } else {
          const { type, card, ...rest } = a || {};
          if (type && type !== 'card') {
            throw new IntegrationError(
              `The sandbox's Stripe.js only creates card PaymentMethods, not ${type}.`,
            );
          }
          element = card;
          extra = rest;
        }
        assertElement(element, 'stripe.createPaymentMethod()');
        const collected = element._collect(true);
        if (collected.error) return { error: collected.error };
        const result = await apiRequest(instance, 'POST', '/v1/payment_methods', {
          ...extra,
          type: 'card',
          card: collected.card,
        });
        if (result.error) return { error: localizeError(result.error, element._locale()) };
        return { paymentMethod: result.data };
      },

      async createToken(element, data = {}) {
        assertElement(element, 'stripe.createToken()');
        const collected = element._collect(true);
        if (collected.error) return { error: collected.error };
        const result = await apiRequest(instance, 'POST', '/v1/tokens', {
          card: { ...collected.card, ...data },
        });
        if (result.error) return { error: localizeError(result.error, element._locale()) };
        return { token: result.data };
      },

      _registerWrapper(wrapper) {
        if (wrapper && typeof wrapper === 'object')
          wrappers.push({ name: wrapper.name, version: wrapper.version });
      },

      registerAppInfo(info) {
        if (info && typeof info === 'object')
          appInfo.push({ name: info.name, version: info.version, url: info.url });
      },

      get _lumiraSandbox() {
        return { apiBase: API_BASE, wrappers: [...wrappers], appInfo: [...appInfo] };
      },
    };
    return stripe;
  }

  function Stripe(key, options) {
    if (typeof key !== 'string' || !key) {
      throw new IntegrationError('Please call Stripe() with your publishable key. You used an empty string.');
    }
    if (/^(sk|rk)_/.test(key)) {
      throw new IntegrationError(
        'You should not use your secret key with Stripe.js. Please pass a publishable key instead.',
      );
    }
    if (!/^pk_(test|live)_/.test(key)) {
      throw new IntegrationError(`Invalid API Key provided: ${key.replace(/^(.{8}).*$/, '$1...')}`);
    }
    return createInstance(key, options && typeof options === 'object' ? options : {});
  }

  // `@stripe/stripe-js` compares this with its release train ('endive') and warns on a mismatch.
  Stripe.version = 'endive';
  Stripe.__lumiraSandbox = { apiBase: API_BASE };
  Stripe._internal = {
    brandInfo: (digits) => brandInfo(digitsOnly(digits)).brand,
    luhn: (digits) => luhn(digitsOnly(digits)),
    formatNumber: (value) => formatNumber(digitsOnly(value), brandInfo(digitsOnly(value))),
    formatExpiry,
    validateNumber,
    validateExpiry: (value, nowIso) => validateExpiry(value, nowIso ? new Date(nowIso) : new Date()),
    validateCvc: (value, number) => validateCvc(value, brandInfo(digitsOnly(number))),
  };
  window.Stripe = Stripe;
})();
