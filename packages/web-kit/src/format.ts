/**
 * Dates, durations and amounts as both front ends show them, in French. Amounts are integer cents:
 * `formatMoney` (@lumira/shared) writes "79,00 €"; `formatCentsAsEuroText` / `parseEuroText` are the
 * editable text form an admin types.
 */

/** "30 min", "1 h", "1 h 30", "2 h". */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

/** "26 novembre 2026 à 14:05" in the browser's time zone (or `timeZone`); '' for nothing or garbage. */
export function formatDateTimeLong(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(date);
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone }).format(
    date,
  );
  return `${day} à ${time}`;
}

const dateTimeShort = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
const dateMedium = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' });
const timeShort = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' });
const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "26/11/2026 14:05" for tables; '—' for nothing. */
export function formatDateTimeShort(iso: string | null | undefined): string {
  return iso ? dateTimeShort.format(new Date(iso)) : '—';
}

/** "26 nov. 2026"; '—' for nothing. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dateMedium.format(new Date(iso)) : '—';
}

/** "14:05"; '—' for nothing. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? timeShort.format(new Date(iso)) : '—';
}

/** "2026-11" -> "Novembre 2026" (capitalised). */
export function formatMonth(yearMonth: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(yearMonth);
  if (!match) return yearMonth;
  const text = monthYear.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  return text.charAt(0).toUpperCase() + text.slice(1);
}
