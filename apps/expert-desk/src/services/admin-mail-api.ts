/**
 * The desk's admin calls for e-mails and order documents: the outbox list and "send again"
 * (/api/admin/emails), an order's factures and avoirs and their PDFs (/api/payments/order/:id/documents,
 * with the admin's JWT: same access rule as the order). Spread into the desk's ApiClient.
 */
import type {
  AdminEmailsResponse,
  MailStatus,
  OrderDocument,
  OrderDocumentsResponse,
  RetryEmailResponse,
} from '@lumira/shared';
import { type HttpClient, pathId } from '@lumira/web-kit';

export function createAdminMailApi({ request, requestBlob }: Pick<HttpClient, 'request' | 'requestBlob'>) {
  const documentsPath = (orderId: string) => `/api/payments/order/${pathId(orderId)}/documents`;
  return {
    adminEmails: (query: { status?: MailStatus; orderId?: string; limit?: number } = {}) =>
      request<AdminEmailsResponse>('/api/admin/emails', { query }),
    retryEmail: (emailId: string) =>
      request<RetryEmailResponse>(`/api/admin/emails/${pathId(emailId)}/retry`, { method: 'POST', body: {} }),
    orderDocuments: (orderId: string): Promise<OrderDocument[]> =>
      request<OrderDocumentsResponse>(documentsPath(orderId)).then((r) => r.documents),
    /** The PDF of a facture or avoir, with the admin's JWT. */
    orderDocumentPdf: (orderId: string, reference: string) =>
      requestBlob(`${documentsPath(orderId)}/${pathId(reference)}`),
  };
}
