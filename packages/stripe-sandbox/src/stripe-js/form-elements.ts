import { h } from './dom';
import {
  BaseElement,
  type ElementsContext,
  type Options,
  type Rendered,
  validationError,
} from './element-base';
import { IntegrationError, type StripeJsError, t } from './messages';
import { appearanceVars } from './styles';

interface TextField {
  key: string;
  labelKey: string;
  autocomplete: string;
  required: boolean;
  value: string;
  reveal: boolean;
  check?: (value: string) => string | null;
  options?: [string, string][];
  input: HTMLInputElement | HTMLSelectElement | null;
  box: HTMLElement | null;
  errorNode: HTMLElement | null;
}

type Collected<T> = { value: T; error?: undefined } | { error: StripeJsError; value?: undefined };

function textField(
  key: string,
  labelKey: string,
  autocomplete: string,
  required: boolean,
  value = '',
  extra: Partial<TextField> = {},
): TextField {
  return {
    key,
    labelKey,
    autocomplete,
    required,
    value,
    reveal: false,
    input: null,
    box: null,
    errorNode: null,
    ...extra,
  };
}

/** Fields typed by the customer, shown like the Payment Element's, with required and format checks. */
abstract class FieldsElement extends BaseElement {
  protected abstract readonly fields: TextField[];

  protected codeOf(field: TextField): string | null {
    const value = field.value.trim();
    if (!value) return field.required ? `incomplete_${field.key}` : null;
    return field.check?.(value) ?? null;
  }

  private shownCode(field: TextField): string | null {
    const code = this.codeOf(field);
    if (!code) return null;
    return field.reveal || code.startsWith('invalid_') ? code : null;
  }

  protected isEmpty(): boolean {
    return this.fields.every((f) => f.options || !f.value.trim());
  }

  protected isComplete(): boolean {
    return this.fields.every((f) => !this.codeOf(f));
  }

  protected paint(): boolean {
    let anyError = false;
    for (const field of this.fields) {
      const code = this.shownCode(field);
      if (code) anyError = true;
      field.input?.setAttribute('aria-invalid', code ? 'true' : 'false');
      field.box?.classList.toggle('invalid', Boolean(code));
      if (field.errorNode) field.errorNode.textContent = code ? t(this._locale(), code) : '';
    }
    return anyError;
  }

  protected buildField(field: TextField, wide: boolean): HTMLElement {
    const id = `${this.id}-${field.key}`;
    let control: HTMLInputElement | HTMLSelectElement;
    if (field.options) {
      control = h(
        'select',
        { id, name: field.key, autocomplete: field.autocomplete, 'data-testid': `address-${field.key}` },
        field.options.map(([value, label]) => h('option', { value, text: label })),
      );
      control.value = field.value;
      control.addEventListener('change', () => {
        field.value = control.value;
        this._refresh(true);
      });
    } else {
      control = h('input', {
        id,
        type: field.key === 'email' ? 'email' : field.key === 'phone' ? 'tel' : 'text',
        name: field.key,
        autocomplete: field.autocomplete,
        'data-testid': `${this._type === 'address' ? 'address' : 'link'}-${field.key}`,
        'aria-required': field.required ? 'true' : 'false',
        'aria-invalid': 'false',
        disabled: Boolean(this.options.disabled),
      });
      control.value = field.value;
      control.addEventListener('input', () => {
        field.value = control.value;
        field.reveal = false;
        this._refresh(true);
      });
      control.addEventListener('blur', () => {
        if (field.value.trim()) field.reveal = true;
        this._refresh(true);
      });
    }
    this.listenForKeys(control);
    field.input = control;
    const { row, box, errorNode } = this.fieldRow(control, field.labelKey, wide);
    field.box = box;
    field.errorNode = errorNode;
    return row;
  }

  protected resetValues(): void {
    for (const field of this.fields) {
      if (field.options) continue;
      field.value = '';
      field.reveal = false;
      if (field.input) field.input.value = '';
    }
  }

  protected focusTarget(): HTMLElement | null {
    return (
      (this.fields.find((f) => f.input && this.shownCode(f)) ?? this.fields.find((f) => f.input))?.input ??
      null
    );
  }

  /** Shows every message (as on submit) and returns the first error. */
  protected reveal(): StripeJsError | null {
    for (const field of this.fields) field.reveal = true;
    this._refresh(true);
    const code = this.fields.map((f) => this.codeOf(f)).find(Boolean);
    return code ? validationError(this._locale(), code) : null;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The Link Authentication Element: Link itself needs Stripe's servers, so this collects the email
 * (what the page reads from its `change` event) and says honestly that Link is not offered.
 */
export class LinkAuthenticationElement extends FieldsElement {
  protected readonly fields: TextField[];

  constructor(group: ElementsContext, options: Options) {
    super('linkAuthentication', group, options);
    const defaults = (options.defaultValues ?? {}) as { email?: string };
    this.fields = [
      textField('email', 'labelEmail', 'email', true, defaults.email ?? '', {
        check: (v) => (EMAIL.test(v) ? null : 'invalid_email'),
      }),
    ];
  }

  protected snapshot(): Record<string, unknown> {
    return {
      elementType: 'linkAuthentication',
      empty: this.isEmpty(),
      complete: this.isComplete(),
      value: { email: this.fields[0]!.value.trim() },
    };
  }

  protected renderBody(): Rendered {
    const locale = this._locale();
    const body = h(
      'div',
      { className: 'pe pe-stack', lang: locale, 'data-testid': 'link-authentication-element' },
      [
        this.buildField(this.fields[0]!, true),
        h('p', { className: 'pe-note', role: 'note', text: t(locale, 'linkNote') }),
      ],
    );
    return { body, styleVars: appearanceVars(this.group.appearance()) };
  }

  _collectEmail(force: boolean): Collected<string> {
    const error = force ? this.reveal() : null;
    if (error) return { error };
    return { value: this.fields[0]!.value.trim() };
  }
}

const COUNTRIES: Record<string, [string, string]> = {
  FR: ['France', 'France'],
  BE: ['Belgium', 'Belgique'],
  CH: ['Switzerland', 'Suisse'],
  LU: ['Luxembourg', 'Luxembourg'],
  MC: ['Monaco', 'Monaco'],
  CA: ['Canada', 'Canada'],
  DE: ['Germany', 'Allemagne'],
  ES: ['Spain', 'Espagne'],
  IT: ['Italy', 'Italie'],
  NL: ['Netherlands', 'Pays-Bas'],
  PT: ['Portugal', 'Portugal'],
  IE: ['Ireland', 'Irlande'],
  AT: ['Austria', 'Autriche'],
  GB: ['United Kingdom', 'Royaume-Uni'],
  US: ['United States', 'États-Unis'],
};

export interface AddressValue {
  name: string;
  address: {
    line1: string;
    line2: string | null;
    city: string;
    state: string;
    postal_code: string;
    country: string;
  };
  phone?: string;
}

/** The Address Element (`mode: 'shipping' | 'billing'`): a real address form, validated on submit. */
export class AddressElement extends FieldsElement {
  protected readonly fields: TextField[];
  readonly mode: 'shipping' | 'billing';

  constructor(group: ElementsContext, options: Options) {
    super('address', group, options);
    if (options.mode !== 'shipping' && options.mode !== 'billing') {
      throw new IntegrationError(
        "You must specify the mode for the Address Element: 'shipping' or 'billing'.",
      );
    }
    this.mode = options.mode;
    const defaults = (options.defaultValues ?? {}) as Partial<AddressValue> & {
      address?: Partial<AddressValue['address']>;
    };
    const a: Partial<AddressValue['address']> = defaults.address ?? {};
    const allowed = Array.isArray(options.allowedCountries)
      ? (options.allowedCountries as string[])
          .map((c) => String(c).toUpperCase())
          .filter((c) => c in COUNTRIES)
      : Object.keys(COUNTRIES);
    const locale = group.locale();
    const country = (a.country ?? '').toUpperCase();
    const initialCountry = allowed.includes(country)
      ? country
      : allowed.includes('FR') && locale === 'fr'
        ? 'FR'
        : allowed[0]!;
    const wantsPhone = (options.fields as { phone?: string } | undefined)?.phone === 'always';
    const phoneRequired =
      (options.validation as { phone?: { required?: string } } | undefined)?.phone?.required === 'always';
    this.fields = [
      textField('name', 'labelName', 'name', true, defaults.name ?? ''),
      textField('country', 'labelCountry', 'country', true, initialCountry, {
        options: allowed.map((c) => [c, COUNTRIES[c]![locale === 'fr' ? 1 : 0]]),
      }),
      textField('line1', 'labelLine1', 'address-line1', true, a.line1 ?? ''),
      textField('line2', 'labelLine2', 'address-line2', false, a.line2 ?? ''),
      textField('postal_code', 'labelPostalCode', 'postal-code', true, a.postal_code ?? ''),
      textField('city', 'labelCity', 'address-level2', true, a.city ?? ''),
      textField('state', 'labelState', 'address-level1', false, a.state ?? ''),
      ...(wantsPhone ? [textField('phone', 'labelPhone', 'tel', phoneRequired, defaults.phone ?? '')] : []),
    ];
  }

  private addressValue(): AddressValue {
    const v = (key: string) => this.fields.find((f) => f.key === key)?.value.trim() ?? '';
    const value: AddressValue = {
      name: v('name'),
      address: {
        line1: v('line1'),
        line2: v('line2') || null,
        city: v('city'),
        state: v('state'),
        postal_code: v('postal_code'),
        country: v('country'),
      },
    };
    if (this.fields.some((f) => f.key === 'phone')) value.phone = v('phone');
    return value;
  }

  protected override snapshot(): Record<string, unknown> {
    return {
      elementType: 'address',
      elementMode: this.mode,
      empty: this.isEmpty(),
      complete: this.isComplete(),
      isNewAddress: true,
      value: this.addressValue(),
    };
  }

  protected renderBody(): Rendered {
    const locale = this._locale();
    const grid = h('div', { className: 'pe-grid' });
    for (const field of this.fields) {
      grid.appendChild(this.buildField(field, !['postal_code', 'city'].includes(field.key)));
    }
    const body = h('div', { className: 'pe', lang: locale, 'data-testid': 'address-element' }, [grid]);
    return { body, styleVars: appearanceVars(this.group.appearance()) };
  }

  /** `addressElement.getValue()`: `{complete, isNewAddress, value}`. */
  async getValue(): Promise<{ complete: boolean; isNewAddress: boolean; value: AddressValue }> {
    return { complete: this.isComplete(), isNewAddress: true, value: this.addressValue() };
  }

  _collectAddress(force: boolean): Collected<AddressValue> {
    const error = force ? this.reveal() : null;
    if (error) return { error };
    return { value: this.addressValue() };
  }
}

/**
 * The Express Checkout Element and the Payment Request Button: wallets need a device wallet and
 * Stripe's servers, so these render an accessible note instead and report no available wallet
 * (`ready` with `availablePaymentMethods: undefined`, `canMakePayment()` resolving null).
 */
export class WalletElement extends BaseElement {
  constructor(type: 'expressCheckout' | 'paymentRequestButton', group: ElementsContext, options: Options) {
    super(type, group, options);
    if (
      type === 'paymentRequestButton' &&
      !(options.paymentRequest as { __lumiraPaymentRequest?: boolean } | undefined)?.__lumiraPaymentRequest
    ) {
      throw new IntegrationError(
        'Missing value for paymentRequestButton: paymentRequest should be a PaymentRequest object created by stripe.paymentRequest().',
      );
    }
  }

  protected override readyPayload(): Record<string, unknown> {
    return this._type === 'expressCheckout'
      ? { elementType: 'expressCheckout', availablePaymentMethods: undefined }
      : { elementType: this._type };
  }

  protected snapshot(): Record<string, unknown> {
    return { elementType: this._type, empty: true, complete: false };
  }

  protected renderBody(): Rendered {
    const locale = this._locale();
    const note = h('p', { id: `${this.id}-note`, role: 'note', text: t(locale, 'walletNote') });
    const children: HTMLElement[] = [note];
    if (this._type === 'paymentRequestButton') {
      children.unshift(
        h('button', {
          type: 'button',
          disabled: true,
          'aria-describedby': note.id,
          text: t(locale, 'walletButton'),
        }),
      );
    }
    const body = h(
      'div',
      { className: 'wallet', lang: locale, 'data-testid': `${this._type}-element` },
      children,
    );
    return { body, styleVars: appearanceVars(this.group.appearance()) };
  }

  protected paint(): boolean {
    return false;
  }

  protected resetValues(): void {}

  protected focusTarget(): HTMLElement | null {
    return null;
  }
}

/** `stripe.paymentRequest(options)`: no wallet can pay offline, so `canMakePayment()` resolves null. */
export function createPaymentRequest(options: unknown) {
  if (!options || typeof options !== 'object') {
    throw new IntegrationError(
      'stripe.paymentRequest(): options with country, currency and total are required.',
    );
  }
  const current = { ...(options as Record<string, unknown>) };
  return {
    __lumiraPaymentRequest: true,
    async canMakePayment() {
      return null;
    },
    show() {
      throw new IntegrationError(
        'This PaymentRequest cannot be shown: no wallet is available in the offline sandbox.',
      );
    },
    abort() {},
    isShowing() {
      return false;
    },
    update(next: unknown) {
      if (next && typeof next === 'object') Object.assign(current, next);
    },
    on() {},
    off() {},
  };
}
