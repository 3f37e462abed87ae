/** The admin order page's factures and avoirs: each one downloadable as PDF with the admin's JWT. */
import { formatMoney, type OrderDocument } from '@lumira/shared';
import { formatDateTimeShort, useAction, useLoad } from '@lumira/web-kit';
import { useCallback } from 'react';
import { useApi } from '../../auth/auth-context';
import { ErrorBanner } from '../../components/error-banner';

/** Saves a blob under `fileName` through a temporary link (the browser's own download). */
function saveBlob(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function AdminOrderDocuments({ orderId }: { orderId: string }) {
  const api = useApi();
  const fetchDocuments = useCallback(() => api.orderDocuments(orderId), [api, orderId]);
  const { data, message, reload } = useLoad(fetchDocuments, [fetchDocuments]);
  const download = useAction();

  const save = (doc: OrderDocument) =>
    download.run(async () => saveBlob(await api.orderDocumentPdf(orderId, doc.reference), doc.fileName));

  return (
    <section className="panel" aria-labelledby="documents-title">
      <h2 id="documents-title">Factures et avoirs</h2>
      <ErrorBanner message={message ?? download.error} onRetry={message ? () => void reload() : undefined} />
      {!data && !message && <p aria-busy="true">Chargement…</p>}
      {data && data.length === 0 && <p className="muted">Aucune facture : la commande n’est pas payée.</p>}
      {data && data.length > 0 && (
        <ul className="documents" data-testid="order-documents">
          {data.map((doc) => (
            <li key={doc.reference}>
              <button
                type="button"
                className="button button-small"
                disabled={download.busy}
                onClick={() => void save(doc)}
                data-testid="download-document"
              >
                {doc.kind === 'invoice' ? 'Facture' : 'Avoir'} {doc.reference} (PDF)
              </button>{' '}
              <span className="muted">
                {formatMoney({ amount: doc.total.amount, currency: doc.total.currency as 'EUR' })}, émis le{' '}
                {formatDateTimeShort(doc.issuedAt)}
                {doc.corrects ? ` · corrige ${doc.corrects}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
