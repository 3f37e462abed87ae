/**
 * One source, two renderings: an e-mail is a list of blocks rendered both to accessible HTML (lang="fr",
 * one column, real text, links whose text says where they go, contrast above 4.5:1, no image needed)
 * and to plain text. Every value is escaped in HTML.
 */

export type MailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: readonly (readonly [label: string, value: string])[] }
  | { kind: 'action'; label: string; url: string }
  | { kind: 'note'; text: string };

export type MailContent = {
  subject: string;
  /** Shown by mail clients next to the subject. */
  preheader: string;
  heading: string;
  blocks: readonly MailBlock[];
};

export type MailFooter = {
  sellerName: string;
  sellerAddress: string;
  contactEmail: string;
  links: readonly { label: string; url: string }[];
};

export type RenderedMail = {
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
};

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const INK = '#1f1b2e';
const ACCENT = '#4b2a8c';

function blockHtml(block: MailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:${INK}">${escapeHtml(block.text)}</p>`;
    case 'note':
      return `<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:#4a4560">${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 20px;width:100%">${block.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;font-weight:600;padding:6px 12px 6px 0;font-size:15px;color:${INK};vertical-align:top">${escapeHtml(label)}</th><td style="padding:6px 0;font-size:15px;color:${INK}">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'action':
      return `<p style="margin:0 0 20px"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:${ACCENT};color:#ffffff;text-decoration:none;font-weight:600;font-size:16px;padding:12px 20px;border-radius:6px">${escapeHtml(block.label)}</a></p>`;
  }
}

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case 'paragraph':
    case 'note':
      return block.text;
    case 'facts':
      return block.rows.map(([label, value]) => `${label} : ${value}`).join('\n');
    case 'action':
      return `${block.label} :\n${block.url}`;
  }
}

export function renderMail(content: MailContent, footer: MailFooter): Omit<RenderedMail, 'attachments'> {
  const footerHtml = `<hr style="border:none;border-top:1px solid #ddd;margin:28px 0 16px">
<p style="margin:0 0 8px;font-size:13px;line-height:1.5;color:#4a4560">${escapeHtml(footer.sellerName)}, ${escapeHtml(footer.sellerAddress)}. Une question ? Écrivez-nous à <a href="mailto:${escapeHtml(footer.contactEmail)}" style="color:${ACCENT}">${escapeHtml(footer.contactEmail)}</a>.</p>
<p style="margin:0;font-size:13px;line-height:1.5;color:#4a4560">${footer.links
    .map((l) => `<a href="${escapeHtml(l.url)}" style="color:${ACCENT}">${escapeHtml(l.label)}</a>`)
    .join(' · ')}</p>`;
  const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f2f8">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preheader)}</div>
<div role="article" aria-label="${escapeHtml(content.subject)}" lang="fr" style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif">
<p style="margin:0 0 24px;font-size:14px;font-weight:700;letter-spacing:.08em;color:${ACCENT}">LUMIRA ORACLE</p>
<h1 style="margin:0 0 20px;font-size:24px;line-height:1.3;color:${INK}">${escapeHtml(content.heading)}</h1>
${content.blocks.map(blockHtml).join('\n')}
${footerHtml}
</div>
</body>
</html>`;
  const text = [
    content.heading,
    '',
    ...content.blocks.flatMap((b) => [blockText(b), '']),
    '--',
    `${footer.sellerName}, ${footer.sellerAddress}`,
    `Contact : ${footer.contactEmail}`,
    ...footer.links.map((l) => `${l.label} : ${l.url}`),
    '',
  ].join('\n');
  return { subject: content.subject, html, text };
}
