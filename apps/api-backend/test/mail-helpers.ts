/**
 * Helpers for the e-mail tests: read the catcher through its Mailpit-compatible API (as a developer or
 * an e2e test would), wait for the outbox to be empty, pull links out of messages.
 */
import type { MailCatcherHandle } from '@lumira/mail-catcher';
import { normalizeSpaces } from '@lumira/shared';
import { sql } from 'kysely';
import type { Db } from '../src/data/db';
import { eventually } from './payments-helpers';

export type CatcherSummary = {
  ID: string;
  MessageID: string;
  Subject: string;
  To: { Address: string }[];
  Attachments: number;
};
export type CatcherMessage = CatcherSummary & {
  Text: string;
  HTML: string;
  Attachments: { PartID: string; FileName: string; ContentType: string }[];
};

export async function listCaught(catcher: MailCatcherHandle, to?: string): Promise<CatcherSummary[]> {
  const url = to
    ? `${catcher.httpUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}&limit=500`
    : `${catcher.httpUrl}/api/v1/messages?limit=500`;
  const body = (await (await fetch(url)).json()) as { messages: CatcherSummary[] };
  return body.messages;
}

export async function readCaught(catcher: MailCatcherHandle, id: string): Promise<CatcherMessage> {
  return (await (await fetch(`${catcher.httpUrl}/api/v1/message/${id}`)).json()) as CatcherMessage;
}

export async function attachmentOf(catcher: MailCatcherHandle, id: string, partId: string): Promise<Buffer> {
  const res = await fetch(`${catcher.httpUrl}/api/v1/message/${id}/part/${partId}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Waits until no e-mail is pending in the outbox (all sent or failed for good). */
export async function outboxSettled(db: Db, timeoutMs = 30_000): Promise<void> {
  await eventually(
    async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from mail_outbox where status = 'pending'`.execute(db))
          .rows[0]?.n,
      ),
    (n) => n === 0,
    timeoutMs,
  );
}

export async function outboxRows(db: Db, orderId: string) {
  return db
    .selectFrom('mail_outbox')
    .select(['kind', 'status', 'attempts', 'last_error'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
}

/** The first link of the plain-text body whose URL contains `needle`. */
export function linkIn(text: string, needle: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(needle));
  if (!link) throw new Error(`no link containing ${needle} in:\n${text}`);
  return link;
}

/** Subjects caught for one address, sorted (order of delivery is not part of the contract). */
export async function subjectsFor(catcher: MailCatcherHandle, to: string): Promise<string[]> {
  return (await listCaught(catcher, to)).map((m) => normalizeSpaces(m.Subject)).sort();
}
