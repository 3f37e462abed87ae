import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type {
  BalanceTransaction,
  Charge,
  Customer,
  PaymentIntent,
  PaymentMethod,
  Refund,
  SetupIntent,
  StripeEvent,
  Token,
  WebhookEndpoint,
} from './objects';

export interface Dispute {
  id: string;
  object: 'dispute';
  amount: number;
  balance_transactions: unknown[];
  charge: string;
  created: number;
  currency: string;
  evidence: Record<string, null>;
  evidence_details: { due_by: number; has_evidence: boolean; past_due: boolean; submission_count: number };
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Record<string, string>;
  payment_intent: string | null;
  reason: string;
  status: string;
}

/** All sandbox state. Maps keep insertion (= creation) order, which lists rely on. */
export class Store {
  paymentIntents = new Map<string, PaymentIntent>();
  paymentMethods = new Map<string, PaymentMethod>();
  /** Sandbox-internal: payment method id -> test card number (never exposed through the API). */
  paymentMethodCards = new Map<string, string>();
  tokens = new Map<string, Token>();
  /** Sandbox-internal: token id -> card number (never exposed through the API). */
  tokenCards = new Map<string, string>();
  /**
   * Sandbox-internal: how a PaymentMethod not attached to a customer was used. 'consumed': used by a payment
   * without attachment or setup_future_usage, or detached (it cannot be used again); 'set_up': saved by a
   * SetupIntent or a payment with setup_future_usage (reusable, off-session payments need no new authentication).
   */
  paymentMethodUse = new Map<string, 'consumed' | 'set_up'>();
  setupIntents = new Map<string, SetupIntent>();
  balanceTransactions = new Map<string, BalanceTransaction>();
  charges = new Map<string, Charge>();
  refunds = new Map<string, Refund>();
  customers = new Map<string, Customer>();
  disputes = new Map<string, Dispute>();
  events = new Map<string, StripeEvent>();
  webhookEndpoints = new Map<string, WebhookEndpoint>();

  private readonly persistFile: string | undefined;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(persistFile?: string) {
    this.persistFile = persistFile;
    if (persistFile) this.load(persistFile);
  }

  clear(): void {
    for (const m of this.allMaps()) m.clear();
    this.changed();
  }

  /** Incremented by every mutation (lets the idempotency layer tell validation failures from executions). */
  version = 0;

  /** Call after every mutation: schedules a (debounced) write of the persistence file. */
  changed(): void {
    this.version++;
    if (!this.persistFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save();
    }, 200);
    this.saveTimer.unref();
  }

  flush(): void {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    if (this.persistFile) this.save();
  }

  private allMaps(): Map<string, unknown>[] {
    return [
      this.paymentIntents,
      this.paymentMethods,
      this.paymentMethodCards,
      this.tokens,
      this.tokenCards,
      this.paymentMethodUse,
      this.setupIntents,
      this.balanceTransactions,
      this.charges,
      this.refunds,
      this.customers,
      this.disputes,
      this.events,
      this.webhookEndpoints,
    ];
  }

  private snapshot(): Record<string, [string, unknown][]> {
    return {
      paymentIntents: [...this.paymentIntents],
      paymentMethods: [...this.paymentMethods],
      paymentMethodCards: [...this.paymentMethodCards],
      tokens: [...this.tokens],
      tokenCards: [...this.tokenCards],
      paymentMethodUse: [...this.paymentMethodUse],
      setupIntents: [...this.setupIntents],
      balanceTransactions: [...this.balanceTransactions],
      charges: [...this.charges],
      refunds: [...this.refunds],
      customers: [...this.customers],
      disputes: [...this.disputes],
      events: [...this.events],
      webhookEndpoints: [...this.webhookEndpoints],
    };
  }

  private save(): void {
    const file = this.persistFile!;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, state: this.snapshot() }));
    renameSync(tmp, file);
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    const data = JSON.parse(text) as { version: number; state: Record<string, [string, never][]> };
    const s = data.state;
    const fill = <T>(m: Map<string, T>, rows: [string, T][] | undefined) => {
      for (const [k, v] of rows ?? []) m.set(k, v);
    };
    fill(this.paymentIntents, s.paymentIntents);
    fill(this.paymentMethods, s.paymentMethods);
    fill(this.paymentMethodCards, s.paymentMethodCards);
    fill(this.tokens, s.tokens);
    fill(this.tokenCards, s.tokenCards);
    fill(this.paymentMethodUse, s.paymentMethodUse);
    fill(this.setupIntents, s.setupIntents);
    fill(this.balanceTransactions, s.balanceTransactions);
    fill(this.charges, s.charges);
    fill(this.refunds, s.refunds);
    fill(this.customers, s.customers);
    fill(this.disputes, s.disputes);
    fill(this.events, s.events);
    fill(this.webhookEndpoints, s.webhookEndpoints);
  }
}
