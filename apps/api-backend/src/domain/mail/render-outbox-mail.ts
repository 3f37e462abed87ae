/**
 * Turns an outbox row into the message to send, from the current database state, inside the worker's
 * transaction. Link tokens are made here (order links: signed, expiring; account links: single-use rows
 * created in this transaction), so no token is ever stored in clear or written to a log.
 */
import { type Currency, formatMoney, money } from '@lumira/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import { createAccountToken } from '../../data/account-tokens-repository';
import { findExpertById } from '../../data/experts-repository';
import { listInvoicesOfOrder } from '../../data/invoices-repository';
import type { OutboxMail } from '../../data/mail-outbox-repository';
import { findOrderById } from '../../data/orders-repository';
import { findRefundById } from '../../data/refunds-repository';
import type { Database } from '../../data/schema';
import { findUserById } from '../../data/users-repository';
import type { InvoiceDocument } from '../invoices/invoice-document';
import { renderInvoicePdf } from '../invoices/render-invoice-pdf';
import type { Order } from '../orders/order';
import { createOrderLinkToken } from '../orders/order-link-token';
import { refundReasonCopy } from '../orders/refund-reason-copy';
import { type MailContent, type RenderedMail, renderMail } from './mail-layout';
import {
  emailVerificationMail,
  type OrderFacts,
  type OrderLinks,
  orderConfirmationMail,
  orderReceiptMail,
  passwordResetMail,
  refundNoticeMail,
  registrationAttemptMail,
  sessionStartedMail,
} from './mail-templates';

export type MailRenderConfig = Pick<Config, 'publicUrl' | 'orderLinkTtlSeconds' | 'seller'> & {
  jwt: Pick<Config['jwt'], 'secret'>;
};

export const EMAIL_VERIFICATION_TTL_SECONDS = 48 * 3600;
export const PASSWORD_RESET_TTL_SECONDS = 3600;

const PARIS_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'long',
  timeStyle: 'short',
});

export function formatParisDateTime(date: Date): string {
  return PARIS_DATE_TIME.format(date).replace(/\u202f/g, ' ');
}

/** A permanent delivery problem (the data behind the e-mail is gone): not retried. */
export class UnsendableMailError extends Error {
  override readonly name = 'UnsendableMailError';
}

export function legalLinks(publicUrl: string) {
  return [
    { label: 'Conditions générales de vente', url: `${publicUrl}/cgv` },
    { label: 'Mentions légales', url: `${publicUrl}/mentions-legales` },
    { label: 'Confidentialité', url: `${publicUrl}/confidentialite` },
  ];
}

function finish(
  config: MailRenderConfig,
  content: MailContent,
  attachments: RenderedMail['attachments'] = [],
) {
  const rendered = renderMail(content, {
    sellerName: config.seller.name,
    sellerAddress: config.seller.address,
    contactEmail: config.seller.email,
    links: legalLinks(config.publicUrl),
  });
  return { ...rendered, attachments };
}

async function orderFacts(trx: Kysely<Database>, order: Order): Promise<OrderFacts> {
  const expert = await findExpertById(trx, order.expertId);
  return {
    orderId: order.id,
    customerName: order.customerName,
    tierName: order.tierName,
    durationMinutes: order.durationMinutes,
    expertName: expert?.name ?? 'votre expert',
    amount: formatMoney(order.amount),
    paidAt: order.paidAt ? formatParisDateTime(order.paidAt) : null,
  };
}

export function orderLinks(config: MailRenderConfig, orderId: string, now: Date = new Date()): OrderLinks {
  const expiresAt = new Date(now.getTime() + config.orderLinkTtlSeconds * 1000);
  const token = createOrderLinkToken(config.jwt.secret, orderId, expiresAt);
  const query = new URLSearchParams({ order_id: orderId, token });
  return {
    followUrl: `${config.publicUrl}/confirmation?${query.toString()}`,
    roomUrl: `${config.publicUrl}/seance/${orderId}?${new URLSearchParams({ token }).toString()}`,
    validUntil: formatParisDateTime(expiresAt),
  };
}

async function pdfAttachment(document: InvoiceDocument) {
  return {
    filename: `${document.kind === 'invoice' ? 'facture' : 'avoir'}-${document.reference}.pdf`,
    content: await renderInvoicePdf(document),
    contentType: 'application/pdf',
  };
}

export async function renderOutboxMail(
  trx: Kysely<Database>,
  config: MailRenderConfig,
  mail: OutboxMail,
): Promise<RenderedMail> {
  if (mail.kind === 'registration_attempt') {
    const user = mail.userId ? await findUserById(trx, mail.userId) : null;
    if (!user) throw new UnsendableMailError('user not found');
    return finish(
      config,
      registrationAttemptMail(user.name, {
        loginUrl: `${config.publicUrl}/compte`,
        resetUrl: `${config.publicUrl}/mot-de-passe/oublie`,
      }),
    );
  }
  if (mail.kind === 'email_verification' || mail.kind === 'password_reset') {
    const user = mail.userId ? await findUserById(trx, mail.userId) : null;
    if (!user) throw new UnsendableMailError('user not found');
    const isVerification = mail.kind === 'email_verification';
    const ttl = isVerification ? EMAIL_VERIFICATION_TTL_SECONDS : PASSWORD_RESET_TTL_SECONDS;
    const expiresAt = new Date(Date.now() + ttl * 1000);
    const token = await createAccountToken(trx, {
      userId: user.id,
      purpose: isVerification ? 'verify_email' : 'reset_password',
      email: mail.recipient,
      expiresAt,
    });
    const path = isVerification ? '/compte/verification' : '/mot-de-passe/nouveau';
    const url = `${config.publicUrl}${path}?${new URLSearchParams({ token }).toString()}`;
    const validUntil = formatParisDateTime(expiresAt);
    return finish(
      config,
      isVerification
        ? emailVerificationMail(user.name, url, validUntil)
        : passwordResetMail(user.name, url, validUntil),
    );
  }

  const order = mail.orderId ? await findOrderById(trx, mail.orderId) : null;
  if (!order) throw new UnsendableMailError('order not found');
  const facts = await orderFacts(trx, order);
  const links = orderLinks(config, order.id);
  const documents = await listInvoicesOfOrder(trx, order.id);

  switch (mail.kind) {
    case 'order_confirmation':
      return finish(config, orderConfirmationMail(facts, links));
    case 'session_started':
      return finish(config, sessionStartedMail(facts, links));
    case 'order_receipt': {
      const invoice = documents.find((d) => d.kind === 'invoice');
      if (!invoice) throw new UnsendableMailError('invoice not found');
      const document = invoice.document as InvoiceDocument;
      return finish(
        config,
        orderReceiptMail(
          facts,
          { reference: invoice.reference, method: document.payment?.method ?? 'Carte bancaire' },
          links,
        ),
        [await pdfAttachment(document)],
      );
    }
    case 'refund_notice': {
      const refund = await findRefundById(trx, String(mail.payload.refundId ?? ''));
      if (!refund) throw new UnsendableMailError('refund not found');
      const creditNote = documents.find((d) => d.refundId === refund.id);
      return finish(
        config,
        refundNoticeMail(
          facts,
          {
            amount: formatMoney(money(refund.amount.amount, refund.amount.currency as Currency)),
            reason: refundReasonCopy(refund.reason),
            creditNoteReference: creditNote?.reference ?? null,
          },
          links,
        ),
        creditNote ? [await pdfAttachment(creditNote.document as InvoiceDocument)] : [],
      );
    }
  }
  throw new UnsendableMailError(`unknown e-mail kind ${mail.kind}`);
}
