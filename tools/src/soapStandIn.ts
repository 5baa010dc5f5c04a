import { readFileSync } from 'node:fs';
import {
  readBodyElement,
  readSoapBody,
  readWsdl,
  soapContentType,
  soapEnvelope,
  soapFaultEnvelope,
  soapRequestHeaders,
  type SoapOperation,
} from '@enplan/lib';
import {
  MALFORMED_MARKER,
  readSeed,
  recordsAsked,
  serveStandIn,
  type StandInAnswer,
  type StandInRequest,
  type VendorStandIn,
} from './standInServer';

export interface SoapStandInOptions {
  /** The WSDL it serves, the same file the department reads. */
  wsdlFile: string;
  /** Seed data: per operation name, the records it serves. */
  seedFile: string;
  port?: number;
  host?: string;
}

/**
 * A stand-in for a department's SOAP system, served from its WSDL over seed data with the same
 * reader and message code the department uses (lib/src/department/kit/wsdl). It refuses with a
 * SOAP fault what the WSDL does not allow: another content type or SOAPAction, an envelope that is
 * not one, an operation the binding does not have, a request whose elements are not of their
 * declared types. The records asked for (recordsAsked, by the request's simple elements) make the
 * answer: all of them where the response repeats its element, otherwise the first (none: the
 * optional element left out). `GET <address>?wsdl` serves the description itself.
 */
export async function startSoapStandIn({
  wsdlFile,
  seedFile,
  port = 0,
  host = '127.0.0.1',
}: SoapStandInOptions): Promise<VendorStandIn> {
  const wsdl = readFileSync(wsdlFile, 'utf8');
  const service = readWsdl(wsdl, wsdlFile);
  const seed = readSeed(seedFile);
  const path = new URL(service.address, 'http://description.invalid').pathname;
  const operations = new Map([...service.operations.values()].map((o) => [o.input.name, o]));
  const xml = (status: number, body: string): StandInAnswer => ({ status, contentType: soapContentType(service), body });
  // SOAP 1.1 answers every fault with 500; SOAP 1.2 the sender's with 400.
  const refuse = (reason: string) => xml(service.soapVersion === '1.1' ? 500 : 400, soapFaultEnvelope(service, true, reason));

  const answer = (request: StandInRequest, malformed: boolean, failing: boolean): StandInAnswer => {
    if (request.url.pathname !== path) return { status: 404, contentType: 'text/plain', body: 'not found' };
    if (request.method === 'GET' && request.url.search === '?wsdl') return { status: 200, contentType: 'text/xml', body: wsdl };
    if (request.method !== 'POST') return { status: 405, contentType: 'text/plain', body: 'POST a SOAP envelope' };
    let message: ReturnType<typeof readSoapBody>;
    try {
      message = readSoapBody(request.body);
    } catch {
      return refuse('not a SOAP envelope');
    }
    const [elementName, ...others] = Object.keys(message.body).filter((k) => !k.startsWith('@_'));
    const operation = elementName && others.length === 0 ? operations.get(elementName) : undefined;
    if (!operation) return refuse('no such operation');
    if (!sameHeaders(request, soapRequestHeaders(service, operation.action)))
      return refuse(`${operation.name} needs its content type and action`);
    let asked: Record<string, unknown>;
    try {
      asked = readBodyElement(message.body, operation.input) as Record<string, unknown>;
    } catch {
      return refuse(`the request does not match ${operation.name}'s description`);
    }
    if (failing) return xml(500, soapFaultEnvelope(service, false, `internal error: ${MALFORMED_MARKER}`));
    const response = responseTo(operation, recordsAsked(seed, operation.name, withoutNulls(asked)));
    if (response === undefined) return refuse('no such record');
    const envelope = soapEnvelope(service, operation.output, response);
    // Every value becomes an element where a value is declared: well-formed, and not of its type.
    return xml(200, malformed ? envelope.replace(/>([^<>]+)</g, `><unexpected>${MALFORMED_MARKER}</unexpected><`) : envelope);
  };

  return serveStandIn((request, fault) => answer(request, fault.mode === 'malformed', fault.mode === 'fault'), port, host);
}

/** The response element's value: the "wrapped" convention's one child holding the records, or the one record itself. */
function responseTo(operation: SoapOperation, records: Array<Record<string, unknown>>): unknown {
  const response = operation.output.type();
  const [only, ...more] = response.kind === 'complex' ? response.elements : [];
  if (!only || more.length > 0) return records[0];
  if (!only.repeated && !only.optional && records.length === 0) return undefined;
  return { [only.name]: only.repeated ? records : (records[0] ?? null) };
}

function sameHeaders(request: StandInRequest, expected: Record<string, string>): boolean {
  const normal = (value: string | string[] | undefined) =>
    String(value ?? '')
      .replace(/\s+/g, '')
      .toLowerCase();
  return Object.entries(expected).every(([name, value]) => normal(request.headers[name]) === normal(value));
}

function withoutNulls(asked: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(asked).filter(([, v]) => v !== null));
}
