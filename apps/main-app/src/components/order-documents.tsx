/** The order's facture and avoirs, each downloadable as PDF (same access as the order: JWT or token). */
import { formatMoney, type OrderDocument } from '@lumira/shared';
import { formatDateTimeLong, useLoad } from '@lumira/web-kit';
import { useState } from 'react';
import { api } from '../services/api';
import { ErrorNotice } from './error-notice';

export function OrderDocuments({ orderId, accessToken }: { orderId: string; accessToken?: string | null }) {
  const documents = useLoad(() => api.listOrderDocuments(orderId, accessToken), [orderId, accessToken]);
  const [error, setError] = useState<unknown>(null);
  const list = documents.data?.documents ?? [];
  if (list.length === 0) return null;

  const download = async (doc: OrderDocument) => {
    setError(null);
    try {
      const blob = await api.fetchOrderDocument(orderId, doc.reference, accessToken);
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = doc.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="order-documents" aria-labelledby={`documents-${orderId}`}>
      <h3 id={`documents-${orderId}`}>Factures et avoirs</h3>
      <ul>
        {list.map((doc) => (
          <li key={doc.reference}>
            <button
              type="button"
              className="button button-ghost"
              onClick={() => void download(doc)}
              data-testid="download-document"
            >
              {doc.kind === 'invoice' ? 'Télécharger la facture' : 'Télécharger l’avoir'} {doc.reference}{' '}
              (PDF)
            </button>{' '}
            <span className="field-hint">
              {formatMoney({ amount: doc.total.amount, currency: doc.total.currency as 'EUR' })}, émis le{' '}
              {formatDateTimeLong(doc.issuedAt)}
            </span>
          </li>
        ))}
      </ul>
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
