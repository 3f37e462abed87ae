/** Experts only ever see the customer's first name. */
export function firstName(name: string | null | undefined): string {
  const first = (name ?? '').trim().split(/\s+/)[0];
  return first || 'Client';
}

/** The last 6 characters of an order id: enough to tell orders apart on screen. */
export function shortId(id: string): string {
  return `#${id.slice(-6)}`;
}
