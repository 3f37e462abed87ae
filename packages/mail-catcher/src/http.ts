/**
 * The catcher's web side: Mailpit's JSON API shapes plus a small page listing the messages, each
 * opened with its HTML (in a sandboxed frame), its text and its attachments.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CaughtMessage, matchesQuery, summaryOf } from './store';

type Controls = { clear(): void };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Access-Control-Allow-Origin': '*',
  });
  res.end(data);
}

function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}iframe{width:100%;height:40rem;border:1px solid #ccc}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head><body>${body}</body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(page);
}

function listing(messages: CaughtMessage[], start: number, limit: number) {
  const page = messages.slice(start, start + limit);
  return {
    total: messages.length,
    unread: messages.filter((m) => !m.Read).length,
    count: page.length,
    messages_count: messages.length,
    messages_unread: messages.filter((m) => !m.Read).length,
    start,
    tags: [],
    messages: page.map(summaryOf),
  };
}

function details(message: CaughtMessage) {
  const { raw: _raw, Attachments, Inline, ...rest } = message;
  const part = ({ content: _content, ...meta }: CaughtMessage['Attachments'][number]) => meta;
  return {
    ...rest,
    Tags: [],
    ListUnsubscribe: { Header: '', Links: [], Errors: '', HeaderPost: '' },
    Attachments: Attachments.map(part),
    Inline: Inline.map(part),
  };
}

function intParam(value: string | null, fallback: number): number {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export function createHttpHandler(all: () => CaughtMessage[], controls: Controls) {
  const find = (id: string) => {
    const messages = all();
    return id === 'latest' ? messages[0] : messages.find((m) => m.ID === id);
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://catcher');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const start = intParam(url.searchParams.get('start'), 0);
    const limit = intParam(url.searchParams.get('limit'), 50);

    if (method === 'GET' && path === '/api/v1/messages')
      return sendJson(res, 200, listing(all(), start, limit));
    if (method === 'GET' && path === '/api/v1/search') {
      const query = url.searchParams.get('query') ?? '';
      return sendJson(
        res,
        200,
        listing(
          all().filter((m) => matchesQuery(m, query)),
          start,
          limit,
        ),
      );
    }
    if (method === 'DELETE' && path === '/api/v1/messages') {
      controls.clear();
      return sendJson(res, 200, 'ok');
    }
    if (method === 'GET' && path === '/api/v1/info') {
      return sendJson(res, 200, { Version: 'lumira-mail-catcher', Messages: all().length });
    }
    const messageMatch = /^\/api\/v1\/message\/([^/]+)(?:\/(raw|part\/([^/]+)))?$/.exec(path);
    if (method === 'GET' && messageMatch) {
      const message = find(decodeURIComponent(messageMatch[1] ?? ''));
      if (!message) return sendJson(res, 404, { Error: 'message not found' });
      if (messageMatch[2] === 'raw') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end(message.raw);
      }
      if (messageMatch[3]) {
        const part = [...message.Attachments, ...message.Inline].find((a) => a.PartID === messageMatch[3]);
        if (!part) return sendJson(res, 404, { Error: 'part not found' });
        res.writeHead(200, {
          'Content-Type': part.ContentType,
          'Content-Disposition': `attachment; filename="${part.FileName.replace(/["\\\r\n]/g, '_')}"`,
        });
        return res.end(part.content);
      }
      if (messageMatch[1] !== 'latest') message.Read = true;
      return sendJson(res, 200, details(message));
    }
    if (method === 'GET' && path === '/') {
      const rows = all()
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.Created.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.To.map((a) => a.Address).join(', '))}</td><td><a href="/view/${m.ID}">${escapeHtml(m.Subject || '(sans objet)')}</a></td><td>${m.Attachments.length || ''}</td></tr>`,
        )
        .join('');
      return sendHtml(
        res,
        200,
        'Mail catcher',
        `<h1>Messages reçus (${all().length})</h1><p>API: <a href="/api/v1/messages">/api/v1/messages</a></p>
<table><thead><tr><th>Reçu (UTC)</th><th>À</th><th>Objet</th><th>Pièces jointes</th></tr></thead><tbody>${rows}</tbody></table>`,
      );
    }
    const viewMatch = /^\/view\/([^/]+)$/.exec(path);
    if (method === 'GET' && viewMatch) {
      const message = find(viewMatch[1] ?? '');
      if (!message)
        return sendHtml(res, 404, 'Introuvable', '<p>Message introuvable. <a href="/">Retour</a></p>');
      message.Read = true;
      const attachments = message.Attachments.map(
        (a) =>
          `<li><a href="/api/v1/message/${message.ID}/part/${a.PartID}">${escapeHtml(a.FileName)}</a> (${a.ContentType}, ${a.Size} octets)</li>`,
      ).join('');
      return sendHtml(
        res,
        200,
        message.Subject,
        `<p><a href="/">← Tous les messages</a></p><h1>${escapeHtml(message.Subject)}</h1>
<p>De : ${escapeHtml(message.From.Address)}<br>À : ${escapeHtml(message.To.map((a) => a.Address).join(', '))}<br>Date : ${escapeHtml(message.Date)}</p>
${attachments ? `<h2>Pièces jointes</h2><ul>${attachments}</ul>` : ''}
<h2>HTML</h2><iframe title="Contenu HTML" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(message.HTML)}"></iframe>
<h2>Texte</h2><pre>${escapeHtml(message.Text)}</pre>`,
      );
    }
    return sendJson(res, 404, { Error: 'not found' });
  };
}
