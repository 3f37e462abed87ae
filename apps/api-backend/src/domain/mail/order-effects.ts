/**
 * The order effects (`OrderEffects`): run by `transitionOrder` and `applyRefundOutcome` on the
 * transaction that changes the order, so an e-mail row / a facture exists if and only if the change
 * committed. Each e-mail's idempotency key is derived from our own ids (an order is confirmed once,
 * a refund announced once), so a replayed settlement never queues a second copy.
 */
import type { Config } from '../../config';
import { enqueueMail, enqueueMails, type NewMail } from '../../data/mail-outbox-repository';
import type { OrderEffects } from '../../data/order-notifier';
import { issueCreditNote, issueInvoice } from '../invoices/issue-invoice';

export function createOrderEffects(config: Pick<Config, 'seller'>): OrderEffects {
  return {
    async afterTransition(trx, { order, from, to }) {
      if (to === 'paid') {
        const invoice = await issueInvoice(trx, config.seller, order);
        const mails: NewMail[] = [];
        // A payment landing on a cancelled/expired order is refunded at once: no booking to confirm.
        if (from !== 'cancelled' && from !== 'expired') {
          mails.push({
            idempotencyKey: `order:${order.id}:confirmation`,
            kind: 'order_confirmation',
            recipient: order.customerEmail,
            orderId: order.id,
          });
        }
        mails.push({
          idempotencyKey: `order:${order.id}:receipt`,
          kind: 'order_receipt',
          recipient: order.customerEmail,
          orderId: order.id,
          payload: { invoiceId: invoice.id },
        });
        // One statement for both (decision 0086); the confirmation is still queued first.
        await enqueueMails(trx, mails);
      }
      if (to === 'in_session') {
        await enqueueMail(trx, {
          idempotencyKey: `order:${order.id}:session_started`,
          kind: 'session_started',
          recipient: order.customerEmail,
          orderId: order.id,
        });
      }
    },
    async afterRefundSucceeded(trx, { order, refund }) {
      const creditNote = await issueCreditNote(trx, config.seller, order, refund);
      await enqueueMail(trx, {
        idempotencyKey: `refund:${refund.id}:notice`,
        kind: 'refund_notice',
        recipient: order.customerEmail,
        orderId: order.id,
        payload: { refundId: refund.id, creditNoteId: creditNote?.id ?? null },
      });
    },
  };
}
