import { describe, expect, it } from 'vitest';
import { emailVerificationMail, passwordResetMail, registrationAttemptMail } from './mail-templates';

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

describe('registration attempt notice', () => {
  it('tells the holder nothing changed and links to log in and to reset the password, no token', () => {
    const mail = registrationAttemptMail('Chloé', {
      loginUrl: 'https://x.test/compte',
      resetUrl: 'https://x.test/mot-de-passe/oublie',
    });
    expect(mail.subject).toBe('Tentative de création de compte avec votre adresse');
    expect(mail.blocks[0]).toEqual({ kind: 'paragraph', text: 'Bonjour Chloé,' });
    expect(mail.blocks.filter((b) => b.kind === 'action')).toEqual([
      { kind: 'action', label: 'Me connecter', url: 'https://x.test/compte' },
      { kind: 'action', label: 'Mot de passe oublié', url: 'https://x.test/mot-de-passe/oublie' },
    ]);
    expect(JSON.stringify(mail)).toContain('rien n’a été modifié');
  });
});
