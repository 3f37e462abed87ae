import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailCatcherHandle, startMailCatcher } from '../src/index';

let catcher: MailCatcherHandle;
beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
});
afterAll(() => catcher.close());

function transport() {
  return nodemailer.createTransport(catcher.smtpUrl);
}

describe('mail catcher (Mailpit API shapes)', () => {
  it('catches a message with its text, HTML and attachment and serves them like Mailpit', async () => {
    await transport().sendMail({
      from: 'Lumira <noreply@lumira.test>',
      to: 'Alice <alice@example.test>',
      subject: 'Bonjour é',
      text: 'Texte brut',
      html: '<p>Texte <b>HTML</b></p>',
      messageId: '<one@lumira.test>',
      attachments: [
        { filename: 'facture.pdf', content: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' },
      ],
    });
    const list = (await (await fetch(`${catcher.httpUrl}/api/v1/messages`)).json()) as {
      total: number;
      messages: {
        ID: string;
        Subject: string;
        To: { Address: string }[];
        Attachments: number;
        MessageID: string;
      }[];
    };
    expect(list.total).toBe(1);
    const [summary] = list.messages;
    expect(summary).toMatchObject({ Subject: 'Bonjour é', Attachments: 1, MessageID: 'one@lumira.test' });
    expect(summary?.To[0]?.Address).toBe('alice@example.test');

    const message = (await (await fetch(`${catcher.httpUrl}/api/v1/message/${summary?.ID}`)).json()) as {
      Text: string;
      HTML: string;
      Attachments: { PartID: string; FileName: string }[];
    };
    expect(message.Text.trim()).toBe('Texte brut');
    expect(message.HTML).toContain('<b>HTML</b>');
    expect(message.Attachments[0]?.FileName).toBe('facture.pdf');
    const part = await fetch(
      `${catcher.httpUrl}/api/v1/message/${summary?.ID}/part/${message.Attachments[0]?.PartID}`,
    );
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('%PDF-1.4 test');

    const search = (await (
      await fetch(`${catcher.httpUrl}/api/v1/search?query=to:alice@example.test`)
    ).json()) as { total: number };
    expect(search.total).toBe(1);
    const none = (await (
      await fetch(`${catcher.httpUrl}/api/v1/search?query=to:bob@example.test`)
    ).json()) as { total: number };
    expect(none.total).toBe(0);
    const page = await (await fetch(`${catcher.httpUrl}/`)).text();
    expect(page).toContain('Bonjour é');
    await fetch(`${catcher.httpUrl}/api/v1/messages`, { method: 'DELETE' });
    expect(catcher.messages()).toHaveLength(0);
  });

  it('refuses temporarily on demand, then accepts', async () => {
    catcher.refuseNext(1);
    await expect(
      transport().sendMail({ from: 'a@lumira.test', to: 'b@example.test', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 451 });
    await transport().sendMail({ from: 'a@lumira.test', to: 'b@example.test', subject: 'y', text: 'y' });
    expect(catcher.messages().map((m) => m.Subject)).toEqual(['y']);
    expect(catcher.stats().refused).toBe(1);
    catcher.clear();
  });

  it('stores nothing when the sender goes away before the answer to DATA', async () => {
    const held = catcher.holdNext();
    // A raw SMTP dialogue, so the test can drop the connection right after the message's final dot.
    const socket = net.connect(catcher.smtpPort, '127.0.0.1');
    const lines: string[] = [];
    socket.on('data', (chunk) => lines.push(chunk.toString()));
    const waitFor = async (code: string) => {
      while (
        !lines
          .join('')
          .split('\r\n')
          .some((l) => l.startsWith(code))
      )
        await delay(10);
      lines.length = 0;
    };
    await waitFor('220');
    socket.write('EHLO test\r\n');
    await waitFor('250 ');
    socket.write('MAIL FROM:<a@lumira.test>\r\n');
    await waitFor('250');
    socket.write('RCPT TO:<b@example.test>\r\n');
    await waitFor('250');
    socket.write('DATA\r\n');
    await waitFor('354');
    socket.write('Subject: held\r\nMessage-ID: <held@lumira.test>\r\n\r\nbody\r\n.\r\n');
    const message = await held;
    expect(message.message.Subject).toBe('held');
    socket.destroy();
    while (catcher.stats().abandoned === 0) await delay(10);
    expect(catcher.messages()).toHaveLength(0);
  });
});
