import type { FormObject, FormValue } from './form-decode';
import { invalidRequest, missingParameter, unknownParameter } from './stripe-error';

/**
 * A tiny declarative description of the parameters an endpoint accepts. Validation rejects unknown
 * parameters by name (as Stripe does), checks scalar types, and returns typed, coerced values.
 */
export type Spec =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'metadata'
  | 'string_list'
  | 'any_object'
  | { enum: readonly string[] }
  | { object: ParamSpec }
  | { list_of: ParamSpec };

export type ParamSpec = { [key: string]: Spec };

export type Params = { [key: string]: ParamValue };
export type ParamValue =
  | string
  | number
  | boolean
  | null
  | string[]
  | Params
  | Params[]
  | Record<string, string>;

const METADATA_MAX_KEYS = 50;
const METADATA_MAX_KEY_LENGTH = 40;
const METADATA_MAX_VALUE_LENGTH = 500;

function pathOf(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}[${key}]`;
}

function validateValue(spec: Spec, value: FormValue, path: string): ParamValue {
  if (spec === 'string') {
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${describe(value)}`, path);
    return value;
  }
  if (spec === 'integer') {
    if (typeof value !== 'string' || !/^-?\d{1,15}$/.test(value)) {
      throw invalidRequest(`Invalid integer: ${describe(value)}`, path);
    }
    return Number(value);
  }
  if (spec === 'boolean') {
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw invalidRequest(`Invalid boolean: ${describe(value)}`, path);
  }
  if (spec === 'metadata') return validateMetadata(value, path);
  if (spec === 'string_list') {
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw invalidRequest(`Invalid array: ${path} must be a list of strings.`, path);
    }
    return value as string[];
  }
  if (spec === 'any_object') {
    if (typeof value === 'string' && value === '') return null;
    if (typeof value !== 'object' || Array.isArray(value))
      throw invalidRequest(`Invalid object: ${path}`, path);
    return value as Params;
  }
  if ('enum' in spec) {
    if (typeof value !== 'string' || !spec.enum.includes(value)) {
      throw invalidRequest(
        `Invalid ${path}: must be one of ${spec.enum.join(', ')}`,
        path,
        'parameter_invalid_string',
      );
    }
    return value;
  }
  if ('object' in spec) {
    if (value === '') return null;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw invalidRequest(`Invalid object: ${path} must be a hash.`, path);
    }
    return validateParams(spec.object, value as FormObject, path);
  }
  if (typeof value === 'string' || !Array.isArray(value)) {
    throw invalidRequest(`Invalid array: ${path} must be a list.`, path);
  }
  return value.map((item, i) => {
    if (typeof item !== 'object' || Array.isArray(item)) {
      throw invalidRequest(`Invalid object: ${path}[${i}] must be a hash.`, `${path}[${i}]`);
    }
    return validateParams(spec.list_of, item as FormObject, `${path}[${i}]`);
  });
}

function describe(value: FormValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function validateMetadata(value: FormValue, path: string): Record<string, string> {
  if (value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest('Invalid metadata: metadata must be a hash of key-value pairs.', path);
  }
  const entries = Object.entries(value as FormObject);
  if (entries.length > METADATA_MAX_KEYS) {
    throw invalidRequest(
      `Invalid metadata: metadata can have up to ${METADATA_MAX_KEYS} keys, but you passed ${entries.length}.`,
      path,
    );
  }
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (typeof v !== 'string') {
      throw invalidRequest(
        `Invalid value for ${path}[${k}]: metadata values must be strings.`,
        `${path}[${k}]`,
      );
    }
    if (k.length > METADATA_MAX_KEY_LENGTH) {
      throw invalidRequest(
        `Metadata keys can have up to ${METADATA_MAX_KEY_LENGTH} characters, but you passed a key of ${k.length} characters.`,
        `${path}[${k}]`,
      );
    }
    if (v.length > METADATA_MAX_VALUE_LENGTH) {
      throw invalidRequest(
        `Metadata values can have up to ${METADATA_MAX_VALUE_LENGTH} characters, but you passed a value of ${v.length} characters for the key ${k}.`,
        `${path}[${k}]`,
      );
    }
    out[k] = v;
  }
  return out;
}

/** Validates decoded form input against a spec; unknown keys are a 400 naming the parameter. */
export function validateParams(spec: ParamSpec, input: FormObject, prefix = ''): Params {
  const out: Params = {};
  for (const key of Object.keys(input)) {
    const s = spec[key];
    const path = pathOf(prefix, key);
    if (s === undefined) throw unknownParameter(path);
    out[key] = validateValue(s, input[key]!, path);
  }
  return out;
}

export function requireParams(params: Params, ...keys: string[]): void {
  for (const k of keys) {
    if (params[k] === undefined || params[k] === null || params[k] === '') throw missingParameter(k);
  }
}

/** Every endpoint accepts `expand[]`. */
export const EXPAND: ParamSpec = { expand: 'string_list' };
