import type { Params } from '../http/param-spec';
import { invalidRequest } from '../http/stripe-error';

/**
 * Stripe's search query language (https://stripe.com/docs/search), the part its documentation lists for
 * customers, PaymentIntents and charges: clauses `field:value` (exact, case-insensitive), `field~value`
 * (substring, 3 characters at least), `field>N` / `>=` / `<` / `<=` (numbers and `created`), `field:null`,
 * `metadata['key']:'value'`, `-` before a clause to negate it, joined by `AND` or by `OR` (not both), at most
 * 10 clauses. Values are quoted with ' or " (numbers may be bare).
 */
type Op = ':' | '~' | '>' | '>=' | '<' | '<=';

interface Clause {
  negate: boolean;
  field: string;
  /** `metadata['key']`: the key. */
  metadataKey?: string;
  op: Op;
  value: string | number | null;
}

const MAX_CLAUSES = 10;

function queryError(message: string) {
  return invalidRequest(message, 'query');
}

function parseValue(input: string, at: number): { value: string | number | null; end: number } {
  const quote = input[at];
  if (quote === "'" || quote === '"') {
    let out = '';
    let i = at + 1;
    while (i < input.length && input[i] !== quote) {
      if (input[i] === '\\' && i + 1 < input.length) i++;
      out += input[i];
      i++;
    }
    if (i >= input.length)
      throw queryError(`Invalid query: an unterminated string starts at position ${at}.`);
    return { value: out, end: i + 1 };
  }
  const m = /^[^\s]+/.exec(input.slice(at));
  if (!m) throw queryError(`Invalid query: a value is missing at position ${at}.`);
  const raw = m[0];
  if (raw === 'null') return { value: null, end: at + raw.length };
  if (/^-?\d+(\.\d+)?$/.test(raw)) return { value: Number(raw), end: at + raw.length };
  throw queryError(`Invalid query: the value ${raw} at position ${at} must be quoted.`);
}

export interface ParsedQuery {
  join: 'AND' | 'OR';
  clauses: Clause[];
}

export function parseQuery(input: string): ParsedQuery {
  const clauses: Clause[] = [];
  let join: 'AND' | 'OR' | undefined;
  let i = 0;
  const skip = () => {
    while (i < input.length && /\s/.test(input[i]!)) i++;
  };
  skip();
  if (i >= input.length) throw queryError('Invalid query: the query is empty.');
  for (;;) {
    skip();
    let negate = false;
    if (input[i] === '-') {
      negate = true;
      i++;
    }
    const fieldMatch = /^([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)(?:\[(['"])(.*?)\2\])?/.exec(input.slice(i));
    if (!fieldMatch) throw queryError(`Invalid query: a field name is expected at position ${i}.`);
    i += fieldMatch[0].length;
    const opMatch = /^(>=|<=|:|~|>|<)/.exec(input.slice(i));
    if (!opMatch) {
      throw queryError(`Invalid query: an operator (:, ~, >, >=, <, <=) is expected after ${fieldMatch[0]}.`);
    }
    i += opMatch[0].length;
    const { value, end } = parseValue(input, i);
    i = end;
    const clause: Clause = { negate, field: fieldMatch[1]!, op: opMatch[0] as Op, value };
    if (fieldMatch[3] !== undefined) clause.metadataKey = fieldMatch[3];
    if (clause.metadataKey !== undefined && clause.field !== 'metadata') {
      throw queryError(`Invalid query: only metadata takes a ['key'] (${fieldMatch[0]}).`);
    }
    if (clause.op === '~' && (typeof value !== 'string' || value.length < 3)) {
      throw queryError('Invalid query: a substring match (~) needs a quoted value of at least 3 characters.');
    }
    if (
      (clause.op === '>' || clause.op === '<' || clause.op === '>=' || clause.op === '<=') &&
      typeof value !== 'number'
    ) {
      throw queryError(`Invalid query: ${clause.op} compares numbers; ${String(value)} is not one.`);
    }
    clauses.push(clause);
    if (clauses.length > MAX_CLAUSES) {
      throw queryError(`Invalid query: a query may have at most ${MAX_CLAUSES} clauses.`);
    }
    skip();
    if (i >= input.length) break;
    const word = /^(AND|OR)\s/.exec(input.slice(i));
    if (!word) throw queryError(`Invalid query: AND or OR is expected at position ${i}.`);
    if (join && join !== word[1]) {
      throw queryError('Invalid query: AND and OR cannot be combined in one query.');
    }
    join = word[1] as 'AND' | 'OR';
    i += word[0].length;
  }
  return { join: join ?? 'AND', clauses };
}

function read(object: Record<string, unknown>, clause: Clause): unknown {
  if (clause.field === 'metadata') {
    const metadata = (object.metadata ?? {}) as Record<string, string>;
    return clause.metadataKey === undefined ? undefined : (metadata[clause.metadataKey] ?? null);
  }
  let value: unknown = object;
  for (const part of clause.field.split('.')) {
    value =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value ?? null;
}

function matches(object: Record<string, unknown>, clause: Clause): boolean {
  const actual = read(object, clause);
  const { op, value } = clause;
  let result: boolean;
  if (op === ':') {
    if (value === null) result = actual === null;
    else if (actual === null) result = false;
    else if (typeof value === 'number') result = Number(actual) === value;
    else result = String(actual).toLowerCase() === value.toLowerCase();
  } else if (op === '~') {
    result = actual !== null && String(actual).toLowerCase().includes(String(value).toLowerCase());
  } else {
    const n = Number(actual);
    const v = value as number;
    result =
      actual !== null &&
      !Number.isNaN(n) &&
      (op === '>' ? n > v : op === '>=' ? n >= v : op === '<' ? n < v : n <= v);
  }
  return clause.negate ? !result : result;
}

/** What each resource can be searched by (Stripe's lists of query fields). */
export const SEARCH_FIELDS: Record<string, readonly string[]> = {
  customers: ['created', 'email', 'metadata', 'name', 'phone'],
  payment_intents: ['amount', 'created', 'currency', 'customer', 'metadata', 'status'],
  charges: [
    'amount',
    'billing_details.address.postal_code',
    'created',
    'currency',
    'customer',
    'disputed',
    'metadata',
    'payment_method_details.card.last4',
    'payment_method_details.card.brand',
    'payment_intent',
    'refunded',
    'status',
  ],
};

export interface SearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
  next_page: string | null;
  url: string;
}

/** `query` over `items` (oldest first), newest first, `limit` per page; `page` is the previous `next_page`. */
export function search<T extends { id: string }>(
  resource: keyof typeof SEARCH_FIELDS,
  itemsOldestFirst: readonly T[],
  params: Params,
): SearchResult<T> {
  const query = params.query as string | undefined;
  if (query === undefined)
    throw invalidRequest('Missing required param: query.', 'query', 'parameter_missing');
  const parsed = parseQuery(query);
  for (const c of parsed.clauses) {
    if (!SEARCH_FIELDS[resource]!.includes(c.field)) {
      throw queryError(
        `Field \`${c.field}\` is an unsupported search field for resource \`${resource}\`. See http://stripe.com/docs/search#query-fields-for-${resource.replace('_', '-')} for a list of supported fields.`,
      );
    }
    if (c.field === 'metadata' && c.metadataKey === undefined) {
      throw queryError("Invalid query: metadata is searched by key, as metadata['key']:'value'.");
    }
  }
  const limit = (params.limit as number | undefined) ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
  let offset = 0;
  const page = params.page as string | undefined;
  if (page !== undefined) {
    const decoded = /^page_(\d+)$/.exec(page);
    if (!decoded) throw invalidRequest(`Invalid page: ${page}`, 'page');
    offset = Number(decoded[1]);
  }
  const found: T[] = [];
  for (let i = itemsOldestFirst.length - 1; i >= 0; i--) {
    const item = itemsOldestFirst[i]!;
    const o = item as unknown as Record<string, unknown>;
    const ok =
      parsed.join === 'AND'
        ? parsed.clauses.every((c) => matches(o, c))
        : parsed.clauses.some((c) => matches(o, c));
    if (ok) found.push(item);
  }
  const data = found.slice(offset, offset + limit);
  const hasMore = found.length > offset + limit;
  return {
    object: 'search_result',
    data,
    has_more: hasMore,
    next_page: hasMore ? `page_${offset + limit}` : null,
    url: `/v1/${resource}/search`,
  };
}
