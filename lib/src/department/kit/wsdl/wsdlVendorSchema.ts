import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLScalarType,
} from 'graphql';
import { REQUEST_ID_HEADER } from '../../../requestContext';
import { readBodyElement, readSoapBody, soapEnvelope, soapRequestHeaders } from './soapMessage';
import type { ComplexType, ElementDeclaration, SimpleBase, SoapOperation, WsdlService } from './wsdlDescription';

/** Where the SOAP system is and how long to wait for it (the kit's VendorSettings). */
export interface SoapCallSettings {
  /** VENDOR_URL: its origin replaces the WSDL's soap:address, whose path is kept. */
  url: string;
  timeoutMs: number;
}

const SCALAR: Record<SimpleBase, GraphQLScalarType> = {
  string: GraphQLString,
  int: GraphQLInt,
  float: GraphQLFloat,
  boolean: GraphQLBoolean,
};

/**
 * The SOAP system as a GraphQL schema, the shape the kit's VendorLookup reads an OpenAPI system in
 * (Omnigraph's): one Query field per operation, named as the WSDL names it, whose arguments are the
 * request element's children and whose type is the response: with the "wrapped" convention's one
 * child element, that child (a list when it repeats). A call posts the envelope with the request's
 * `x-request-id`, within the timeout; every answer is read against the schema's types.
 */
export function wsdlVendorSchema(service: WsdlService, settings: SoapCallSettings): GraphQLSchema {
  const endpoint = new URL(new URL(service.address, 'http://description.invalid').pathname, settings.url).toString();
  const objectTypes = new Map<string, GraphQLObjectType>();

  const objectType = (type: ComplexType): GraphQLObjectType => {
    let object = objectTypes.get(type.name);
    if (!object) {
      object = new GraphQLObjectType({
        name: type.name,
        fields: () => Object.fromEntries(type.elements.map((e) => [e.name, { type: outputType(e) }])),
      });
      objectTypes.set(type.name, object);
    }
    return object;
  };
  const outputType = (element: ElementDeclaration): GraphQLOutputType => {
    const type = element.type();
    const named = type.kind === 'simple' ? SCALAR[type.base] : objectType(type);
    if (element.repeated) return new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(named)));
    return element.optional || element.nillable ? named : new GraphQLNonNull(named);
  };
  const inputType = (operation: SoapOperation, element: ElementDeclaration): GraphQLInputType => {
    const type = element.type();
    if (type.kind !== 'simple')
      throw new Error(`operation ${operation.name}: the kit passes simple values only, and ${element.name} is not one`);
    const named = SCALAR[type.base];
    if (element.repeated) return new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(named)));
    return element.optional ? named : new GraphQLNonNull(named);
  };

  const fields: Record<string, GraphQLFieldConfig<unknown, { requestId?: string }>> = {};
  for (const operation of service.operations.values()) {
    const request = operation.input.type();
    const response = operation.output.type();
    if (request.kind !== 'complex' || response.kind !== 'complex')
      throw new Error(`operation ${operation.name}: its request and response elements must have children`);
    const [only, ...more] = response.elements;
    const unwrapped = only && more.length === 0 ? only : undefined;
    fields[operation.name] = {
      type: unwrapped ? outputType(unwrapped) : new GraphQLNonNull(objectType(response)),
      args: Object.fromEntries(request.elements.map((e) => [e.name, { type: inputType(operation, e) }])),
      resolve: async (_root, args: Record<string, unknown>, context) => {
        const answer = (await callSoap(service, operation, args, endpoint, settings.timeoutMs, context.requestId)) as Record<
          string,
          unknown
        >;
        return unwrapped ? answer[unwrapped.name] : answer;
      },
    };
  }
  return new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields }) });
}

/**
 * One SOAP call: its answer read against the response element's declaration. Anything else (no
 * answer in time, a refused connection, an HTTP error, a SOAP fault, XML that is not well-formed or
 * not of the declared types) throws, with a message that names what went wrong but carries nothing
 * of the answer.
 */
async function callSoap(
  service: WsdlService,
  operation: SoapOperation,
  args: Record<string, unknown>,
  endpoint: string,
  timeoutMs: number,
  requestId: string | undefined,
): Promise<unknown> {
  const body = soapEnvelope(service, operation.input, args);
  const headers = { ...soapRequestHeaders(service, operation.action), ...(requestId && { [REQUEST_ID_HEADER]: requestId }) };
  let status: number;
  let text: string;
  try {
    // The one signal bounds the whole exchange, the answer's body included.
    const response = await fetch(endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new Error(`${operation.name}: ${timedOut ? `no answer within ${timeoutMs} ms` : 'the system could not be reached'}`, {
      cause: error,
    });
  }
  const failed = (what: string, cause?: unknown) => new Error(`${operation.name} answered ${what}`, { cause });
  const ok = status >= 200 && status <= 299;
  let message: ReturnType<typeof readSoapBody>;
  try {
    message = readSoapBody(text);
  } catch (error) {
    throw failed(ok ? (error as Error).message : `HTTP ${status}`, error);
  }
  if (message.fault) throw failed(`a SOAP fault (HTTP ${status})`);
  if (!ok) throw failed(`HTTP ${status}`);
  try {
    return readBodyElement(message.body, operation.output);
  } catch (error) {
    throw failed((error as Error).message, error);
  }
}
