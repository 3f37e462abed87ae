/**
 * Which database errors mean "the database is unavailable right now" (a 503 the client may retry),
 * as opposed to a bug (500): the connection was refused, reset or terminated (failover, restart,
 * `pg_terminate_backend`, a pooler reset), no pooled connection was free in time, the server is
 * starting or shutting down, or a statement ran past `statement_timeout`.
 */

/** SQLSTATEs: class 08 (connection exception) and the operator/resource ones below. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '57P05', // idle_session_timeout
  '25P03', // idle_in_transaction_session_timeout
  '57014', // query_canceled (statement_timeout)
  '53300', // too_many_connections
  '53100', // disk_full
  '53200', // out_of_memory
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** Node socket errors. */
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/** Messages pg and pg-pool throw without a code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused|the database system is (starting up|shutting down|in recovery mode)|Cannot use a pool after calling end|terminating connection/i;

export function isDatabaseUnavailableError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (e.code.startsWith('08') && e.code.length === 5) return true;
    if (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code)) return true;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  // AggregateError from a dual-stack connect attempt.
  if (Array.isArray(e.errors)) return e.errors.some(isDatabaseUnavailableError);
  return false;
}
