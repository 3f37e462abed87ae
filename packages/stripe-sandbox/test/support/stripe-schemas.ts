import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Validates objects against Stripe's official OpenAPI schemas (../shared/stripe-openapi, see its SOURCE.md),
 * located from the repository root so it works in any clone.
 */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const OPENAPI_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'stripe-openapi');

type Json = Record<string, unknown>;

function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === '$ref') out[k] = (v as string).replace('#/components/schemas/', 'stripe#/$defs/');
    else if (k === 'enum' || k === 'required' || k.startsWith('x-')) out[k] = v;
    else out[k] = toJsonSchema(v);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (Array.isArray(out.anyOf)) out.anyOf = [...out.anyOf, { type: 'null' }];
    else if (Array.isArray(out.oneOf)) out.oneOf = [...out.oneOf, { type: 'null' }];
    else if (out.$ref) {
      const r = out.$ref;
      delete out.$ref;
      out.anyOf = [{ $ref: r }, { type: 'null' }];
    }
  } else if (out.nullable === false) delete out.nullable;
  return out;
}

function xKeywords(o: unknown, acc = new Set<string>()): Set<string> {
  if (Array.isArray(o)) for (const v of o) xKeywords(v, acc);
  else if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      if (k.startsWith('x-')) acc.add(k);
      xKeywords(v, acc);
    }
  }
  return acc;
}

/**
 * Properties the live API does not return by default although the 2023-08-16 schema declares them:
 * removed since (drift, SOURCE.md) or "includable" only when expanded.
 */
const NOT_RETURNED_BY_DEFAULT: Record<string, readonly string[]> = {
  charge: ['refunds', 'radar_options', 'transfer'],
  customer: ['cash_balance', 'invoice_credit_balance', 'sources', 'subscriptions', 'tax', 'tax_ids'],
  // next_action is not nullable: it is only present when the refund needs one.
  refund: [
    'description',
    'failure_balance_transaction',
    'failure_reason',
    'instructions_email',
    'next_action',
  ],
  event: ['account'],
  // Connect only: present when the SetupIntent was created with attach_to_self.
  setup_intent: ['attach_to_self'],
  dispute: ['payment_method_details'],
  // A token's card: these belong to Connect external accounts and customer sources only.
  token: ['bank_account'],
  card: ['account', 'available_payout_methods', 'currency', 'customer', 'default_for_currency', 'status'],
};

/**
 * Schemas missing from the cut subset (SOURCE.md: only the closure of its roots was kept), written
 * here from the `Token` type of the stripe 23.1.0 SDK (generated from Stripe's OpenAPI spec): the
 * envelope is checked here, its `card` against the official `card` schema.
 */
const SUPPLEMENT_SCHEMAS: Json = {
  token: {
    type: 'object',
    required: ['client_ip', 'created', 'id', 'livemode', 'object', 'type', 'used'],
    properties: {
      bank_account: { $ref: 'stripe#/$defs/bank_account' },
      card: { $ref: 'stripe#/$defs/card' },
      client_ip: { type: ['string', 'null'] },
      created: { type: 'integer', format: 'unix-time' },
      id: { type: 'string' },
      livemode: { type: 'boolean' },
      object: { type: 'string', enum: ['token'] },
      type: { type: 'string' },
      used: { type: 'boolean' },
    },
  },
};

/**
 * Fields of newer API versions than the 2023-08-16 subset (SOURCE.md, "Drift"): the sandbox serves the
 * SDK's version, so these are expected on top of the fixture's keys and are not invented.
 */
const NEWER_VERSION_FIELDS: Record<string, readonly string[]> = {
  payment_intent: [
    'allowed_payment_method_types',
    'customer_account',
    'excluded_payment_method_types',
    'hooks',
    'managed_payments',
    'payment_details',
    'payment_method_configuration_details',
    'payment_record',
    'presentment_details',
    'source',
  ],
  refund: [
    'customer',
    'customer_account',
    'destination_details',
    'payment_method',
    'pending_reason',
    'presentment_details',
  ],
  customer: ['business_name', 'customer_account', 'individual_name'],
  charge: ['authorization_code', 'level3', 'presentment_details', 'source'],
  payment_method: ['allow_redisplay', 'customer_account'],
};

export interface SchemaCheck {
  /** Validates `object` against the schema named by its `object` field; returns readable errors. */
  errors(object: unknown): string[];
  /** Declared properties missing from the object (minus the ones listed as not returned by default). */
  missingKeys(object: Json): string[];
  /**
   * Compares the key set with Stripe's example object of the same type (fixtures.json): keys the
   * fixture has and the object lacks, and keys the object has that neither the fixture nor the schema
   * declares (invented fields). Types without a fixture give no gaps.
   */
  fixtureKeyGaps(object: Json): { missing: string[]; invented: string[] };
  /** Validates a list envelope of GET <path>. */
  listErrors(getPath: string, list: unknown): string[];
}

let cached: SchemaCheck | undefined;

export function stripeSchemas(): SchemaCheck {
  if (cached) return cached;
  const schemasDoc = JSON.parse(readFileSync(path.join(OPENAPI_DIR, 'schemas.json'), 'utf8'));
  const pathsDoc = JSON.parse(readFileSync(path.join(OPENAPI_DIR, 'paths.json'), 'utf8'));
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => void;
  addFormats(ajv);
  ajv.addFormat('unix-time', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('decimal', { type: 'string', validate: (s: string) => /^-?\d+(\.\d+)?$/.test(s) });
  ajv.addFormat('binary', true);
  ajv.addVocabulary([
    ...new Set([...xKeywords(schemasDoc.components.schemas), ...xKeywords(pathsDoc.paths)]),
  ]);
  const defs: Json = {};
  for (const [k, v] of Object.entries(schemasDoc.components.schemas as Json)) defs[k] = toJsonSchema(v);
  for (const [k, v] of Object.entries(SUPPLEMENT_SCHEMAS)) if (!(k in defs)) defs[k] = v;
  ajv.addSchema({ $id: 'stripe', $defs: defs });
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (name: string): ValidateFunction => {
    let v = validators.get(name);
    if (!v) {
      const found = ajv.getSchema(`stripe#/$defs/${name}`);
      if (!found) throw new Error(`no schema named ${name}`);
      v = found;
      validators.set(name, v);
    }
    return v;
  };
  const describe = (v: ValidateFunction) =>
    (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  const fixtures = JSON.parse(readFileSync(path.join(OPENAPI_DIR, 'fixtures.json'), 'utf8'))
    .resources as Record<string, Json>;
  cached = {
    fixtureKeyGaps(object) {
      const name = object.object as string;
      const fixture = fixtures[name];
      if (!fixture) return { missing: [], invented: [] };
      const skip = new Set(NOT_RETURNED_BY_DEFAULT[name] ?? []);
      const declared = new Set(
        Object.keys(((schemasDoc.components.schemas[name] ?? {}) as { properties?: Json }).properties ?? {}),
      );
      const fixtureKeys = new Set(Object.keys(fixture));
      return {
        missing: [...fixtureKeys].filter((k) => !skip.has(k) && !(k in object)),
        invented: Object.keys(object).filter(
          (k) => !fixtureKeys.has(k) && !declared.has(k) && !NEWER_VERSION_FIELDS[name]?.includes(k),
        ),
      };
    },
    errors(object) {
      const name = (object as Json)?.object;
      if (typeof name !== 'string') return ['object has no "object" field'];
      const v = validatorFor(name);
      return v(object) ? [] : describe(v);
    },
    missingKeys(object) {
      const name = object.object as string;
      const schema = (schemasDoc.components.schemas[name] ?? SUPPLEMENT_SCHEMAS[name]) as {
        properties: Json;
      };
      const declared = Object.keys(schema.properties);
      const skip = new Set(NOT_RETURNED_BY_DEFAULT[name] ?? []);
      if (name === 'payment_method') {
        // Only the sub-object of its own type is present.
        return [
          'billing_details',
          'card',
          'created',
          'customer',
          'id',
          'livemode',
          'metadata',
          'object',
          'type',
        ].filter((k) => !(k in object));
      }
      return declared.filter((k) => !skip.has(k) && !(k in object));
    },
    listErrors(getPath, list) {
      const key = `GET ${getPath}`;
      const cacheKey = `list ${key}`;
      let v = validators.get(cacheKey);
      if (!v) {
        const schema = (schemasDoc['x-listSchemas'] as Json)[key];
        if (!schema) throw new Error(`no list schema for ${key}`);
        v = ajv.compile(toJsonSchema(schema) as Json);
        validators.set(cacheKey, v);
      }
      return v(list) ? [] : describe(v);
    },
  };
  return cached;
}
