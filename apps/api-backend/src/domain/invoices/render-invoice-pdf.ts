/**
 * Renders a stored facture / avoir to PDF with pdfkit, from its frozen document only: the same
 * document gives the same bytes (the PDF's dates and file id come from the issue date, not the clock).
 * Built-in Helvetica (WinAnsi: French accents and € are covered; narrow no-break spaces are mapped to
 * no-break spaces). pdfkit (and its font tables) is loaded on the first rendering, not at start: most
 * processes never render a PDF between restarts, and the module costs several MB of heap.
 */
import type PDFKitDocument from 'pdfkit';
import type { InvoiceDocument } from './invoice-document';
import { formatRate } from './invoice-document';

const PARIS_DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

export function formatDocumentDate(iso: string): string {
  return PARIS_DATE.format(new Date(iso));
}

/** "79,00 €" with WinAnsi-safe spaces. */
export function formatAmount(minor: number, currency: string): string {
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(3, '0');
  const units = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const symbol = currency === 'EUR' ? '€' : currency;
  return `${negative ? '-' : ''}${units},${digits.slice(-2)}\u00a0${symbol}`;
}

function pdfText(text: string): string {
  return text.replace(/\u202f/g, '\u00a0').replace(/[’‘]/g, "'");
}

let pdfkit: Promise<typeof PDFKitDocument> | undefined;

export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  pdfkit ??= import('pdfkit').then((m) => m.default);
  const PDFDocument = await pdfkit;
  const title = doc.kind === 'invoice' ? `Facture ${doc.reference}` : `Avoir ${doc.reference}`;
  const issued = new Date(doc.issuedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: title,
      Author: doc.seller.name,
      Subject: title,
      Creator: 'Lumira Oracle',
      Producer: 'Lumira Oracle',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const text = (value: string, options?: PDFKit.Mixins.TextOptions) => pdf.text(pdfText(value), options);
  const money = (minor: number) => formatAmount(minor, doc.currency);

  // Seller
  pdf.font('Helvetica-Bold').fontSize(16);
  text(doc.seller.name);
  pdf.font('Helvetica').fontSize(9);
  text(doc.seller.legalForm);
  text(doc.seller.address);
  text(`SIREN ${doc.seller.siren} - ${doc.seller.rcs}`);
  if (doc.seller.vatNumber) text(`TVA intracommunautaire : ${doc.seller.vatNumber}`);
  text(doc.seller.email);
  pdf.moveDown(1.5);

  // Title and references
  pdf.font('Helvetica-Bold').fontSize(18);
  text(doc.kind === 'invoice' ? `FACTURE N° ${doc.reference}` : `AVOIR N° ${doc.reference}`);
  pdf.font('Helvetica').fontSize(10);
  text(`Date d'émission : ${formatDocumentDate(doc.issuedAt)}`);
  text(`Commande : ${doc.orderId}`);
  if (doc.corrects) {
    text(
      `Avoir se rapportant à la facture N° ${doc.corrects.reference} du ${formatDocumentDate(doc.corrects.issuedAt)}`,
    );
  }
  if (doc.reason) text(`Motif : ${doc.reason}`);
  pdf.moveDown();

  // Customer
  pdf.font('Helvetica-Bold').fontSize(10);
  text('Client');
  pdf.font('Helvetica');
  if (doc.customer.name) text(doc.customer.name);
  text(doc.customer.email);
  pdf.moveDown(1.5);

  // Line table
  const left = 50;
  const columns = [left, 300, 360, 450];
  const row = (cells: string[], bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    cells.forEach((cell, index) => {
      const x = columns[index] ?? left;
      const width = (columns[index + 1] ?? 545) - x - 8;
      pdf.text(pdfText(cell), x, y, { width, align: index === 0 ? 'left' : 'right' });
    });
    pdf.x = left;
    pdf.moveDown(0.6);
  };
  row(['Désignation', 'Quantité', 'Prix unitaire HT', 'Total HT'], true);
  pdf.moveTo(left, pdf.y).lineTo(545, pdf.y).stroke();
  pdf.moveDown(0.4);
  row([
    doc.line.description,
    String(doc.line.quantity),
    money(doc.line.unitPriceExclTax),
    money(doc.totalExclTax),
  ]);
  pdf.moveTo(left, pdf.y).lineTo(545, pdf.y).stroke();
  pdf.moveDown(0.6);

  // Totals
  const total = (label: string, value: string, bold = false) => row(['', '', label, value], bold);
  total('Total HT', money(doc.totalExclTax));
  total(
    doc.vatRateBasisPoints === 0 ? 'TVA' : `TVA ${formatRate(doc.vatRateBasisPoints)}`,
    money(doc.vatAmount),
  );
  total(doc.kind === 'invoice' ? 'Total TTC' : 'Total remboursé TTC', money(doc.totalInclTax), true);
  pdf.x = left;
  pdf.moveDown();

  if (doc.payment) {
    pdf.font('Helvetica').fontSize(10);
    text(
      `${doc.kind === 'invoice' ? 'Payée le' : 'Remboursement du'} ${formatDocumentDate(doc.payment.date)} - ${doc.payment.method}`,
    );
    pdf.moveDown();
  }
  pdf.fontSize(9);
  for (const mention of doc.mentions) text(mention);

  pdf.end();
  return done;
}
