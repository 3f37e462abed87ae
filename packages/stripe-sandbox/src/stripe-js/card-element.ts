import {
  brandRuleOf,
  cvcMaxLength,
  digitsOnly,
  type FieldValidation,
  formatExpiry,
  formatNumber,
  maxNumberLength,
  UNKNOWN_BRAND,
  validateCvcField,
  validateExpiryField,
  validateNumberField,
} from '../cards/card-rules';
import { genericCardIcon, h } from './dom';
import {
  BaseElement,
  type ElementsContext,
  type Options,
  type Rendered,
  validationError,
} from './element-base';
import { type StripeJsError, t } from './messages';
import { appearanceVars, cssDeclarations, safeCss } from './styles';

export type CardElementType = 'payment' | 'card' | 'cardNumber' | 'cardExpiry' | 'cardCvc';
type FieldKind = 'number' | 'expiry' | 'cvc';

const ELEMENT_FIELDS: Record<CardElementType, FieldKind[]> = {
  payment: ['number', 'expiry', 'cvc'],
  card: ['number', 'expiry', 'cvc'],
  cardNumber: ['number'],
  cardExpiry: ['expiry'],
  cardCvc: ['cvc'],
};
export const CARD_ELEMENT_TYPES = Object.keys(ELEMENT_FIELDS) as CardElementType[];
export const SPLIT_TYPES: CardElementType[] = ['cardNumber', 'cardExpiry', 'cardCvc'];
const FIELD_TESTID = { number: 'card-number', expiry: 'card-expiry', cvc: 'card-cvc' };
const FIELD_NAME = { number: 'cardnumber', expiry: 'exp-date', cvc: 'cvc' };
const FIELD_AUTOCOMPLETE = { number: 'cc-number', expiry: 'cc-exp', cvc: 'cc-csc' };
const FIELD_LABEL = { number: 'labelNumber', expiry: 'labelExpiry', cvc: 'labelCvc' };
const FIELD_STABLE_NAME = { number: 'cardNumber', expiry: 'cardExpiry', cvc: 'cardCvc' };

interface Field {
  kind: FieldKind;
  value: string;
  /** Show "incomplete" messages (after blur or submit), not only "invalid" ones. */
  reveal: boolean;
  input: HTMLInputElement | null;
  box: HTMLElement | null;
  errorNode: HTMLElement | null;
}

export interface CardData {
  number?: string;
  exp_month?: number;
  exp_year?: number;
  cvc?: string;
}

export type CardCollect = { card: CardData; error?: undefined } | { error: StripeJsError; card?: undefined };
type FieldResult = { value: CardData; error?: undefined } | { error: StripeJsError; value?: undefined };

/**
 * The Payment Element (card tab), the Card Element and the split card elements: real inputs with
 * brand detection, grouping, Luhn and expiry rules from the shared card-rules module.
 */
export class CardElement extends BaseElement {
  private readonly fields: Field[];
  private brandSlot: HTMLElement | null = null;
  private srError: HTMLElement | null = null;
  private readonly isPayment: boolean;

  constructor(type: CardElementType, group: ElementsContext, options: Options) {
    super(type, group, options);
    this.isPayment = type === 'payment';
    this.fields = ELEMENT_FIELDS[type].map((kind) => ({
      kind,
      value: '',
      reveal: false,
      input: null,
      box: null,
      errorNode: null,
    }));
  }

  _numberDigits(): string {
    const numberField = this.fields.find((f) => f.kind === 'number');
    if (numberField) return digitsOnly(numberField.value);
    const sibling = SPLIT_TYPES.includes(this._type as CardElementType)
      ? this.group.getElement('cardNumber')
      : null;
    return sibling instanceof CardElement ? sibling._numberDigits() : '';
  }

  private validate(field: Field): FieldValidation {
    if (field.kind === 'number') return validateNumberField(field.value);
    if (field.kind === 'expiry') return validateExpiryField(field.value);
    return validateCvcField(field.value, brandRuleOf(this._numberDigits()));
  }

  private fieldError(field: Field): string | null {
    const result = this.validate(field);
    if (result.state === 'invalid') return result.code ?? null;
    if ((result.state === 'incomplete' || result.state === 'empty') && field.reveal)
      return result.code ?? null;
    return null;
  }

  protected snapshot(): Record<string, unknown> {
    const results = this.fields.map((f) => this.validate(f));
    const firstError = this.fields.map((f) => this.fieldError(f)).find(Boolean);
    const payload: Record<string, unknown> = {
      elementType: this._type,
      empty: results.every((r) => r.state === 'empty'),
      complete: results.every((r) => r.state === 'complete'),
    };
    if (this.isPayment) {
      payload.collapsed = false;
      payload.value = { type: 'card' };
    } else {
      payload.error = firstError ? validationError(this._locale(), firstError) : undefined;
      if (this._type === 'card') payload.value = { postalCode: '' };
      if (this._type === 'card' || this._type === 'cardNumber')
        payload.brand = brandRuleOf(this._numberDigits()).brand;
    }
    return payload;
  }

  private applyCardStyle(input: HTMLInputElement, state: string): void {
    if (this.isPayment) return;
    const style = (this.options.style ?? {}) as Record<string, Record<string, unknown> | undefined>;
    // Stripe's default: invalid text turns red unless style.invalid says otherwise.
    const variant =
      state === 'invalid'
        ? { color: '#df1b41', ...(style.invalid ?? {}) }
        : state === 'complete'
          ? style.complete
          : null;
    input.setAttribute(
      'style',
      `${cssDeclarations(style.base)} ${state === 'empty' ? cssDeclarations(style.empty) : ''} ${cssDeclarations(variant)}`,
    );
  }

  protected paint(): boolean {
    let anyError = false;
    const locale = this._locale();
    const rule = brandRuleOf(this._numberDigits());
    for (const field of this.fields) {
      const code = this.fieldError(field);
      if (code) anyError = true;
      const input = field.input;
      if (!input) continue;
      const state = code ? 'invalid' : this.validate(field).state;
      input.setAttribute('aria-invalid', code ? 'true' : 'false');
      input.classList.toggle('invalid', Boolean(code));
      input.classList.toggle('complete', state === 'complete');
      this.applyCardStyle(input, state);
      field.box?.classList.toggle('invalid', Boolean(code));
      if (field.errorNode) field.errorNode.textContent = code ? t(locale, code) : '';
      if (field.kind === 'cvc') input.maxLength = cvcMaxLength(rule);
    }
    if (this.brandSlot) {
      this.brandSlot.replaceChildren(
        rule === UNKNOWN_BRAND
          ? genericCardIcon()
          : h('span', {
              className: 'brand',
              'data-brand': rule.brand,
              'aria-hidden': 'true',
              text: rule.label,
            }),
      );
      this.brandSlot.setAttribute('data-brand', rule.brand);
    }
    if (this.srError) {
      const first = this.fields.map((f) => this.fieldError(f)).find(Boolean);
      this.srError.textContent = first ? t(locale, first) : '';
    }
    return anyError;
  }

  private focusNext(field: Field): void {
    const next = this.fields[this.fields.indexOf(field) + 1];
    if (next?.input && field.input && field.input === this.root?.activeElement) {
      if (field.input.selectionStart === field.input.value.length) next.input.focus();
    }
  }

  private onInput(field: Field, event: Event): void {
    const input = field.input!;
    const raw = input.value;
    const inputType = (event as InputEvent).inputType;
    const isAdding = !inputType || inputType.startsWith('insert');
    if (field.kind === 'number') {
      const caret = input.selectionStart ?? raw.length;
      const digitsBefore = digitsOnly(raw.slice(0, caret)).length;
      const rule = brandRuleOf(digitsOnly(raw));
      const digits = digitsOnly(raw).slice(0, maxNumberLength(rule));
      const formatted = formatNumber(digits, rule);
      input.value = formatted;
      let pos = 0;
      let seen = 0;
      while (pos < formatted.length && seen < digitsBefore) {
        if (/\d/.test(formatted[pos]!)) seen++;
        pos++;
      }
      if (caret >= raw.length) pos = formatted.length;
      input.setSelectionRange(pos, pos);
    } else if (field.kind === 'expiry') {
      input.value = formatExpiry(raw, isAdding);
    } else {
      input.value = digitsOnly(raw).slice(0, cvcMaxLength(brandRuleOf(this._numberDigits())));
    }
    field.value = input.value;
    field.reveal = false;
    this._refresh(true);
    if (this._type === 'cardNumber') this.group.refreshSplit();
    if (isAdding && this.validate(field).state === 'complete') this.focusNext(field);
  }

  private buildInput(field: Field): HTMLInputElement {
    const locale = this._locale();
    const placeholder =
      field.kind === 'number'
        ? t(locale, this._type === 'card' ? 'placeholderCardNumber' : 'placeholderNumber')
        : t(locale, field.kind === 'expiry' ? 'placeholderExpiry' : 'placeholderCvc');
    const custom = this.options.placeholder;
    const input = h('input', {
      id: `${this.id}-${field.kind}`,
      type: 'text',
      name: FIELD_NAME[field.kind],
      autocomplete: FIELD_AUTOCOMPLETE[field.kind],
      inputmode: 'numeric',
      spellcheck: 'false',
      autocorrect: 'off',
      'data-testid': FIELD_TESTID[field.kind],
      'data-elements-stable-field-name': FIELD_STABLE_NAME[field.kind],
      placeholder:
        SPLIT_TYPES.includes(this._type as CardElementType) && typeof custom === 'string'
          ? custom
          : placeholder,
      'aria-invalid': 'false',
      disabled: Boolean(this.options.disabled),
    });
    input.value = field.value;
    input.addEventListener('input', (event) => this.onInput(field, event));
    this.listenForKeys(input);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Backspace' && input.value === '') {
        const prev = this.fields[this.fields.indexOf(field) - 1];
        if (prev?.input) {
          event.preventDefault();
          prev.input.focus();
          const len = prev.input.value.length;
          prev.input.setSelectionRange(len, len);
        }
      }
    });
    input.addEventListener('blur', () => {
      if (digitsOnly(field.value)) field.reveal = true;
      this._refresh(true);
    });
    field.input = input;
    return input;
  }

  protected renderBody(): Rendered {
    const locale = this._locale();
    for (const field of this.fields) {
      field.input = null;
      field.box = null;
      field.errorNode = null;
    }
    this.brandSlot = null;
    this.srError = null;
    if (this.isPayment) {
      const grid = h('div', { className: 'pe-grid' });
      for (const field of this.fields) {
        const input = this.buildInput(field);
        if (field.kind === 'number') this.brandSlot = h('span', { className: 'brand-slot' });
        const { row, box, errorNode } = this.fieldRow(
          input,
          FIELD_LABEL[field.kind],
          field.kind === 'number',
          field.kind === 'number' ? this.brandSlot : null,
        );
        field.box = box;
        field.errorNode = errorNode;
        grid.appendChild(row);
      }
      const body = h('div', { className: 'pe', lang: locale, 'data-testid': 'payment-element' }, [
        h('div', { className: 'pe-tab', role: 'presentation' }, [
          genericCardIcon(),
          h('span', { text: t(locale, 'cardTab') }),
        ]),
        grid,
      ]);
      return { body, styleVars: appearanceVars(this.group.appearance()) };
    }
    const style = (this.options.style ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const base = style.base ?? {};
    const invalidColor = style.invalid?.color;
    const placeholderColor = (base['::placeholder'] as Record<string, unknown> | undefined)?.color;
    const styleVars = [
      invalidColor ? `--ce-invalid: ${safeCss(invalidColor)}` : '',
      `font-family: ${safeCss(base.fontFamily || 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif')}`,
      `font-size: ${safeCss(base.fontSize || '16px')}`,
      `color: ${safeCss(base.color || '#30313d')}`,
      placeholderColor ? `--ce-placeholder: ${safeCss(placeholderColor)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    const row = h('div', { className: 'ce', lang: locale, 'data-testid': `${this._type}-element` });
    const showIcon =
      this._type === 'card'
        ? !this.options.hideIcon
        : this._type === 'cardNumber' && Boolean(this.options.showIcon);
    if (showIcon) {
      this.brandSlot = h('span', { className: 'brand-slot' });
      row.appendChild(this.brandSlot);
    }
    for (const field of this.fields) {
      const input = this.buildInput(field);
      const label = h('label', {
        className: 'sr-only',
        for: input.id,
        text: t(locale, FIELD_LABEL[field.kind]),
      });
      const cls = field.kind === 'number' ? 'num' : field.kind === 'expiry' ? 'exp' : 'cvc';
      row.appendChild(h('span', { className: cls }, [label, input]));
    }
    this.srError = h('span', { className: 'sr-only', role: 'alert', id: `${this.id}-error` });
    for (const field of this.fields) field.input?.setAttribute('aria-describedby', this.srError.id);
    row.appendChild(this.srError);
    return {
      body: row,
      styleVars,
      extraCss: '.ce input::placeholder { color: var(--ce-placeholder, #87898f); }',
    };
  }

  protected resetValues(): void {
    for (const field of this.fields) {
      field.value = '';
      field.reveal = false;
      if (field.input) field.input.value = '';
    }
    if (this._type === 'cardNumber') queueMicrotask(() => this.group.refreshSplit());
  }

  protected focusTarget(): HTMLElement | null {
    const target = this.fields.find((f) => f.input && this.fieldError(f)) ?? this.fields.find((f) => f.input);
    return target?.input ?? null;
  }

  _fieldResult(kind: FieldKind, force: boolean): FieldResult {
    const field = this.fields.find((f) => f.kind === kind);
    if (!field) return { error: validationError(this._locale(), `incomplete_${kind}`) };
    if (force) field.reveal = true;
    this._refresh(true);
    const result = this.validate(field);
    if (result.state !== 'complete')
      return { error: validationError(this._locale(), result.code ?? 'invalid_number') };
    const digits = digitsOnly(field.value);
    if (kind === 'number') return { value: { number: digits } };
    if (kind === 'expiry')
      return {
        value: { exp_month: Number(digits.slice(0, 2)), exp_year: 2000 + Number(digits.slice(2, 4)) },
      };
    return { value: { cvc: digits } };
  }

  /** The card data of this element (or of the three split elements), or the first validation error. */
  _collect(force: boolean): CardCollect {
    const split = SPLIT_TYPES.includes(this._type as CardElementType);
    const kinds: FieldKind[] = ['number', 'expiry', 'cvc'];
    const card: CardData = {};
    let firstError: StripeJsError | null = null;
    kinds.forEach((kind, i) => {
      const source = split ? this.group.getElement(SPLIT_TYPES[i]!) : this;
      if (!(source instanceof CardElement)) {
        firstError ??= validationError(this._locale(), `incomplete_${kind}`);
        return;
      }
      const result = source._fieldResult(kind, force);
      if (result.error) firstError ??= result.error;
      else Object.assign(card, result.value);
    });
    return firstError ? { error: firstError } : { card };
  }
}
