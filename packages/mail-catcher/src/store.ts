/**
 * The caught messages, in memory, newest first, shaped like Mailpit's API
 * (`/api/v1/messages` summaries and `/api/v1/message/:id` details).
 */
import { randomBytes } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';

export type MailAddress = { Name: string; Address: string };

export type CaughtAttachment = {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
  content: Buffer;
};

export type CaughtMessage = {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: MailAddress;
  To: MailAddress[];
  Cc: MailAddress[];
  Bcc: MailAddress[];
  ReplyTo: MailAddress[];
  ReturnPath: string;
  Subject: string;
  Date: string;
  Created: string;
  Text: string;
  HTML: string;
  Size: number;
  Attachments: CaughtAttachment[];
  Inline: CaughtAttachment[];
  raw: Buffer;
};

export type MessageSummary = Omit<
  CaughtMessage,
  'Text' | 'HTML' | 'Attachments' | 'Inline' | 'raw' | 'ReturnPath' | 'Date'
> & {
  Tags: string[];
  Attachments: number;
  Snippet: string;
};

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value.map((a) => ({ Name: a.name ?? '', Address: a.address ?? '' })));
}

export function newMessageId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

export function toCaughtMessage(parsed: ParsedMail, raw: Buffer, returnPath: string): CaughtMessage {
  const attachments: CaughtAttachment[] = [];
  const inline: CaughtAttachment[] = [];
  parsed.attachments.forEach((a, index) => {
    const part: CaughtAttachment = {
      PartID: String(index + 2),
      FileName: a.filename ?? '',
      ContentType: a.contentType,
      ContentID: a.contentId?.replace(/^<|>$/g, '') ?? '',
      Size: a.size,
      content: a.content,
    };
    (a.contentDisposition === 'inline' && a.contentId ? inline : attachments).push(part);
  });
  const now = new Date().toISOString();
  return {
    ID: newMessageId(),
    MessageID: (parsed.messageId ?? '').replace(/^<|>$/g, ''),
    Read: false,
    From: addresses(parsed.from)[0] ?? { Name: '', Address: '' },
    To: addresses(parsed.to),
    Cc: addresses(parsed.cc),
    Bcc: addresses(parsed.bcc),
    ReplyTo: addresses(parsed.replyTo),
    ReturnPath: returnPath,
    Subject: parsed.subject ?? '',
    Date: (parsed.date ?? new Date()).toISOString(),
    Created: now,
    Text: parsed.text ?? '',
    HTML: typeof parsed.html === 'string' ? parsed.html : '',
    Size: raw.length,
    Attachments: attachments,
    Inline: inline,
    raw,
  };
}

export function summaryOf(message: CaughtMessage): MessageSummary {
  const {
    Text,
    HTML,
    Attachments,
    Inline: _inline,
    raw: _raw,
    ReturnPath: _rp,
    Date: _date,
    ...rest
  } = message;
  const text = Text || HTML.replace(/<[^>]+>/g, ' ');
  return {
    ...rest,
    Tags: [],
    Attachments: Attachments.length,
    Snippet: text.replace(/\s+/g, ' ').trim().slice(0, 250),
  };
}

/** Mailpit's search: `to:`, `from:`, `subject:` (quoted values allowed) and plain words, all ANDed. */
export function matchesQuery(message: CaughtMessage, query: string): boolean {
  const terms = [...query.matchAll(/(\w+:)?(?:"([^"]*)"|(\S+))/g)].map((m) => ({
    field: m[1]?.slice(0, -1).toLowerCase() ?? null,
    value: (m[2] ?? m[3] ?? '').toLowerCase(),
  }));
  const joined = (list: MailAddress[]) => list.map((a) => `${a.Name} ${a.Address}`.toLowerCase()).join(' ');
  return terms.every(({ field, value }) => {
    if (field === 'to') return joined([...message.To, ...message.Cc, ...message.Bcc]).includes(value);
    if (field === 'from') return joined([message.From]).includes(value);
    if (field === 'subject') return message.Subject.toLowerCase().includes(value);
    return `${message.Subject} ${message.Text} ${joined([message.From, ...message.To])}`
      .toLowerCase()
      .includes(value);
  });
}
