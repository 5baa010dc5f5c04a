import { readFileSync } from 'node:fs';
import DataLoader from 'dataloader';
import {
  execute,
  getNamedType,
  isObjectType,
  parse,
  type GraphQLError,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { errors } from '../../errors';
import type { Logger } from '../../logger';
import { perRequest } from '../../perRequest';
import { currentRequestId, REQUEST_ID_HEADER } from '../../requestContext';
import type { EntityMapping, VendorDescription } from './departmentMapping';
import { wsdlVendorSchema } from './wsdl/wsdlVendorSchema';
import { readWsdl } from './wsdl/wsdlDescription';

/** A record as the system behind the department answers it: plain JSON, already checked against its description. */
export type VendorRecord = Record<string, unknown>;

/** Where the system behind a kit department is, and how long the department waits for it. */
export interface VendorSettings {
  /** Its base URL (VENDOR_URL); the description's own `servers` entry is only the demo's. */
  url: string;
  /** @default 1500, below the gateway's own subgraph timeout (SUBGRAPH_TIMEOUT_MS, 5000) so the answer names this department. */
  timeoutMs: number;
}

/**
 * The system behind a department as a GraphQL schema: one field per operation, executed over HTTP,
 * every answer checked against the description. An OpenAPI description is read by Omnigraph's
 * OpenAPI loader; a WSDL by the kit's own reader (wsdl/: @omnigraph/soap 0.96 inverts required and
 * optional elements and reads "0101804321" as a number). Each call carries the request's
 * `x-request-id` (from the execution's context, VendorLookup's `fetch`), so the vendor's own log
 * names the request that asked, as the department's does.
 */
export async function loadVendorSchema(
  name: string,
  description: VendorDescription,
  settings: VendorSettings,
): Promise<GraphQLSchema> {
  if (description.kind === 'wsdl')
    return wsdlVendorSchema(readWsdl(readFileSync(description.file, 'utf8'), description.file), settings);
  // Loaded here, not at the top: every process imports lib, and only a kit department needs the
  // OpenAPI loader (about 50 MiB of heap and 1.5 s of start-up in the gateway and each subgraph).
  const { loadGraphQLSchemaFromOpenAPI } = await import('@omnigraph/openapi');
  return loadGraphQLSchemaFromOpenAPI(name, {
    source: description.file,
    endpoint: settings.url,
    timeout: settings.timeoutMs,
    // Omnigraph interpolates a header's value from the execution's context at each call.
    operationHeaders: { [REQUEST_ID_HEADER]: '{context.requestId}' },
  });
}

/**
 * The selection of `vendorType` that answers `ownType`: every field both have, object fields
 * recursively. What the department does not declare is never asked for, so it cannot leak.
 */
function selectionFor(ownType: GraphQLObjectType, vendorType: GraphQLObjectType): string {
  const vendorFields = vendorType.getFields();
  const selected = Object.values(ownType.getFields()).flatMap((field) => {
    const vendorField = vendorFields[field.name];
    if (!vendorField) return [];
    const own = getNamedType(field.type);
    const theirs = getNamedType(vendorField.type);
    if (isObjectType(own) && isObjectType(theirs)) return [`${field.name} ${selectionFor(own, theirs)}`];
    return isObjectType(own) || isObjectType(theirs) ? [] : [field.name];
  });
  return `{ ${selected.join(' ')} }`;
}

/** Whether the system said "no such record" (HTTP 404): for a single lookup, the citizen has none. */
function isNotFound(error: GraphQLError): boolean {
  const response = error.extensions?.response as { status?: unknown } | undefined;
  return response?.status === 404;
}

/**
 * Reads one entity's records, per request batched into one call where the operation takes many
 * CPR numbers. Anything but an answer that matches the description (timeout, refused connection,
 * HTTP error, malformed or mistyped body) is DEPARTMENT_UNAVAILABLE naming the department, logged
 * with the operation and the first error's message only (the vendor's URL carries the CPR).
 */
export class VendorLookup {
  private readonly document;
  private readonly loaderOf = perRequest(
    () => new DataLoader((cprs: readonly string[]) => this.fetch(cprs), { maxBatchSize: this.entity.lookup.batch ? 100 : 1 }),
  );

  constructor(
    private readonly vendor: GraphQLSchema,
    ownSchema: GraphQLSchema,
    private readonly entity: EntityMapping,
    private readonly subgraph: string,
    private readonly logger: Logger,
  ) {
    const operation = vendor.getQueryType()?.getFields()[entity.lookup.operation];
    if (!operation) throw new Error(`${subgraph}: the description has no operation ${entity.lookup.operation}`);
    const argument = operation.args.find((a) => a.name === entity.lookup.cprParameter);
    if (!argument)
      throw new Error(`${subgraph}: operation ${entity.lookup.operation} has no parameter ${entity.lookup.cprParameter}`);
    const ownType = ownSchema.getType(entity.type);
    const vendorType = getNamedType(operation.type);
    if (!isObjectType(ownType) || !isObjectType(vendorType))
      throw new Error(`${subgraph}: ${entity.lookup.operation} must answer an object like ${entity.type}`);
    let selection = selectionFor(ownType, vendorType);
    if (entity.lookup.batch) {
      // A batch answer is matched to the citizens who asked by the CPR each record names.
      if (!vendorType.getFields().cpr) throw new Error(`${subgraph}: the records of ${operation.name} must name their cpr`);
      selection = selection.replace(/^\{/, '{ cpr');
    }
    this.document = parse(
      `query Lookup($cpr: ${String(argument.type)}) { answer: ${operation.name}(${argument.name}: $cpr) ${selection} }`,
    );
  }

  /** The record for one citizen, or null when the system has none. `request`: the request's context, so a request's lookups share one batch. */
  load(request: object, cpr: string): Promise<VendorRecord | null> {
    return this.loaderOf(request).load(cpr);
  }

  private async fetch(cprs: readonly string[]): Promise<Array<VendorRecord | null>> {
    const { batch } = this.entity.lookup;
    const result = await execute({
      schema: this.vendor,
      document: this.document,
      variableValues: { cpr: batch ? cprs : cprs[0] },
      contextValue: { requestId: currentRequestId() },
    });
    const failure = result.errors?.find((e) => batch || !isNotFound(e));
    if (failure) {
      this.logger.warn('the system behind the department failed', {
        subgraph: this.subgraph,
        operation: this.entity.lookup.operation,
        message: failure.message,
        path: failure.path,
      });
      throw errors.departmentUnavailable(this.subgraph);
    }
    const answer = (result.data?.answer ?? null) as VendorRecord | VendorRecord[] | null;
    if (!batch) return [Array.isArray(answer) ? null : answer];
    const byCpr = new Map((answer as VendorRecord[] | null)?.map((r) => [r.cpr, r]));
    return cprs.map((cpr) => byCpr.get(cpr) ?? null);
  }
}
