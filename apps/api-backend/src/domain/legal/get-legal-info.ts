/**
 * What the legal pages (CGV, mentions légales, confidentialité) need to know about the seller, from the
 * configuration (the same values printed on factures). Public.
 */
import type { LegalInfo } from '@lumira/shared';
import type { Config } from '../../config';
import { vatMention } from '../invoices/invoice-document';

export function getLegalInfo(config: Pick<Config, 'seller' | 'orderLinkTtlSeconds'>): LegalInfo {
  const { seller } = config;
  return {
    seller: {
      name: seller.name,
      legalForm: seller.legalForm,
      address: seller.address,
      siren: seller.siren,
      rcs: seller.rcs,
      vatNumber: seller.vatNumber,
      email: seller.email,
      publicationDirector: seller.publicationDirector,
      host: seller.host,
    },
    vatMention: vatMention(seller.vatRateBasisPoints),
    orderLinkDays: Math.round(config.orderLinkTtlSeconds / 86_400),
  };
}
