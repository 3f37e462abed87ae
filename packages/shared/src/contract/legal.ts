/** GET /api/legal: what the legal pages (CGV, mentions légales, confidentialité) say about the seller. */
export type LegalInfo = {
  seller: {
    name: string;
    legalForm: string;
    address: string;
    siren: string;
    rcs: string;
    vatNumber: string | null;
    email: string;
    publicationDirector: string;
    host: string;
  };
  vatMention: string;
  /** Days an order link sent by e-mail keeps working. */
  orderLinkDays: number;
};
