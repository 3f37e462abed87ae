/**
 * Factures and avoirs (0041). Numbers are allocated from `invoice_counters` in the caller's
 * transaction: the counter row is locked until it commits (no duplicate) and rolled back with it (no
 * gap). Documents are immutable (a trigger refuses UPDATE and DELETE).
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type AnyDb = Kysely<Database>;

export type InvoiceSeries = 'F' | 'AV';

export type StoredInvoice = {
  id: string;
  kind: 'invoice' | 'credit_note';
  series: InvoiceSeries;
  year: number;
  number: number;
  reference: string;
  orderId: string;
  refundId: string | null;
  correctsId: string | null;
  total: number;
  currency: string;
  issuedAt: Date;
  document: unknown;
};

type Row = Awaited<ReturnType<typeof selectInvoices>>[number];
function selectInvoices(db: AnyDb) {
  return db.selectFrom('invoices').selectAll().execute();
}

function toInvoice(r: Row): StoredInvoice {
  return {
    id: String(r.id),
    kind: r.kind,
    series: r.series as InvoiceSeries,
    year: r.year,
    number: r.number,
    reference: r.reference,
    orderId: String(r.order_id),
    refundId: r.refund_id ? String(r.refund_id) : null,
    correctsId: r.corrects_id ? String(r.corrects_id) : null,
    total: r.total,
    currency: String(r.currency).trim(),
    issuedAt: r.issued_at,
    document: r.document,
  };
}

/** The next number of `series` for `year` (1, 2, 3, ...), locked until the transaction ends. */
export async function allocateInvoiceNumber(
  trx: AnyDb,
  series: InvoiceSeries,
  year: number,
): Promise<number> {
  const row = await trx
    .insertInto('invoice_counters')
    .values({ series, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['series', 'year']).doUpdateSet((eb) => ({
        last_number: eb('invoice_counters.last_number', '+', 1),
      })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export type NewInvoice = Omit<StoredInvoice, 'document'> & { document: unknown };

export async function insertInvoice(trx: AnyDb, invoice: NewInvoice): Promise<StoredInvoice> {
  const row = await trx
    .insertInto('invoices')
    .values({
      id: invoice.id,
      kind: invoice.kind,
      series: invoice.series,
      year: invoice.year,
      number: invoice.number,
      reference: invoice.reference,
      order_id: invoice.orderId,
      refund_id: invoice.refundId,
      corrects_id: invoice.correctsId,
      total: invoice.total,
      currency: invoice.currency,
      issued_at: invoice.issuedAt,
      document: JSON.stringify(invoice.document),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInvoice(row);
}

/** The order's documents, oldest first (its facture, then its avoirs). */
export async function listInvoicesOfOrder(db: AnyDb, orderId: string): Promise<StoredInvoice[]> {
  const rows = await db
    .selectFrom('invoices')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('issued_at')
    .orderBy('series', 'desc')
    .orderBy('number')
    .execute();
  return rows.map(toInvoice);
}

export async function findInvoiceOfRefund(db: AnyDb, refundId: string): Promise<StoredInvoice | null> {
  const row = await db
    .selectFrom('invoices')
    .selectAll()
    .where('refund_id', '=', refundId)
    .executeTakeFirst();
  return row ? toInvoice(row) : null;
}

/** Orders that were paid but have no facture (paid before invoicing existed), oldest payment first. */
export async function listPaidOrdersWithoutInvoice(db: AnyDb, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('orders.id')
    .where('orders.paid_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invoices')
            .select('invoices.id')
            .whereRef('invoices.order_id', '=', 'orders.id')
            .where('invoices.kind', '=', 'invoice'),
        ),
      ),
    )
    .orderBy('orders.paid_at')
    .limit(limit)
    .execute();
  return rows.map((r) => String(r.id));
}

/** Succeeded refunds with no avoir, oldest first. */
export async function listSucceededRefundsWithoutCreditNote(db: AnyDb, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('refunds')
    .select('refunds.id')
    .where('refunds.status', '=', 'succeeded')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invoices').select('invoices.id').whereRef('invoices.refund_id', '=', 'refunds.id'),
        ),
      ),
    )
    .orderBy('refunds.id')
    .limit(limit)
    .execute();
  return rows.map((r) => String(r.id));
}
