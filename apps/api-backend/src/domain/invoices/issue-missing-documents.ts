/**
 * Every paid order has its facture and every succeeded refund its avoir, including those of orders
 * paid before invoicing existed: run once when an instance starts, it issues the missing documents
 * (dated today, numbered in sequence like any other; the facture states the real payment date). No
 * e-mail is sent for them: they appear with the order (confirmation page, "Mes commandes", desk).
 * Each document is issued in its own transaction; two instances doing this at once cannot issue one
 * twice (unique index per order / refund: the loser's transaction, number included, rolls back).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import {
  listPaidOrdersWithoutInvoice,
  listSucceededRefundsWithoutCreditNote,
} from '../../data/invoices-repository';
import { findOrderById } from '../../data/orders-repository';
import { findRefundById } from '../../data/refunds-repository';
import type { Database } from '../../data/schema';
import type { Logger } from '../../observability/logger';
import { issueCreditNote, issueInvoice } from './issue-invoice';

const BATCH = 200;

export async function issueMissingDocuments(ctx: {
  db: Kysely<Database>;
  config: Pick<Config, 'seller'>;
  logger: Logger;
}): Promise<{ invoices: number; creditNotes: number }> {
  const { db, config, logger } = ctx;
  const issued = { invoices: 0, creditNotes: 0 };
  const failed = new Set<string>();
  const run = async (id: string, issue: () => Promise<boolean>, key: 'invoices' | 'creditNotes') => {
    try {
      if (await issue()) issued[key]++;
      else failed.add(id);
    } catch (error) {
      failed.add(id);
      logger.warn({ err: error, id }, 'issuing a missing facture/avoir failed (retried at next start)');
    }
  };
  for (;;) {
    const orderIds = (await listPaidOrdersWithoutInvoice(db, BATCH)).filter((id) => !failed.has(id));
    if (orderIds.length === 0) break;
    for (const orderId of orderIds)
      await run(
        orderId,
        () =>
          db.transaction().execute(async (trx) => {
            const order = await findOrderById(trx, orderId);
            if (!order) return false;
            await issueInvoice(trx, config.seller, order);
            return true;
          }),
        'invoices',
      );
  }
  for (;;) {
    const refundIds = (await listSucceededRefundsWithoutCreditNote(db, BATCH)).filter(
      (id) => !failed.has(id),
    );
    if (refundIds.length === 0) break;
    for (const refundId of refundIds)
      await run(
        refundId,
        () =>
          db.transaction().execute(async (trx) => {
            const refund = await findRefundById(trx, refundId);
            const order = refund ? await findOrderById(trx, refund.orderId) : null;
            if (!refund || !order) return false;
            return (await issueCreditNote(trx, config.seller, order, refund)) !== null;
          }),
        'creditNotes',
      );
  }
  if (issued.invoices + issued.creditNotes > 0)
    logger.info(issued, 'issued the missing factures and avoirs of earlier orders');
  return issued;
}
