import { describe, expect, it } from 'vitest';
import { emailVerificationMail, passwordResetMail } from './mail-templates';

describe('account e-mails', () => {
  it('verification: greeting, why, one single-use link with its validity', () => {
    expect(
      emailVerificationMail('Alice', 'https://x.test/compte/verification?token=t', '8 décembre 2026 à 10:00'),
    ).toEqual({
      subject: 'Confirmez votre adresse e-mail',
      preheader: 'Un clic pour confirmer votre adresse et retrouver vos commandes.',
      heading: 'Confirmez votre adresse e-mail',
      blocks: [
        { kind: 'paragraph', text: 'Bonjour Alice,' },
        { kind: 'paragraph', text: expect.stringContaining('apparaîtront alors dans « Mes commandes »') },
        {
          kind: 'action',
          label: 'Confirmer mon adresse e-mail',
          url: 'https://x.test/compte/verification?token=t',
        },
        {
          kind: 'note',
          text: 'Ce lien fonctionne une fois, jusqu’au 8 décembre 2026 à 10:00. Si vous n’avez pas créé de compte Lumira Oracle, ignorez cet e-mail.',
        },
      ],
    });
  });

  it('password reset: its own heading, link and reassurance', () => {
    const mail = passwordResetMail('Bob', 'https://x.test/mot-de-passe/nouveau?token=t', 'demain');
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe');
    expect(mail.heading).toBe('Choisissez un nouveau mot de passe');
    expect(mail.blocks).toEqual([
      { kind: 'paragraph', text: 'Bonjour Bob,' },
      { kind: 'paragraph', text: expect.stringContaining('réinitialiser le mot de passe') },
      {
        kind: 'action',
        label: 'Choisir un nouveau mot de passe',
        url: 'https://x.test/mot-de-passe/nouveau?token=t',
      },
      { kind: 'note', text: expect.stringContaining('votre mot de passe reste inchangé') },
    ]);
  });
});
