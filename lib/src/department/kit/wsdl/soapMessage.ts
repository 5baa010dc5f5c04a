import { XMLParser } from 'fast-xml-parser';
import type { ElementDeclaration, WsdlService } from './wsdlDescription';

/**
 * SOAP messages for a WSDL's operations, both ways: a value written as the element its schema
 * declares, and an element read back into a value, checked against the same declaration (a missing
 * required element, an undeclared one, a value not of its type: an error naming the path, never the
 * value, which may carry a CPR number). The department's client and the demo's stand-in
 * (tools/src/soapStandIn.ts) both use it, so they agree on the wire by construction.
 */

const ENVELOPE_NS = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
} as const;
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** A message that is not what its description says; `message` names where, without its values. */
export class SoapMessageError extends Error {}

type Node = Record<string, unknown>;

// Prefixes dropped (names are matched by their local part); values kept as text, typed by the schema.
const messageParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The HTTP headers a SOAP request carries for the service's SOAP version. */
export function soapRequestHeaders(service: WsdlService, action: string): Record<string, string> {
  return service.soapVersion === '1.1'
    ? { 'content-type': 'text/xml; charset=utf-8', soapaction: JSON.stringify(action) }
    : { 'content-type': `application/soap+xml; charset=utf-8; action=${JSON.stringify(action)}` };
}

/** The content type of a SOAP message (an answer) in the service's SOAP version. */
export function soapContentType(service: WsdlService): string {
  return service.soapVersion === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8';
}

/** A whole envelope whose body is `value` written as `element`. */
export function soapEnvelope(service: WsdlService, element: ElementDeclaration, value: unknown): string {
  const body = writeElement(service, element, value, 'm:', element.name);
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${ENVELOPE_NS[service.soapVersion]}" xmlns:xsi="${XSI_NS}" xmlns:m="${escapeXml(service.namespace)}">` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** A SOAP fault envelope with a neutral reason (a stand-in's or a refusal's answer). */
export function soapFaultEnvelope(service: WsdlService, sender: boolean, reason: string): string {
  const ns = ENVELOPE_NS[service.soapVersion];
  const fault =
    service.soapVersion === '1.1'
      ? `<faultcode>soap:${sender ? 'Client' : 'Server'}</faultcode><faultstring>${escapeXml(reason)}</faultstring>`
      : `<soap:Code><soap:Value>soap:${sender ? 'Sender' : 'Receiver'}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${escapeXml(reason)}</soap:Text></soap:Reason>`;
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ns}"><soap:Body><soap:Fault>${fault}</soap:Fault></soap:Body></soap:Envelope>`;
}

function writeElement(service: WsdlService, element: ElementDeclaration, value: unknown, prefix: string, path: string): string {
  const values = element.repeated ? (value ?? []) : [value];
  if (!Array.isArray(values)) throw new SoapMessageError(`${path}: a list is declared`);
  return values
    .map((v: unknown, i) => {
      const at = element.repeated ? `${path}[${i}]` : path;
      const tag = `${prefix}${element.name}`;
      if (v === null || v === undefined) {
        if (element.optional && !element.repeated) return '';
        if (element.nillable) return `<${tag} xsi:nil="true"/>`;
        throw new SoapMessageError(`${at}: required`);
      }
      const type = element.type();
      if (type.kind === 'simple') return `<${tag}>${escapeXml(String(v))}</${tag}>`;
      if (typeof v !== 'object') throw new SoapMessageError(`${at}: an element with children is declared`);
      const childPrefix = service.qualified ? prefix : '';
      const children = type.elements
        .map((child) => writeElement(service, child, (v as Node)[child.name], childPrefix, `${at}.${child.name}`))
        .join('');
      return `<${tag}>${children}</${tag}>`;
    })
    .join('');
}

/**
 * The body of a SOAP message: its child elements by local name, or `fault: true` when it is a
 * fault. Not well-formed XML, a DTD (which SOAP forbids, and which could expand entities), or no
 * envelope with a body: SoapMessageError.
 */
export function readSoapBody(xml: string): { fault: boolean; body: Node } {
  if (/<!DOCTYPE/i.test(xml)) throw new SoapMessageError('a SOAP message may not carry a DTD');
  let document: Node;
  try {
    document = messageParser.parse(xml, true) as Node;
  } catch {
    throw new SoapMessageError('not well-formed XML');
  }
  const body = first(first(document.Envelope)?.Body);
  if (!body) throw new SoapMessageError('not a SOAP envelope with a body');
  return { fault: body.Fault !== undefined, body };
}

/** The one `element` in a message body, read and checked against its declaration. */
export function readBodyElement(body: Node, element: ElementDeclaration): unknown {
  const found = body[element.name];
  if (!Array.isArray(found) || found.length !== 1) throw new SoapMessageError(`the body does not hold one ${element.name}`);
  return readElement(element, found[0], element.name);
}

function first(value: unknown): Node | undefined {
  const [node] = Array.isArray(value) ? (value as unknown[]) : [];
  return typeof node === 'object' && node !== null ? (node as Node) : undefined;
}

function readElement(element: ElementDeclaration, raw: unknown, path: string): unknown {
  if (typeof raw === 'object' && raw !== null && (raw as Node)['@_nil'] === 'true') {
    if (!element.nillable) throw new SoapMessageError(`${path}: nil, which its declaration does not allow`);
    return null;
  }
  const type = element.type();
  if (type.kind === 'simple') {
    const text = typeof raw === 'string' ? raw : textOnly(raw, path);
    return readSimple(type, text, path);
  }
  const node: Node = typeof raw === 'string' ? (raw === '' ? {} : notElements(path)) : (raw as Node);
  const declared = new Set(type.elements.map((e) => e.name));
  for (const key of Object.keys(node))
    if (key === '#text' || (!key.startsWith('@_') && !declared.has(key)))
      throw new SoapMessageError(`${path}: holds ${key === '#text' ? 'text' : `an undeclared element ${key}`}`);
  const value: Node = {};
  for (const child of type.elements) {
    const occurrences = (node[child.name] as unknown[] | undefined) ?? [];
    const at = `${path}.${child.name}`;
    if (child.repeated) value[child.name] = occurrences.map((o, i) => readElement(child, o, `${at}[${i}]`));
    else if (occurrences.length > 1) throw new SoapMessageError(`${at}: more than one`);
    else if (occurrences.length === 0 && !child.optional) throw new SoapMessageError(`${at}: missing`);
    else value[child.name] = occurrences.length === 0 ? null : readElement(child, occurrences[0], at);
  }
  return value;
}

function notElements(path: string): never {
  throw new SoapMessageError(`${path}: holds text where elements are declared`);
}

function textOnly(raw: unknown, path: string): string {
  const node = raw as Node;
  if (Object.keys(node).some((k) => !k.startsWith('@_') && k !== '#text'))
    throw new SoapMessageError(`${path}: holds elements where a value is declared`);
  return typeof node['#text'] === 'string' ? node['#text'] : '';
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function readSimple(
  type: Extract<ReturnType<ElementDeclaration['type']>, { kind: 'simple' }>,
  text: string,
  path: string,
): unknown {
  const wrong = () => new SoapMessageError(`${path}: not a valid ${type.name}`);
  if (type.enumeration && !type.enumeration.includes(text)) throw wrong();
  if (type.pattern && !type.pattern.test(text)) throw wrong();
  switch (type.base) {
    case 'string':
      return text;
    case 'int':
      if (!INTEGER.test(text)) throw wrong();
      return Number(text);
    case 'float':
      if (!DECIMAL.test(text)) throw wrong();
      return Number(text);
    case 'boolean':
      if (!['true', 'false', '1', '0'].includes(text)) throw wrong();
      return text === 'true' || text === '1';
  }
}
