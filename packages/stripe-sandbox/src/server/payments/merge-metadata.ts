import { invalidRequest } from '../http/stripe-error';

/** Stripe's metadata update: keys merge, an empty value removes a key, `metadata=` clears all. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string>,
): Record<string, string> {
  // `metadata=` (decoded as an empty hash) clears every key.
  if (Object.keys(update).length === 0) return {};
  const out = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  if (Object.keys(out).length > 50) {
    throw invalidRequest('Invalid metadata: metadata can have up to 50 keys.', 'metadata');
  }
  return out;
}
