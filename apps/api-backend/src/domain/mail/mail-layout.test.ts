import { describe, expect, it } from 'vitest';
import { renderMail } from './mail-layout';
import { orderConfirmationMail, refundNoticeMail } from './mail-templates';

const footer = {
  sellerName: 'Lumira Oracle SAS',
  sellerAddress: '1 rue A, Paris',
  contactEmail: 'contact@lumira.test',
  links: [{ label: 'CGV', url: 'https://lumira.test/cgv' }],
};
const order = {
  orderId: '65a1b2c3d4e5f60718293a4b',
  customerName: '<script>alert(1)</script>',
  tierName: 'Consultation Premium',
  durationMinutes: 60,
  expertName: 'Expert & Co',
  amount: '79,00 €',
  paidAt: '6 décembre 2026 à 22:00',
};
const links = {
  followUrl: 'https://lumira.test/confirmation?order_id=x&token=ol1.a',
  roomUrl: 'https://lumira.test/seance/x?token=ol1.a',
  validUntil: '5 janvier 2027 à 22:00',
};

describe('mail layout', () => {
  it('renders French HTML with escaped values and the same content as plain text', () => {
    const mail = renderMail(orderConfirmationMail(order, links), footer);
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).not.toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('Expert &amp; Co');
    expect(mail.html).toContain('href="https://lumira.test/seance/x?token=ol1.a"');
    expect(mail.html).toContain('>Rejoindre la salle de consultation</a>');
    expect(mail.text).toContain(
      'Rejoindre la salle de consultation :\nhttps://lumira.test/seance/x?token=ol1.a',
    );
    expect(mail.text).toContain('Avec : Expert & Co');
    expect(mail.text).toContain('CGV : https://lumira.test/cgv');
    expect(mail.subject).toBe('Votre consultation avec Expert & Co est confirmée');
  });

  it('the refund notice states the amount, the reason and the delay', () => {
    const mail = renderMail(
      refundNoticeMail(
        order,
        { amount: '20,00 €', reason: 'séance interrompue', creditNoteReference: 'AV-2026-000001' },
        links,
      ),
      footer,
    );
    expect(mail.text).toContain('Montant remboursé : 20,00 €');
    expect(mail.text).toContain('Motif : séance interrompue');
    expect(mail.text).toContain('sous 5 à 10 jours ouvrés');
    expect(mail.text).toContain('Avoir : AV-2026-000001 (joint en PDF)');
  });
});
