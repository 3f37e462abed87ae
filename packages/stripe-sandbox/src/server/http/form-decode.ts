import { invalidRequest } from './stripe-error';

/** A decoded Stripe form value: strings at the leaves, arrays from `a[0]` / `a[]`, objects from `a[b]`. */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function decodeComponent(s: string): string {
  const plus = s.includes('+') ? s.replaceAll('+', ' ') : s;
  if (!plus.includes('%')) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    throw invalidRequest('Invalid request: the body or query string is not valid form encoding.');
  }
}

/** Splits `a[b][0][]` into `['a', 'b', '0', '']`. Returns null when the brackets are malformed. */
function splitKey(key: string): string[] | null {
  const open = key.indexOf('[');
  if (open === -1) return [key];
  if (open === 0) return null;
  const parts = [key.slice(0, open)];
  let i = open;
  while (i < key.length) {
    if (key[i] !== '[') return null;
    const close = key.indexOf(']', i);
    if (close === -1) return null;
    parts.push(key.slice(i + 1, close));
    i = close + 1;
  }
  return parts;
}

/**
 * Decodes `application/x-www-form-urlencoded` the way Stripe reads it (qs style):
 * `metadata[k]=v`, `items[0][price]=x`, `expand[]=a&expand[]=b`, `expand[0]=a`.
 * Objects whose keys are all array indices become arrays. Later duplicates of a scalar key win.
 */
export function decodeForm(input: string): FormObject {
  const root: FormObject = Object.create(null);
  if (input.length === 0) return root;
  for (const pair of input.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const rawKey = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    const parts = splitKey(rawKey);
    if (parts === null) throw invalidRequest(`Invalid parameter name: ${rawKey}`, rawKey);
    for (const p of parts) {
      if (FORBIDDEN_KEYS.has(p)) throw invalidRequest(`Received unknown parameter: ${rawKey}`, rawKey);
    }
    insert(root, parts, value, rawKey);
  }
  return finalize(root) as FormObject;
}

const APPEND = '\u0000append';

function insert(root: FormObject, parts: string[], value: string, rawKey: string): void {
  let node: FormObject = root;
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i]!;
    if (part === '') {
      // `a[]`: append; a counter stored on the container keeps the order.
      const count = (node[APPEND] as string | undefined) ?? '0';
      part = count;
      node[APPEND] = String(Number(count) + 1);
      // Reserve a fresh numeric key that is not already taken by explicit indices.
      while (part in node) part = String(Number(part) + 1);
      node[APPEND] = String(Number(part) + 1);
    }
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const existing = node[part];
    if (existing === undefined || typeof existing === 'string') {
      if (typeof existing === 'string' && existing !== '') {
        throw invalidRequest(`Invalid parameter: ${rawKey} conflicts with a scalar value.`, rawKey);
      }
      const child: FormObject = Object.create(null);
      node[part] = child;
      node = child;
    } else {
      node = existing as FormObject;
    }
  }
}

function finalize(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  const obj = value as FormObject;
  delete obj[APPEND];
  const keys = Object.keys(obj);
  for (const k of keys) obj[k] = finalize(obj[k]!);
  if (keys.length > 0 && keys.every((k) => /^(0|[1-9]\d{0,5})$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => obj[String(k)]!);
  }
  // Plain prototype so that consumers can use ordinary object helpers.
  return Object.assign({}, obj);
}
