import type { OrderView } from '@lumira/shared';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' });
const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '—';
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? timeOnly.format(new Date(iso)) : '—';
}

/** "2026-11" -> "novembre 2026" (capitalised). */
export function formatMonth(yearMonth: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(yearMonth);
  if (!match) return yearMonth;
  const text = monthYear.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Experts only ever see the customer's first name. */
export function firstName(name: string | null | undefined): string {
  const first = (name ?? '').trim().split(/\s+/)[0];
  return first || 'Client';
}

/** The last 6 characters of an order id: enough to tell orders apart on screen. */
export function shortId(id: string): string {
  return `#${id.slice(-6)}`;
}

export function paidAmount(order: Pick<OrderView, 'amount' | 'currency'>) {
  return { amount: order.amount, currency: order.currency };
}
