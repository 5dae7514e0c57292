// Errors of a PostgreSQL server that is not there right now (not up yet, restarting, shutting down, full),
// as opposed to a bug or a wrong configuration: a refused or reset connection, a connection the server
// closed (57P01 admin_shutdown when it stops, 57P02, 57P03 cannot_connect_now), 53300 too_many_connections,
// the 08xxx connection exceptions, and pg's own "Connection terminated" (no code).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const TERMINATED =
  /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/;

/** True when `error` (or what it wraps) says the database cannot be reached now; a retry later may succeed. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && typeof current === 'object' && !seen.has(current); ) {
    seen.add(current);
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && TERMINATED.test(message)) return true;
    current = cause;
  }
  return false;
};
