import type { EventRequest } from '../events/event-builder';
import type { Sandbox } from '../sandbox';
import type { KeyMode } from './auth';
import type { ParamSpec, Params } from './param-spec';

export interface ApiContext {
  sandbox: Sandbox;
  params: Params;
  path: Record<string, string>;
  keyMode: KeyMode;
  /** The caller's IP address (a token's `client_ip`). */
  clientIp: string | null;
  /** For events: `{ id: Request-Id, idempotency_key }`. */
  request: EventRequest;
  expand: string[];
}

/** One REST endpoint: the accepted parameters and a use case returning the response object. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** 'publishable' routes also accept pk_test keys (the use case then checks the client secret). */
  keys: 'secret' | 'publishable';
  params: ParamSpec;
  handle: (ctx: ApiContext) => unknown;
}
