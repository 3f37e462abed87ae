/** Styles of the elements: appearance themes and variables (Payment Element), card `style` objects. */

export function cssDeclarations(style: unknown): string {
  if (!style || typeof style !== 'object') return '';
  const s = style as Record<string, unknown>;
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
    .filter((k) => typeof s[k] === 'string' || typeof s[k] === 'number')
    .map(
      (k) => `${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}: ${String(s[k]).replace(/[;{}<>]/g, '')};`,
    )
    .join(' ');
}

export const safeCss = (value: unknown): string => String(value).replace(/[;{}<>]/g, '');

// ---------------------------------------------------------------------------------------------
// Appearance (PaymentElement) -> CSS custom properties.
// ---------------------------------------------------------------------------------------------
const THEMES: Record<string, Record<string, string>> = {
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

export interface Appearance {
  theme?: string;
  variables?: Record<string, string>;
}

export function appearanceVars(appearance: Appearance | undefined): string {
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

export const BASE_CSS = `
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

  /* Address and Link Authentication elements: plain fields in the Payment Element's look */
  .pe-box select { font: inherit; color: inherit; background: transparent; border: 0; outline: none; width: 100%; }
  .pe-stack { display: flex; flex-direction: column; gap: 12px; }
  .pe-note { margin-top: 6px; }

  /* Express Checkout and Payment Request Button stand-ins */
  .wallet { font-family: var(--ls-font); font-size: 14px; color: var(--ls-text); padding: 10px 12px;
    border: 1px dashed var(--ls-border); border-radius: var(--ls-radius); background: var(--ls-background); }
  .wallet button { font: inherit; width: 100%; padding: 10px; border-radius: var(--ls-radius); border: 0;
    background: #30313d; color: #fff; opacity: 0.55; cursor: not-allowed; }
`;
