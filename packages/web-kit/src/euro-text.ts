/**
 * Euro amounts typed by an admin ("79,00", "79", "1 234,5", "79.00 €") -> integer cents.
 * Pure string arithmetic: no floating point is ever involved.
 */
export type EuroTextResult = { ok: true; cents: number } | { ok: false; error: string };

const MAX_CENTS = 99_999_999; // 999 999,99 €

export function parseEuroText(input: string): EuroTextResult {
  const text = input
    .trim()
    .replace(/\s*(€|eur)$/i, '')
    .replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return { ok: false, error: 'Saisissez un montant.' };
  if (text.startsWith('-')) return { ok: false, error: 'Le montant ne peut pas être négatif.' };
  const match = /^(\d+)(?:[.,](\d{0,2}))?$/.exec(text);
  if (!match) {
    if (/^\d+[.,]\d{3,}$/.test(text)) return { ok: false, error: 'Deux décimales au maximum (ex. 79,00).' };
    return { ok: false, error: 'Montant invalide : utilisez le format 79,00.' };
  }
  const euros = match[1]!.replace(/^0+(?=\d)/, '');
  const decimals = (match[2] ?? '').padEnd(2, '0');
  if (euros.length > 6) return { ok: false, error: 'Montant trop élevé.' };
  const cents = Number(euros) * 100 + Number(decimals);
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return { ok: false, error: 'Montant trop élevé.' };
  return { ok: true, cents };
}

/** 7900 -> "79,00" (the editable text form of an amount). */
export function formatCentsAsEuroText(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`invalid cents: ${cents}`);
  const euros = Math.trunc(cents / 100);
  const rest = cents % 100;
  return `${euros},${String(rest).padStart(2, '0')}`;
}
