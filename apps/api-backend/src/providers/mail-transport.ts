/**
 * The e-mail port and its SMTP adapter (nodemailer). The adapter gets its URL as a constructor option;
 * a fake implementation makes the worker's branches testable without a server.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Full Message-ID header value, `<local@domain>`: the same for every attempt of one e-mail. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(options: { url: string }) {
    this.transporter = nodemailer.createTransport({
      url: options.url,
      // A hung server must not hold the outbox row lock for long, nor outlast the database's
      // idle-in-transaction timeout (DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, 30 s by default).
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 15_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers ?? {},
      attachments: mail.attachments ?? [],
    });
  }

  close(): void {
    this.transporter.close();
  }
}

/** An SMTP error in a form safe for logs and the outbox row: codes and text, e-mail addresses masked. */
export function describeMailError(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const parts = [e.code, e.responseCode ? String(e.responseCode) : undefined, e.message ?? String(error)];
  return parts
    .filter(Boolean)
    .join(' ')
    .replace(/[^\s<>@"']+@[^\s<>@"']+/g, '<adresse>')
    .slice(0, 500);
}
