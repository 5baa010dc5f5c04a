import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { departmentMappingPath, loadDepartmentMapping } from '@enplan/lib';
import { OpenAPIBackend, type Context, type Document } from 'openapi-backend';

/**
 * How the stand-in behaves, for the fault tests: `ok`; `slow` (answers after `delayMs`); `down`
 * (503 to everything); `malformed` (200 with records whose fields have the wrong types).
 */
export type VendorFault = { mode: 'ok' | 'down' | 'malformed' } | { mode: 'slow'; delayMs: number };

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

export interface VendorStandInOptions {
  /** The OpenAPI description it serves, the same file the department reads. */
  openapiFile: string;
  /** Seed data: per operationId, the records it serves. */
  seedFile: string;
  port?: number;
  host?: string;
}

/**
 * openapi-backend over a description already read: in `quick` mode it dereferences an object
 * synchronously, but its loadDocument() still parses through a lazy import() of its ESM-only ref
 * parser, which jest's module sandbox cannot run. The document is the object it was given.
 */
class DescriptionBackend extends OpenAPIBackend {
  override loadDocument(): Promise<Document> {
    this.document = this.inputDocument as Document;
    return Promise.resolve(this.document);
  }
}

/** What a malformed answer puts in every field: the fault tests check it never reaches a client. */
export const MALFORMED_MARKER = 'vendor-internal-detail';

type SeedRecord = Record<string, unknown>;

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A stand-in for a department's vendor system, served from its OpenAPI description by
 * openapi-backend over seed data: requests the description does not allow are refused (400) as the
 * real system would. A record answers an operation when, for each of the operation's parameters,
 * its property of that name is one of the values asked; an operation whose answer is a list answers
 * every such record, otherwise the first (404 when none).
 */
export async function startVendorStandIn({
  openapiFile,
  seedFile,
  port = 0,
  host = '127.0.0.1',
}: VendorStandInOptions): Promise<VendorStandIn> {
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as Record<string, SeedRecord[]>;
  let fault: VendorFault = { mode: 'ok' };
  let received = 0;
  let lastRequestId: string | undefined;
  const definition = JSON.parse(readFileSync(openapiFile, 'utf8')) as Document;
  const api = new DescriptionBackend({ definition, quick: true, coerceTypes: true });
  const answer = (c: Context, res: ServerResponse) => {
    const records = (seed[c.operation.operationId ?? ''] ?? []).filter((record) =>
      (c.operation.parameters ?? []).every((p) => {
        const { name, in: place } = p as { name: string; in: string };
        const asked = asList(place === 'path' ? c.request.params[name] : c.request.query[name]).map(String);
        return asked.includes(String(record[name]));
      }),
    );
    const schema = (c.operation.responses?.['200'] as { content?: Record<string, { schema?: { type?: string } }> } | undefined)
      ?.content?.['application/json']?.schema;
    const body = schema?.type === 'array' ? records : records[0];
    if (body === undefined) return send(res, 404, { message: 'not found' });
    if (fault.mode === 'malformed') {
      const garble = (r: SeedRecord) =>
        Object.fromEntries(Object.keys(r).map((k) => [k, k === 'cpr' ? r[k] : { unexpected: MALFORMED_MARKER }]));
      return send(res, 200, Array.isArray(body) ? body.map(garble) : garble(body));
    }
    return send(res, 200, body);
  };
  api.register({
    notFound: (_c, res: ServerResponse) => send(res, 404, { message: 'no such operation' }),
    validationFail: (c, res: ServerResponse) =>
      send(res, 400, { message: 'request does not match the description', errors: c.validation.errors }),
    notImplemented: answer,
  });
  await api.init();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    received += 1;
    lastRequestId = req.headers['x-request-id'] as string | undefined;
    const handle = () =>
      void api.handleRequest(
        {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.search.slice(1),
          headers: req.headers as Record<string, string>,
        },
        res,
      );
    if (fault.mode === 'down') return send(res, 503, { message: 'unavailable' });
    if (fault.mode === 'slow') {
      // Bounded: the timer goes with the connection, so a stopped test leaves nothing behind.
      const timer = setTimeout(handle, fault.delayMs);
      res.once('close', () => clearTimeout(timer));
      return;
    }
    handle();
  });
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

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The stand-in for a kit department's system, from the description and seed its mapping names. */
export function startDepartmentStandIn(name: string, port = 0, host = '127.0.0.1'): Promise<VendorStandIn> {
  const mapping = loadDepartmentMapping(name);
  const dir = dirname(departmentMappingPath(name));
  if (!mapping.seed) throw new Error(`${departmentMappingPath(name)} names no seed for its stand-in`);
  return startVendorStandIn({ openapiFile: join(dir, mapping.openapi), seedFile: join(dir, mapping.seed), port, host });
}
