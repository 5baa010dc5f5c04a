import { XMLParser } from 'fast-xml-parser';

/**
 * A WSDL 1.1 description read into what the department kit needs: the service's SOAP operations and
 * the XML Schema types of their messages. The subset read is the one SOAP systems of Danish public
 * IT commonly publish (document/literal, "wrapped"): one inline `xs:schema`; named or anonymous
 * complex types with an `xs:sequence` of elements; simple types restricting a built-in type by
 * `xs:enumeration` or `xs:pattern`; a SOAP 1.1 or 1.2 binding. Anything else (imports, attributes,
 * `xs:choice`, type extension, rpc style) is refused when the description is read, naming the
 * construct, rather than half understood.
 */

const NS = {
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  xs: 'http://www.w3.org/2001/XMLSchema',
  soap11: 'http://schemas.xmlsoap.org/wsdl/soap/',
  soap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
} as const;

/** The built-in XML Schema types the kit reads, by the value they hold. */
const BUILT_IN: Record<string, SimpleBase> = {
  string: 'string',
  normalizedString: 'string',
  token: 'string',
  date: 'string',
  dateTime: 'string',
  time: 'string',
  anyURI: 'string',
  int: 'int',
  integer: 'int',
  long: 'int',
  short: 'int',
  nonNegativeInteger: 'int',
  positiveInteger: 'int',
  unsignedInt: 'int',
  unsignedShort: 'int',
  decimal: 'float',
  double: 'float',
  float: 'float',
  boolean: 'boolean',
};

export type SimpleBase = 'string' | 'int' | 'float' | 'boolean';

export interface SimpleType {
  kind: 'simple';
  /** The XML Schema name, `xs:int` for a built-in one. */
  name: string;
  base: SimpleBase;
  enumeration?: readonly string[];
  /** An XML Schema pattern, anchored at both ends as XML Schema anchors it. */
  pattern?: RegExp;
}

export interface ComplexType {
  kind: 'complex';
  name: string;
  /** In document order, as the sequence declares them. */
  elements: readonly ElementDeclaration[];
}

export type XsdType = SimpleType | ComplexType;

export interface ElementDeclaration {
  name: string;
  /** A function, so that types may refer to each other in any order. */
  type: () => XsdType;
  /** minOccurs="0" */
  optional: boolean;
  /** maxOccurs above 1 or "unbounded": zero or more of it, read as a list. */
  repeated: boolean;
  /** nillable="true": may say xsi:nil="true". */
  nillable: boolean;
}

export interface SoapOperation {
  name: string;
  /** The binding's soapAction (SOAP 1.1's SOAPAction header, SOAP 1.2's action parameter). */
  action: string;
  /** The request's body element, in the schema's target namespace. */
  input: ElementDeclaration;
  /** The response's body element. */
  output: ElementDeclaration;
}

export interface WsdlService {
  name: string;
  soapVersion: '1.1' | '1.2';
  /** The port's soap:address: only its path is kept at run time (VENDOR_URL says where the system is). */
  address: string;
  /** The schema's target namespace: the body elements' namespace. */
  namespace: string;
  /** elementFormDefault="qualified": child elements are in the target namespace too. */
  qualified: boolean;
  operations: ReadonlyMap<string, SoapOperation>;
}

type Node = Record<string, unknown>;

class WsdlError extends Error {}

// Element names keep their prefixes so that each is resolved against the document's namespaces.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** Reads a WSDL description; throws one error naming `source` and what it cannot read. */
export function readWsdl(text: string, source: string): WsdlService {
  try {
    return new WsdlReader(text).service();
  } catch (error) {
    if (error instanceof WsdlError) throw new Error(`${source}: ${error.message}`, { cause: error });
    throw new Error(`${source} is not a readable WSDL description: ${(error as Error).message}`, { cause: error });
  }
}

class WsdlReader {
  /** prefix → namespace, from every declaration in the document (a prefix must mean one namespace throughout). */
  private readonly prefixes = new Map<string, string>();
  private readonly definitions: Node;
  private readonly schema: Node;
  private readonly namespace: string;
  private readonly types = new Map<string, XsdType>();
  private readonly elements = new Map<string, ElementDeclaration>();
  /** Every element declared, so that each type reference is resolved (and a wrong one refused) when the description is read. */
  private readonly declared: ElementDeclaration[] = [];

  constructor(text: string) {
    const document = parser.parse(text, true) as Node;
    this.collectPrefixes(document);
    const [definitions] = this.children(document, NS.wsdl, 'definitions');
    if (!definitions) throw new WsdlError('has no wsdl:definitions');
    this.definitions = definitions;
    const schemas = this.children(definitions, NS.wsdl, 'types').flatMap((t) => this.children(t, NS.xs, 'schema'));
    if (schemas.length !== 1) throw new WsdlError(`needs exactly one inline xs:schema in wsdl:types, has ${schemas.length}`);
    this.schema = schemas[0]!;
    this.namespace = attribute(this.schema, 'targetNamespace') ?? '';
    for (const unsupported of ['import', 'include', 'redefine', 'attribute', 'group', 'attributeGroup'])
      if (this.children(this.schema, NS.xs, unsupported).length > 0) throw new WsdlError(`xs:${unsupported} is not supported`);
    for (const node of this.children(this.schema, NS.xs, 'simpleType'))
      this.types.set(name(node), this.simpleType(node, name(node)));
    for (const node of this.children(this.schema, NS.xs, 'complexType'))
      this.types.set(name(node), this.complexType(node, name(node)));
    for (const node of this.children(this.schema, NS.xs, 'element')) this.elements.set(name(node), this.element(node, true));
  }

  service(): WsdlService {
    const services = this.children(this.definitions, NS.wsdl, 'service');
    const ports = services.flatMap((s) => this.children(s, NS.wsdl, 'port'));
    for (const port of ports) {
      const [address11] = this.children(port, NS.soap11, 'address');
      const [address12] = this.children(port, NS.soap12, 'address');
      const address = address11 ?? address12;
      if (!address) continue;
      const binding = this.named(NS.wsdl, 'binding', this.qname(attribute(port, 'binding')));
      const operations = this.operations(binding, address11 ? NS.soap11 : NS.soap12);
      for (const element of this.declared) element.type();
      return {
        name: name(services[0]!),
        soapVersion: address11 ? '1.1' : '1.2',
        address: attribute(address, 'location') ?? '/',
        namespace: this.namespace,
        qualified: attribute(this.schema, 'elementFormDefault') === 'qualified',
        operations,
      };
    }
    throw new WsdlError('has no wsdl:service with a SOAP port (soap:address or soap12:address)');
  }

  private operations(binding: Node, soapNs: string): Map<string, SoapOperation> {
    const [soapBinding] = this.children(binding, soapNs, 'binding');
    if (soapBinding && (attribute(soapBinding, 'style') ?? 'document') !== 'document')
      throw new WsdlError(`binding ${name(binding)}: only document style is supported`);
    const portType = this.named(NS.wsdl, 'portType', this.qname(attribute(binding, 'type')));
    const operations = new Map<string, SoapOperation>();
    for (const bound of this.children(binding, NS.wsdl, 'operation')) {
      const operationName = name(bound);
      const [soapOperation] = this.children(bound, soapNs, 'operation');
      if (soapOperation && (attribute(soapOperation, 'style') ?? 'document') !== 'document')
        throw new WsdlError(`operation ${operationName}: only document style is supported`);
      for (const direction of ['input', 'output']) {
        const body = this.children(bound, NS.wsdl, direction).flatMap((d) => this.children(d, soapNs, 'body'))[0];
        if (body && (attribute(body, 'use') ?? 'literal') !== 'literal')
          throw new WsdlError(`operation ${operationName}: only literal use is supported`);
      }
      const abstract = this.children(portType, NS.wsdl, 'operation').find((o) => name(o) === operationName);
      if (!abstract) throw new WsdlError(`portType ${name(portType)} has no operation ${operationName}`);
      operations.set(operationName, {
        name: operationName,
        action: (soapOperation && attribute(soapOperation, 'soapAction')) ?? '',
        input: this.messageElement(abstract, 'input', operationName),
        output: this.messageElement(abstract, 'output', operationName),
      });
    }
    return operations;
  }

  /** The one element a document/literal message carries. */
  private messageElement(operation: Node, direction: 'input' | 'output', operationName: string): ElementDeclaration {
    const [io] = this.children(operation, NS.wsdl, direction);
    if (!io) throw new WsdlError(`operation ${operationName} has no ${direction}`);
    const message = this.named(NS.wsdl, 'message', this.qname(attribute(io, 'message')));
    const parts = this.children(message, NS.wsdl, 'part');
    const element = parts.length === 1 ? attribute(parts[0]!, 'element') : undefined;
    if (!element) throw new WsdlError(`message ${name(message)}: document/literal needs exactly one part naming an element`);
    const { namespace, local } = this.qname(element);
    const declaration = namespace === this.namespace ? this.elements.get(local) : undefined;
    if (!declaration) throw new WsdlError(`message ${name(message)}: the schema declares no element ${local}`);
    return declaration;
  }

  private element(node: Node, topLevel: boolean): ElementDeclaration {
    if (attribute(node, 'ref')) throw new WsdlError('element ref is not supported');
    const elementName = name(node);
    const maxOccurs = attribute(node, 'maxOccurs') ?? '1';
    const typeName = attribute(node, 'type');
    const [complex] = this.children(node, NS.xs, 'complexType');
    const [simple] = this.children(node, NS.xs, 'simpleType');
    // An anonymous type is named after its element: the GraphQL type it becomes needs a name.
    const typeLabel = elementName.charAt(0).toUpperCase() + elementName.slice(1);
    const anonymous = complex ? this.complexType(complex, typeLabel) : simple ? this.simpleType(simple, typeLabel) : undefined;
    if (!anonymous && !typeName) throw new WsdlError(`element ${elementName} has no type`);
    let named: XsdType | undefined;
    const declaration: ElementDeclaration = {
      name: elementName,
      type: anonymous ? () => anonymous : () => (named ??= this.typeNamed(typeName!)),
      optional: !topLevel && attribute(node, 'minOccurs') === '0',
      repeated: maxOccurs === 'unbounded' || Number(maxOccurs) > 1,
      nillable: attribute(node, 'nillable') === 'true',
    };
    this.declared.push(declaration);
    return declaration;
  }

  private complexType(node: Node, typeName: string): ComplexType {
    for (const unsupported of ['choice', 'all', 'attribute', 'complexContent', 'simpleContent', 'anyAttribute'])
      if (this.children(node, NS.xs, unsupported).length > 0)
        throw new WsdlError(`complex type ${typeName}: xs:${unsupported} is not supported`);
    const sequences = this.children(node, NS.xs, 'sequence');
    if (sequences.some((s) => this.children(s, NS.xs, 'any').length > 0 || this.children(s, NS.xs, 'choice').length > 0))
      throw new WsdlError(`complex type ${typeName}: only elements are supported in its sequence`);
    const elements = sequences.flatMap((s) => this.children(s, NS.xs, 'element')).map((e) => this.element(e, false));
    return { kind: 'complex', name: typeName, elements };
  }

  private simpleType(node: Node, typeName: string): SimpleType {
    const [restriction] = this.children(node, NS.xs, 'restriction');
    if (!restriction) throw new WsdlError(`simple type ${typeName}: only xs:restriction is supported`);
    const base = this.typeNamed(attribute(restriction, 'base') ?? '');
    if (base.kind !== 'simple') throw new WsdlError(`simple type ${typeName} restricts a complex type`);
    const values = (facet: string) => this.children(restriction, NS.xs, facet).map((f) => attribute(f, 'value') ?? '');
    const enumeration = values('enumeration');
    const [pattern] = values('pattern');
    return {
      kind: 'simple',
      name: typeName,
      base: base.base,
      ...(enumeration.length > 0 && { enumeration }),
      ...(pattern !== undefined && { pattern: new RegExp(`^(?:${pattern})$`, 'u') }),
    };
  }

  private typeNamed(qualified: string): XsdType {
    const { namespace, local } = this.qname(qualified);
    if (namespace === NS.xs) {
      const base = BUILT_IN[local];
      if (!base) throw new WsdlError(`xs:${local} is not a supported built-in type`);
      return { kind: 'simple', name: `xs:${local}`, base };
    }
    const type = namespace === this.namespace ? this.types.get(local) : undefined;
    if (!type) throw new WsdlError(`the schema declares no type ${local}`);
    return type;
  }

  private named(namespace: string, kind: string, reference: { namespace: string; local: string }): Node {
    const found =
      reference.namespace === attribute(this.definitions, 'targetNamespace')
        ? this.children(this.definitions, namespace, kind).find((n) => name(n) === reference.local)
        : undefined;
    if (!found) throw new WsdlError(`has no wsdl:${kind} ${reference.local}`);
    return found;
  }

  private qname(value: string | undefined): { namespace: string; local: string } {
    const [prefix, local] = value?.includes(':') ? value.split(':', 2) : ['', value];
    const namespace = this.prefixes.get(prefix!);
    if (namespace === undefined || !local) throw new WsdlError(`cannot resolve the name ${value ?? '(none)'}`);
    return { namespace, local };
  }

  /** Child elements `namespace:local` of a node, whatever prefix the document gives them. */
  private children(node: Node, namespace: string, local: string): Node[] {
    return Object.entries(node).flatMap(([key, value]) => {
      if (key.startsWith('@_') || key === '#text') return [];
      const [prefix, keyLocal] = key.includes(':') ? key.split(':', 2) : ['', key];
      if (keyLocal !== local || this.prefixes.get(prefix!) !== namespace) return [];
      return (value as unknown[]).map((v) => (typeof v === 'object' && v !== null ? (v as Node) : {}));
    });
  }

  private collectPrefixes(node: unknown): void {
    if (Array.isArray(node)) return node.forEach((n) => this.collectPrefixes(n));
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const prefix = key === '@_xmlns' ? '' : key.startsWith('@_xmlns:') ? key.slice('@_xmlns:'.length) : undefined;
      if (prefix === undefined) {
        if (!key.startsWith('@_')) this.collectPrefixes(value);
        continue;
      }
      const known = this.prefixes.get(prefix);
      if (known !== undefined && known !== value)
        throw new WsdlError(`the prefix "${prefix}" names two namespaces; the kit needs one meaning per prefix`);
      this.prefixes.set(prefix, String(value));
    }
  }
}

function attribute(node: Node, attributeName: string): string | undefined {
  const value = node[`@_${attributeName}`];
  return typeof value === 'string' ? value : undefined;
}

function name(node: Node): string {
  const value = attribute(node, 'name');
  if (!value) throw new WsdlError('a declaration has no name');
  return value;
}
