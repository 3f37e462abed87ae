/**
 * What a facture or an avoir says, frozen at issue time (stored as JSON, rendered to PDF from it only):
 * seller identity and legal mentions, customer, the line, VAT, totals, payment. Pure.
 *
 * Prices in the catalog are consumer prices, VAT included (TTC). With a rate r (basis points) the line's
 * amount before tax is round(TTC * 10000 / (10000 + r)) and the VAT is the difference, so HT + TVA
 * always equals what was paid to the cent. With r = 0 the seller is under the VAT franchise and the
 * document says "TVA non applicable, art. 293 B du CGI".
 */
import type { Config } from '../../config';

export type InvoiceKind = 'invoice' | 'credit_note';

export type InvoiceDocument = {
  version: 1;
  kind: InvoiceKind;
  reference: string;
  /** ISO timestamp of issue. */
  issuedAt: string;
  seller: {
    name: string;
    legalForm: string;
    address: string;
    siren: string;
    rcs: string;
    vatNumber: string | null;
    email: string;
  };
  customer: { name: string | null; email: string };
  orderId: string;
  line: {
    description: string;
    quantity: 1;
    /** Unit price before tax, minor units. */
    unitPriceExclTax: number;
  };
  currency: string;
  vatRateBasisPoints: number;
  totalExclTax: number;
  vatAmount: number;
  totalInclTax: number;
  /** Mentions printed at the bottom (VAT regime, payment terms). */
  mentions: string[];
  payment: { date: string; method: string } | null;
  /** Credit notes: the invoice they correct and why. */
  corrects: { reference: string; issuedAt: string } | null;
  reason: string | null;
};

export type VatSplit = { exclTax: number; vat: number; inclTax: number };

export function splitVat(inclTax: number, rateBasisPoints: number): VatSplit {
  if (!Number.isInteger(inclTax) || inclTax < 0)
    throw new RangeError('amount must be a non-negative integer');
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0) throw new RangeError('bad VAT rate');
  const exclTax = Math.round((inclTax * 10_000) / (10_000 + rateBasisPoints));
  return { exclTax, vat: inclTax - exclTax, inclTax };
}

export function formatReference(series: 'F' | 'AV', year: number, number: number): string {
  return `${series}-${year}-${String(number).padStart(6, '0')}`;
}

/** The calendar year of `date` in France (an invoice issued on 31 Dec 23:30 UTC+1 belongs to that year). */
export function parisYear(date: Date): number {
  return Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(date));
}

export function vatMention(rateBasisPoints: number): string {
  return rateBasisPoints === 0
    ? 'TVA non applicable, art. 293 B du CGI'
    : `TVA au taux de ${formatRate(rateBasisPoints)} incluse dans les prix`;
}

export function formatRate(rateBasisPoints: number): string {
  const percent = rateBasisPoints / 100;
  return `${String(percent).replace('.', ',')} %`;
}

type SellerConfig = Config['seller'];

function sellerOf(seller: SellerConfig): InvoiceDocument['seller'] {
  return {
    name: seller.name,
    legalForm: seller.legalForm,
    address: seller.address,
    siren: seller.siren,
    rcs: seller.rcs,
    vatNumber: seller.vatNumber,
    email: seller.email,
  };
}

export type InvoiceOrderFacts = {
  id: string;
  tierName: string;
  durationMinutes: number;
  expertName: string;
  amount: number;
  currency: string;
  customerName: string | null;
  customerEmail: string;
  paidAt: Date;
};

/** The fields a facture and an avoir share: who, what, and the totals of one line at one VAT rate. */
function documentCore(parts: {
  kind: InvoiceKind;
  reference: string;
  issuedAt: Date;
  seller: SellerConfig;
  customer: InvoiceDocument['customer'];
  orderId: string;
  description: string;
  inclTax: number;
  currency: string;
  vatRateBasisPoints: number;
}) {
  const split = splitVat(parts.inclTax, parts.vatRateBasisPoints);
  return {
    version: 1 as const,
    kind: parts.kind,
    reference: parts.reference,
    issuedAt: parts.issuedAt.toISOString(),
    seller: sellerOf(parts.seller),
    customer: parts.customer,
    orderId: parts.orderId,
    line: { description: parts.description, quantity: 1 as const, unitPriceExclTax: split.exclTax },
    currency: parts.currency,
    vatRateBasisPoints: parts.vatRateBasisPoints,
    totalExclTax: split.exclTax,
    vatAmount: split.vat,
    totalInclTax: split.inclTax,
  };
}

export function buildInvoiceDocument(
  seller: SellerConfig,
  order: InvoiceOrderFacts,
  reference: string,
  issuedAt: Date,
): InvoiceDocument {
  return {
    ...documentCore({
      kind: 'invoice',
      reference,
      issuedAt,
      seller,
      customer: { name: order.customerName, email: order.customerEmail },
      orderId: order.id,
      description: `${order.tierName} (${order.durationMinutes} min) avec ${order.expertName}`,
      inclTax: order.amount,
      currency: order.currency,
      vatRateBasisPoints: seller.vatRateBasisPoints,
    }),
    mentions: [
      vatMention(seller.vatRateBasisPoints),
      'Facture acquittée : payée par carte bancaire à la commande.',
      'Pas d’escompte pour paiement anticipé. Aucune pénalité de retard : la facture est réglée.',
    ],
    payment: { date: order.paidAt.toISOString(), method: 'Carte bancaire (Stripe)' },
    corrects: null,
    reason: null,
  };
}

export function buildCreditNoteDocument(
  seller: SellerConfig,
  invoice: InvoiceDocument,
  refund: { amount: number; reason: string; succeededAt: Date },
  reference: string,
  issuedAt: Date,
): InvoiceDocument {
  return {
    // The credit note applies the invoice's VAT rate (the rate of the sale it corrects).
    ...documentCore({
      kind: 'credit_note',
      reference,
      issuedAt,
      seller,
      customer: invoice.customer,
      orderId: invoice.orderId,
      description: `Remboursement : ${invoice.line.description}`,
      inclTax: refund.amount,
      currency: invoice.currency,
      vatRateBasisPoints: invoice.vatRateBasisPoints,
    }),
    mentions: [
      vatMention(invoice.vatRateBasisPoints),
      `Avoir sur la facture ${invoice.reference}, remboursé sur la carte utilisée pour le paiement.`,
    ],
    payment: { date: refund.succeededAt.toISOString(), method: 'Remboursement sur carte bancaire (Stripe)' },
    corrects: { reference: invoice.reference, issuedAt: invoice.issuedAt },
    reason: refund.reason,
  };
}
