import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How a stand-in behaves, for the fault tests: `ok`; `slow` (answers after `delayMs`); `down` (503
 * to everything); `malformed` (well-formed answers whose values have the wrong types); `unparsable`
 * (an answer that is neither JSON nor XML); `fault` (the system reports its own error: HTTP 500,
 * for SOAP with a soap:Fault).
 */
export type VendorFault = { mode: 'ok' | 'down' | 'malformed' | 'unparsable' | 'fault' } | { mode: 'slow'; delayMs: number };

/** What every answer that must not reach a client carries: the fault tests check it never does. */
export const MALFORMED_MARKER = 'vendor-internal-detail';

/** Where a running stand-in is switched and read (`./enplan start`'s, or one a test started as a process). */
export const STAND_IN_CONTROL_PATH = '/stand-in';

const MODES = ['ok', 'down', 'malformed', 'unparsable', 'fault'] as const;

/** A fault as the control path receives it, or undefined when it is none. */
function parseFault(value: unknown): VendorFault | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { mode, delayMs, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return undefined;
  if (mode === 'slow')
    return Number.isInteger(delayMs) && (delayMs as number) >= 0 && (delayMs as number) <= 60_000
      ? { mode, delayMs: delayMs as number }
      : undefined;
  const known = MODES.find((m) => m === mode);
  return known && delayMs === undefined ? { mode: known } : undefined;
}

export interface VendorStandIn {
  url: string;
  port: number;
  setFault(fault: VendorFault): void;
  /** How many requests it received: a batch lookup is one. */
  requests(): number;
  /** The `x-request-id` of the last request it received, as a vendor's log would record it. */
  lastRequestId(): string | undefined;
  stop(): Promise<void>;
}

export interface StandInRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface StandInAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Answers one request by the description; `fault` is the mode in force (never down or slow: the server has handled those). */
export type StandInHandler = (request: StandInRequest, fault: VendorFault) => StandInAnswer | Promise<StandInAnswer>;

/**
 * The HTTP side every stand-in shares: `/health`, the counters the tests read, and the faults that
 * do not depend on the protocol (down, slow, unparsable); the handler answers everything else.
 */
export async function serveStandIn(handler: StandInHandler, port: number, host: string): Promise<VendorStandIn> {
  let fault: VendorFault = { mode: 'ok' };
  let received = 0;
  let lastRequestId: string | undefined;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname === '/health') return send(res, { status: 200, contentType: 'application/json', body: '{"status":"ok"}' });
    if (url.pathname === STAND_IN_CONTROL_PATH) return control(req, res);
    received += 1;
    lastRequestId = req.headers['x-request-id'] as string | undefined;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const answer = async () => {
        if (fault.mode === 'unparsable') return { status: 200, contentType: 'text/plain', body: `<<{ ${MALFORMED_MARKER}` };
        return handler(request, fault);
      };
      const respond = () =>
        void answer().then(
          (a) => send(res, a),
          () => send(res, { status: 500, contentType: 'text/plain', body: 'stand-in error' }),
        );
      if (fault.mode === 'down') return send(res, { status: 503, contentType: 'text/plain', body: 'unavailable' });
      if (fault.mode === 'slow') {
        // Bounded: the timer goes with the connection, so a stopped test leaves nothing behind.
        const timer = setTimeout(respond, fault.delayMs);
        res.once('close', () => clearTimeout(timer));
        return;
      }
      respond();
    });
  });
  // GET: what it received and how it behaves; PUT a VendorFault: how it behaves from now on.
  const control = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'PUT') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          parsed = undefined;
        }
        const next = parseFault(parsed);
        if (!next) return send(res, { status: 400, contentType: 'text/plain', body: 'not a fault: {"mode": ...}' });
        fault = next;
      }
      send(res, {
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ fault, requests: received, lastRequestId }),
      });
    });
  };
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${listening}`,
    port: listening,
    setFault: (next) => {
      fault = next;
    },
    requests: () => received,
    lastRequestId: () => lastRequestId,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, { status, contentType, body }: StandInAnswer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType }).end(body);
}

export type SeedRecord = Record<string, unknown>;

/** A stand-in's seed data: per operation, the records it serves. */
export function readSeed(seedFile: string): Record<string, SeedRecord[]> {
  return JSON.parse(readFileSync(seedFile, 'utf8')) as Record<string, SeedRecord[]>;
}

/**
 * The seed records that answer an operation: those whose property of each parameter's name is one
 * of the values asked for it (a parameter may take one value or a list).
 */
export function recordsAsked(
  seed: Record<string, SeedRecord[]>,
  operation: string,
  asked: Record<string, unknown>,
): SeedRecord[] {
  const values = Object.entries(asked).map(
    ([name, v]) => [name, (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(String)] as const,
  );
  return (seed[operation] ?? []).filter((record) => values.every(([name, allowed]) => allowed.includes(String(record[name]))));
}

/** What a stand-in's control path says: how it behaves, and what it received. */
export interface StandInState {
  fault: VendorFault;
  requests: number;
  lastRequestId?: string;
}

function parseState(value: unknown): StandInState {
  const { fault, requests, lastRequestId } = (value ?? {}) as Record<string, unknown>;
  const parsed = parseFault(fault);
  if (!parsed || typeof requests !== 'number' || !['string', 'undefined'].includes(typeof lastRequestId))
    throw new Error('not a stand-in state');
  return { fault: parsed, requests, ...(typeof lastRequestId === 'string' && { lastRequestId }) };
}

/** A stand-in running elsewhere (its own process), switched and read over its control path. */
export function standInControl(url: string) {
  const control = new URL(STAND_IN_CONTROL_PATH, url);
  const state = async (response: Response) => parseState(await response.json());
  return {
    state: async () => state(await fetch(control)),
    setFault: async (fault: VendorFault) =>
      state(
        await fetch(control, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) }),
      ),
  };
}
