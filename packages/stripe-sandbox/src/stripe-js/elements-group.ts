import {
  CARD_ELEMENT_TYPES,
  type CardCollect,
  CardElement,
  type CardElementType,
  SPLIT_TYPES,
} from './card-element';
import type { BaseElement, ElementsContext, ElementType, Options } from './element-base';
import { AddressElement, type AddressValue, LinkAuthenticationElement, WalletElement } from './form-elements';
import { IntegrationError, type Locale, resolveLocale, type StripeJsError } from './messages';
import type { Appearance } from './styles';

const ELEMENT_TYPES: ElementType[] = [
  ...CARD_ELEMENT_TYPES,
  'linkAuthentication',
  'address',
  'expressCheckout',
  'paymentRequestButton',
];

/** What the Payment Element group holds for a confirm: card data, billing details, shipping. */
export interface CollectedPayment {
  card: NonNullable<CardCollect['card']>;
  billingDetails: Record<string, unknown>;
  shipping?: Record<string, unknown>;
}

/** `stripe.elements(options)`. */
export class ElementsGroup {
  readonly __lumiraElements = true;
  _submitted = false;
  private readonly options: Options;
  private readonly elements = new Map<ElementType, BaseElement>();
  private readonly context: ElementsContext;

  constructor(
    private readonly instanceLocale: Locale,
    rawOptions: unknown,
  ) {
    this.options = { ...((rawOptions as Options | undefined) ?? {}) };
    this.context = {
      locale: () => this._locale,
      appearance: () => this.options.appearance as Appearance | undefined,
      getElement: (type) => this.elements.get(type) ?? null,
      remove: (type, element) => {
        if (this.elements.get(type) === element) this.elements.delete(type);
      },
      refreshSplit: () => {
        for (const type of SPLIT_TYPES) this.elements.get(type)?._refresh(false);
      },
    };
  }

  get _clientSecret(): string | undefined {
    return this.options.clientSecret as string | undefined;
  }

  get _mode(): string | undefined {
    return this.options.mode as string | undefined;
  }

  get _locale(): Locale {
    return resolveLocale(this.options.locale || this.instanceLocale);
  }

  create(type: string, options?: Options): BaseElement {
    if (!ELEMENT_TYPES.includes(type as ElementType)) {
      throw new IntegrationError(
        `A valid Element name must be provided. The sandbox supports: ${ELEMENT_TYPES.join(', ')}; you specified: ${type}.`,
      );
    }
    const elementType = type as ElementType;
    if (this.elements.has(elementType) && elementType !== 'address') {
      throw new IntegrationError(`Can only create one Element of type ${type}.`);
    }
    const opts = options ?? {};
    let element: BaseElement;
    if (elementType === 'linkAuthentication') element = new LinkAuthenticationElement(this.context, opts);
    else if (elementType === 'address') element = new AddressElement(this.context, opts);
    else if (elementType === 'expressCheckout' || elementType === 'paymentRequestButton')
      element = new WalletElement(elementType, this.context, opts);
    else element = new CardElement(elementType as CardElementType, this.context, opts);
    this.elements.set(elementType, element);
    return element;
  }

  getElement(typeOrComponent: unknown): BaseElement | null {
    const type =
      typeof typeOrComponent === 'string'
        ? typeOrComponent
        : (typeOrComponent as { __elementType?: string } | undefined)?.__elementType;
    return this.elements.get(type as ElementType) ?? null;
  }

  update(options: unknown): void {
    const next = { ...((options as Options | undefined) ?? {}) };
    delete next.clientSecret;
    Object.assign(this.options, next);
    for (const element of this.elements.values()) element._rerender();
  }

  /** Validates every mounted input element (card, address, email) and shows their messages. */
  async submit(): Promise<{ error: StripeJsError } | { selectedPaymentMethod: string }> {
    const payment = this.elements.get('payment');
    if (!(payment instanceof CardElement)) {
      throw new IntegrationError('elements.submit() requires a mounted Payment Element.');
    }
    const collected = this._collect();
    if ('error' in collected) return { error: collected.error };
    this._submitted = true;
    return { selectedPaymentMethod: 'card' };
  }

  async fetchUpdates(): Promise<Record<string, never>> {
    return {};
  }

  /** Card data from the Payment Element, plus the address and email elements of the group. */
  _collect(): CollectedPayment | { error: StripeJsError } {
    const payment = this.elements.get('payment');
    if (!(payment instanceof CardElement))
      throw new IntegrationError('No Payment Element is mounted in `elements`.');
    const errors: StripeJsError[] = [];
    const card = payment._collect(true);
    if (card.error) errors.push(card.error);
    const billingDetails: Record<string, unknown> = {};
    let shipping: Record<string, unknown> | undefined;
    const link = this.elements.get('linkAuthentication');
    if (link instanceof LinkAuthenticationElement && link._isMounted()) {
      const email = link._collectEmail(true);
      if (email.error) errors.push(email.error);
      else if (email.value) billingDetails.email = email.value;
    }
    const address = this.elements.get('address');
    if (address instanceof AddressElement && address._isMounted()) {
      const result = address._collectAddress(true);
      if (result.error) errors.push(result.error);
      else {
        const value: AddressValue = result.value;
        const addr = { ...value.address, line2: value.address.line2 ?? undefined };
        if (address.mode === 'billing') {
          Object.assign(billingDetails, { name: value.name, address: addr });
          if (value.phone) billingDetails.phone = value.phone;
        } else {
          shipping = { name: value.name, address: addr, ...(value.phone ? { phone: value.phone } : {}) };
        }
      }
    }
    if (errors[0] || !card.card) return { error: errors[0] ?? card.error! };
    return { card: card.card, billingDetails, ...(shipping ? { shipping } : {}) };
  }
}
