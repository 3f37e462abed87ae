/**
 * The current values of design tokens (CSS custom properties of tokens.css), for what cannot read CSS
 * itself: the Stripe Elements iframe takes its colours as plain values. A token that is not set (no
 * stylesheet, as in unit tests) is left out, so the consumer's defaults apply.
 */
export function cssTokens<K extends string>(
  names: Record<K, `--${string}`>,
  root: Element | null = typeof document === 'undefined' ? null : document.documentElement,
): Partial<Record<K, string>> {
  const values: Partial<Record<K, string>> = {};
  if (!root) return values;
  const style = getComputedStyle(root);
  for (const key of Object.keys(names) as K[]) {
    const value = style.getPropertyValue(names[key]).trim();
    if (value) values[key] = value;
  }
  return values;
}
