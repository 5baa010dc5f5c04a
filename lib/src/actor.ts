import { createHmac, timingSafeEqual } from 'node:crypto';
import { tryParseCpr, type Cpr } from './cpr';
import { isDepartment, type Department } from './departments';

/** Who is asking, as the gateway established it from the caller's token. */
export type Actor =
  | { role: 'CASEWORKER'; id: string; name: string; department: Department }
  | { role: 'CITIZEN'; id: string; name: string; cpr: Cpr }
  /** Reads access logs for oversight; sees no case data. */
  | { role: 'AUDITOR'; id: string; name: string }
  /** The gateway itself, calling a subgraph's internal API (consent decisions, access log). */
  | { role: 'SERVICE'; id: string; name: string };

/** The header that carries the signed Actor from the gateway to the subgraphs. */
export const ACTOR_HEADER = 'x-enplan-actor';

/** @default 30 seconds: how far a signature's timestamp may lie from the subgraph's clock. */
export const DEFAULT_SIGNATURE_WINDOW_MS = 30_000;

function hmac(secret: string, payload: string, timestamp: string): Buffer {
  return createHmac('sha256', secret).update(`${payload}.${timestamp}`).digest();
}

/** The header value `<payload>.<timestamp>.<signature>` the gateway sends with every subgraph call. */
export function signActor(actor: Actor, secret: string, now: number = Date.now()): string {
  const payload = Buffer.from(JSON.stringify(actor)).toString('base64url');
  const timestamp = String(now);
  return `${payload}.${timestamp}.${hmac(secret, payload, timestamp).toString('base64url')}`;
}

export type ActorVerification = { ok: true; actor: Actor } | { ok: false; reason: string };

/**
 * Checks a header made by `signActor`: the signature (constant-time), the timestamp window
 * (limits replay), and the Actor's shape. Never throws.
 */
export function verifyActorHeader(
  header: string | undefined,
  secret: string,
  now: number = Date.now(),
  windowMs: number = DEFAULT_SIGNATURE_WINDOW_MS,
): ActorVerification {
  if (!header) return { ok: false, reason: 'missing actor header' };
  const parts = header.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed actor header' };
  const [payload, timestamp, signature] = parts as [string, string, string];
  const expected = hmac(secret, payload, timestamp);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' };
  }
  const signedAt = Number(timestamp);
  if (!Number.isFinite(signedAt) || Math.abs(now - signedAt) > windowMs) {
    return { ok: false, reason: 'signature outside the allowed time window' };
  }
  try {
    const actor = toActor(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return actor ? { ok: true, actor } : { ok: false, reason: 'malformed actor' };
  } catch {
    return { ok: false, reason: 'malformed actor' };
  }
}

/** Narrows untrusted JSON to an Actor, or undefined. */
export function toActor(value: unknown): Actor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '' || typeof v.name !== 'string') return undefined;
  const { id, name } = v;
  switch (v.role) {
    case 'CASEWORKER':
      return isDepartment(v.department) ? { role: 'CASEWORKER', id, name, department: v.department } : undefined;
    case 'CITIZEN': {
      const parsed = tryParseCpr(v.cpr);
      return parsed ? { role: 'CITIZEN', id, name, cpr: parsed.cpr } : undefined;
    }
    case 'AUDITOR':
    case 'SERVICE':
      return { role: v.role, id, name };
    default:
      return undefined;
  }
}

/** A short description for logs: never a whole CPR. */
export function describeActor(actor: Actor): string {
  return actor.role === 'CASEWORKER' ? `${actor.id} (${actor.department})` : `${actor.id} (${actor.role})`;
}
