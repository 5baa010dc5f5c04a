import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { departmentMappingPath, loadDepartmentMapping, vendorDescription } from '@enplan/lib';
import { OpenAPIBackend, type Context, type Document } from 'openapi-backend';
import { startSoapStandIn } from './soapStandIn';
import {
  readSeed,
  recordsAsked,
  serveStandIn,
  MALFORMED_MARKER,
  type SeedRecord,
  type StandInAnswer,
  type VendorFault,
  type VendorStandIn,
} from './standInServer';

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

/**
 * A stand-in for a department's vendor system, served from its OpenAPI description by
 * openapi-backend over seed data: requests the description does not allow are refused (400) as the
 * real system would. The records asked for (recordsAsked): an operation whose answer is a list
 * answers every one, otherwise the first (404 when none).
 */
export async function startVendorStandIn({
  openapiFile,
  seedFile,
  port = 0,
  host = '127.0.0.1',
}: VendorStandInOptions): Promise<VendorStandIn> {
  const seed = readSeed(seedFile);
  const definition = JSON.parse(readFileSync(openapiFile, 'utf8')) as Document;
  const api = new DescriptionBackend({ definition, quick: true, coerceTypes: true });
  const answer = (c: Context, fault: VendorFault): StandInAnswer => {
    const asked = (c.operation.parameters ?? []).map((p) => {
      const { name, in: place } = p as { name: string; in: string };
      return [name, place === 'path' ? c.request.params[name] : c.request.query[name]] as const;
    });
    const records = recordsAsked(seed, c.operation.operationId ?? '', Object.fromEntries(asked));
    const schema = (c.operation.responses?.['200'] as { content?: Record<string, { schema?: { type?: string } }> } | undefined)
      ?.content?.['application/json']?.schema;
    const body = schema?.type === 'array' ? records : records[0];
    if (fault.mode === 'fault') return json(500, { message: `internal error: ${MALFORMED_MARKER}` });
    if (body === undefined) return json(404, { message: 'not found' });
    if (fault.mode === 'malformed') {
      const garble = (r: SeedRecord) =>
        Object.fromEntries(Object.keys(r).map((k) => [k, k === 'cpr' ? r[k] : { unexpected: MALFORMED_MARKER }]));
      return json(200, Array.isArray(body) ? body.map(garble) : garble(body));
    }
    return json(200, body);
  };
  api.register({
    notFound: () => json(404, { message: 'no such operation' }),
    validationFail: (c) => json(400, { message: 'request does not match the description', errors: c.validation.errors }),
    notImplemented: (c, fault: VendorFault) => answer(c, fault),
  });
  await api.init();

  return serveStandIn(
    (request, fault) =>
      api.handleRequest(
        {
          method: request.method,
          path: request.url.pathname,
          query: request.url.search.slice(1),
          headers: request.headers as Record<string, string>,
        },
        fault,
      ) as Promise<StandInAnswer>,
    port,
    host,
  );
}

const json = (status: number, body: unknown): StandInAnswer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
});

/** The stand-in for a kit department's system, from the description (OpenAPI or WSDL) and seed its mapping names. */
export function startDepartmentStandIn(name: string, port = 0, host = '127.0.0.1'): Promise<VendorStandIn> {
  const mapping = loadDepartmentMapping(name);
  if (!mapping.seed) throw new Error(`${departmentMappingPath(name)} names no seed for its stand-in`);
  const seedFile = join(dirname(departmentMappingPath(name)), mapping.seed);
  const description = vendorDescription(name, mapping);
  return description.kind === 'wsdl'
    ? startSoapStandIn({ wsdlFile: description.file, seedFile, port, host })
    : startVendorStandIn({ openapiFile: description.file, seedFile, port, host });
}
