import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { maskCprsInText } from './cpr';

/** The header a request id travels in, between caller, gateway and every service, and back in each response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What every log line and access-log entry of one request carries. */
export interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

// Letters, digits, `.`, `_`, `-`, `:`: enough for UUIDs and trace ids, nothing that can break a log line or a header.
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;
// W3C Trace Context, version 00: https://www.w3.org/TR/trace-context/#traceparent-header
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * A caller's request id if it is well formed and holds nothing CPR-shaped (it ends up in logs and in
 * the citizen's access log), else undefined.
 */
export function validRequestId(value: unknown): string | undefined {
  if (typeof value !== 'string' || !REQUEST_ID.test(value)) return undefined;
  return maskCprsInText(value) === value ? value : undefined;
}

/** The trace id of a well-formed W3C `traceparent` (not all zeros), else undefined. */
export function traceIdOfTraceparent(value: unknown): string | undefined {
  const traceId = typeof value === 'string' ? TRACEPARENT.exec(value)?.[1] : undefined;
  return traceId && !/^0+$/.test(traceId) ? traceId : undefined;
}

/**
 * A fresh id shaped like a W3C trace id. About one in thirty random hex ids holds ten digits in a
 * row, which the log's CPR masking would rewrite (and `validRequestId` refuse): those are drawn again.
 */
export function newRequestId(): string {
  for (;;) {
    const id = randomBytes(16).toString('hex');
    if (maskCprsInText(id) === id) return id;
  }
}

/** Runs `fn` (and everything it starts) as part of one request. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
