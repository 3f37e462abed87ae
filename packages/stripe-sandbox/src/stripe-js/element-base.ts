import { h, submitEnclosingForm } from './dom';
import { Emitter, type Handler } from './emitter';
import { IntegrationError, type Locale, resolveLocale, type StripeJsError, t } from './messages';
import { type Appearance, BASE_CSS } from './styles';

export type ElementType =
  | 'payment'
  | 'card'
  | 'cardNumber'
  | 'cardExpiry'
  | 'cardCvc'
  | 'linkAuthentication'
  | 'address'
  | 'expressCheckout'
  | 'paymentRequestButton';

export type Options = Record<string, unknown>;

/** What an element asks of the Elements group that created it. */
export interface ElementsContext {
  locale(): Locale;
  appearance(): Appearance | undefined;
  getElement(type: ElementType): BaseElement | null;
  remove(type: ElementType, element: BaseElement): void;
  refreshSplit(): void;
}

export interface Rendered {
  body: HTMLElement;
  /** Inline style of the wrapper (CSS custom properties). */
  styleVars: string;
  extraCss?: string;
}

/** One labelled input box in the Payment Element's look, with its error line. */
export interface FieldRow {
  row: HTMLElement;
  box: HTMLElement;
  errorNode: HTMLElement;
}

let uid = 0;

export function validationError(locale: Locale, code: string): StripeJsError {
  return { type: 'validation_error', code, message: t(locale, code) };
}

/**
 * Mounting, events and the shadow root every element shares. Subclasses render their body and
 * describe their state (`snapshot`, the payload of `change`).
 */
export abstract class BaseElement {
  readonly __lumiraElement = true;
  protected readonly emitter = new Emitter();
  protected readonly options: Options;
  protected readonly id = `ls-${++uid}`;
  protected container: HTMLElement | null = null;
  protected host: HTMLElement | null = null;
  protected root: ShadowRoot | null = null;
  protected focused = false;
  private isReady = false;
  private destroyed = false;
  private lastChange = '';
  private readonly readyNotified = new WeakSet<Handler>();

  constructor(
    readonly _type: ElementType,
    protected readonly group: ElementsContext,
    options: Options,
  ) {
    this.options = { ...options };
  }

  /** The `change` payload. */
  protected abstract snapshot(): Record<string, unknown>;
  protected abstract renderBody(): Rendered;
  /** Updates inputs and error lines from the current values; returns whether any error shows. */
  protected abstract paint(): boolean;
  protected abstract resetValues(): void;
  /** The input `focus()` moves to. */
  protected abstract focusTarget(): HTMLElement | null;

  protected readyPayload(): Record<string, unknown> {
    return { elementType: this._type };
  }

  _locale(): Locale {
    return resolveLocale(this.options.locale || this.group.locale());
  }

  _isMounted(): boolean {
    return this.root !== null;
  }

  /** Recomputes the visible state; emits `change` when the payload changed. */
  _refresh(emit: boolean): Record<string, unknown> | undefined {
    if (this.destroyed) return undefined;
    const anyError = this.paint();
    const payload = this.snapshot();
    this.updateContainerClasses(payload, anyError);
    const key = JSON.stringify(payload);
    if (emit && key !== this.lastChange) {
      this.lastChange = key;
      this.emitter.emit('change', payload);
    }
    return payload;
  }

  _rerender(): void {
    if (this.root) this.render();
  }

  protected fieldRow(input: HTMLElement, labelKey: string, wide: boolean, extra?: Node | null): FieldRow {
    const errorNode = h('div', { className: 'pe-error', id: `${input.id}-error`, role: 'alert' });
    input.setAttribute('aria-describedby', errorNode.id);
    const box = h('div', { className: 'pe-box' }, [input, extra]);
    const row = h('div', { className: `pe-field${wide ? ' wide' : ''}` }, [
      h('label', { className: 'pe-label', for: input.id, text: t(this._locale(), labelKey) }),
      box,
      errorNode,
    ]);
    return { row, box, errorNode };
  }

  /** Enter in a field submits the page's form around the element, as in Stripe's iframes. */
  protected listenForKeys(input: HTMLElement): void {
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.emitter.emit('escape', { elementType: this._type });
      if (event.key === 'Enter') {
        event.preventDefault();
        submitEnclosingForm(this.host);
      }
    });
  }

  private updateContainerClasses(payload: Record<string, unknown>, hasError: boolean): void {
    if (!this.container) return;
    const classes = (this.options.classes ?? {}) as Record<string, string | undefined>;
    const names = {
      base: classes.base || 'StripeElement',
      focus: classes.focus || 'StripeElement--focus',
      empty: classes.empty || 'StripeElement--empty',
      complete: classes.complete || 'StripeElement--complete',
      invalid: classes.invalid || 'StripeElement--invalid',
    };
    for (const n of names.base.split(/\s+/)) if (n) this.container.classList.add(n);
    this.container.classList.toggle(names.focus, this.focused);
    this.container.classList.toggle(names.empty, payload.empty === true);
    this.container.classList.toggle(names.complete, payload.complete === true);
    this.container.classList.toggle(names.invalid, hasError);
  }

  protected render(): void {
    const root = this.root;
    if (!root) return;
    const { body, styleVars, extraCss = '' } = this.renderBody();
    const wrapper = h('div', { style: styleVars }, [body]);
    wrapper.addEventListener('focusin', () => {
      if (this.focused) return;
      this.focused = true;
      this._refresh(false);
      this.emitter.emit('focus', { elementType: this._type });
    });
    wrapper.addEventListener('focusout', (event) => {
      if (event.relatedTarget instanceof Node && wrapper.contains(event.relatedTarget)) return;
      setTimeout(() => {
        if (this.root && wrapper.contains(this.root.activeElement)) return;
        this.focused = false;
        this._refresh(false);
        this.emitter.emit('blur', { elementType: this._type });
      });
    });
    wrapper.addEventListener('click', () => this.emitter.emit('click', { elementType: this._type }));
    root.replaceChildren(h('style', { text: BASE_CSS + extraCss }), wrapper);
    this.lastChange = JSON.stringify(this.snapshot());
    this._refresh(false);
  }

  mount(target: unknown): void {
    if (this.destroyed)
      throw new IntegrationError('This Element has already been destroyed. Please create a new one.');
    const node = typeof target === 'string' ? document.querySelector(target) : target;
    if (!(node instanceof HTMLElement)) {
      throw new IntegrationError(
        `Invalid DOM element. Make sure to call mount() with a valid DOM element or selector. You specified: ${String(target)}.`,
      );
    }
    if (this.container) this.unmount();
    this.container = node;
    this.host = h('div', { className: '__LumiraStripeElement', 'data-element-type': this._type });
    this.root = this.host.attachShadow({ mode: 'open', delegatesFocus: true });
    node.appendChild(this.host);
    if (this._type === 'payment' || this._type === 'address' || this._type === 'linkAuthentication')
      this.emitter.emit('loaderstart', { elementType: this._type });
    this.render();
    setTimeout(() => {
      if (!this.container || this.destroyed) return;
      this.isReady = true;
      for (const handler of this.emitter.list('ready')) this.readyNotified.add(handler);
      this.emitter.emit('ready', this.readyPayload());
    });
  }

  unmount(): void {
    if (this.host?.parentNode) this.host.parentNode.removeChild(this.host);
    if (this.container) {
      for (const cls of [...this.container.classList])
        if (cls.startsWith('StripeElement')) this.container.classList.remove(cls);
    }
    this.container = null;
    this.host = null;
    this.root = null;
    this.isReady = false;
    this.focused = false;
  }

  destroy(): void {
    this.unmount();
    this.destroyed = true;
    this.group.remove(this._type, this);
  }

  on(event: string, handler: Handler): this {
    if (typeof handler !== 'function')
      throw new IntegrationError('When adding an event listener, the handler must be a function.');
    this.emitter.on(event, handler);
    if (event === 'ready' && this.isReady && !this.readyNotified.has(handler)) {
      // Listeners attached after the element became ready (React attaches them in an effect) still hear it once.
      setTimeout(() => {
        if (this.isReady && this.emitter.has('ready', handler) && !this.readyNotified.has(handler)) {
          this.readyNotified.add(handler);
          handler(this.readyPayload());
        }
      });
    }
    return this;
  }

  addEventListener(event: string, handler: Handler): this {
    return this.on(event, handler);
  }

  off(event: string, handler?: Handler): this {
    this.emitter.off(event, handler);
    return this;
  }

  removeEventListener(event: string, handler?: Handler): this {
    return this.off(event, handler);
  }

  once(event: string, handler: Handler): this {
    const wrapped: Handler = (payload) => {
      this.emitter.off(event, wrapped);
      handler(payload);
    };
    wrapped.original = handler;
    return this.on(event, wrapped);
  }

  update(next: unknown): void {
    if (!next || typeof next !== 'object') return;
    Object.assign(this.options, next);
    if (this.root) this.render();
  }

  focus(): void {
    this.focusTarget()?.focus();
  }

  blur(): void {
    const active = this.root?.activeElement;
    if (active instanceof HTMLElement) active.blur();
  }

  clear(): void {
    this.resetValues();
    this._refresh(true);
  }

  collapse(): this {
    return this;
  }
}
