import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument, type YAMLMap } from 'yaml';
import { readWsdl, UNCLASSIFIED, type DepartmentMapping, type ElementDeclaration, type SimpleBase } from '@enplan/lib';

/** An OpenAPI schema object, as far as the scaffold reads it. */
interface JsonSchema {
  $ref?: string;
  type?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface OpenApiOperation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>;
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}
interface OpenApi {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Types every department shares (lib/src/federationSdl.ts): a description's schema of that name is taken to be it. */
const SHARED_TYPES = new Set(['Caseworker', 'PlanSection', 'Goal', 'PlanAction', 'Benefit', 'HealthNote']);
const SCALARS: Record<string, string> = { string: 'String', integer: 'Int', number: 'Float', boolean: 'Boolean' };
const pascal = (s: string) =>
  s.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');

/**
 * The mapping a department team starts from: the description's first operation that takes a
 * `cpr` parameter resolves the department's field on `Citizen` (batched when the parameter is a
 * list), and every property of what it answers becomes a field, recursively, each marked
 * UNCLASSIFIED. Neither the kit nor the schema check accepts it until a person has chosen every
 * category (and removed what the department shall not share).
 */
export function scaffoldMapping(name: string, openapi: OpenApi, openapiFile: string): DepartmentMapping {
  const schemas = openapi.components?.schemas ?? {};
  const types: DepartmentMapping['types'] = {};
  const resolve = (schema: JsonSchema | undefined): [JsonSchema, string | undefined] => {
    const ref = schema?.$ref?.split('/').at(-1);
    return ref ? [schemas[ref] ?? {}, ref] : [schema ?? {}, undefined];
  };
  const typeOf = (schema: JsonSchema | undefined, suggested: string): string => {
    const [resolved, ref] = resolve(schema);
    if (resolved.type === 'array') return `[${typeOf(resolved.items, suggested)}!]`;
    if (ref && SHARED_TYPES.has(ref)) return ref;
    if (resolved.properties) return objectType(resolved, pascal(ref ?? suggested));
    return SCALARS[resolved.type ?? ''] ?? 'String';
  };
  const objectType = (schema: JsonSchema, typeName: string): string => {
    if (types[typeName]) return typeName;
    types[typeName] = { category: UNCLASSIFIED, fields: {} };
    const fields = Object.entries(schema.properties ?? {}).filter(([property]) => property !== 'cpr');
    types[typeName].fields = Object.fromEntries(
      fields.map(([property, s]) => {
        const type = typeOf(s, `${typeName}${pascal(property)}`);
        const required = schema.required?.includes(property) && !type.startsWith('[');
        return [property, { type: required ? `${type}!` : type, category: UNCLASSIFIED }];
      }),
    );
    return typeName;
  };

  const operations = Object.values(openapi.paths ?? {}).flatMap((methods) => Object.values(methods));
  const lookup = operations.find((o) => o.operationId && o.parameters?.some((p) => p.name === 'cpr'));
  if (!lookup?.operationId) throw new Error(`${openapiFile} has no operation with a cpr parameter to look a citizen up by`);
  const parameter = lookup.parameters!.find((p) => p.name === 'cpr')!;
  const [answer] = resolve(lookup.responses?.['200']?.content?.['application/json']?.schema);
  const record = answer.type === 'array' ? answer.items : answer;
  const type = typeOf(record, `${pascal(name)}Case`).replace(/[[\]!]/g, '');
  const batch = resolve(parameter.schema)[0].type === 'array';
  return scaffolded(name, openapiFile, { openapi: OPENAPI_FILE }, { operation: lookup.operationId, type, batch }, types);
}

/**
 * The same for a SOAP system: the WSDL's first operation whose request takes a `cpr` element
 * (batched when it repeats); its response's one child is the record, every element of it a field.
 */
export function scaffoldMappingFromWsdl(name: string, wsdl: string, wsdlFile: string): DepartmentMapping {
  const service = readWsdl(wsdl, wsdlFile);
  const types: DepartmentMapping['types'] = {};
  const children = (element: ElementDeclaration) => {
    const type = element.type();
    return type.kind === 'complex' ? type.elements : [];
  };
  const typeOf = (element: ElementDeclaration): string => {
    const type = element.type();
    const named =
      type.kind === 'simple'
        ? WSDL_SCALARS[type.base]
        : SHARED_TYPES.has(type.name)
          ? type.name
          : objectType(type.name, type.elements);
    if (element.repeated) return `[${named}!]`;
    return element.optional || element.nillable ? named : `${named}!`;
  };
  const objectType = (typeName: string, elements: readonly ElementDeclaration[]): string => {
    const graphqlName = pascal(typeName);
    if (types[graphqlName]) return graphqlName;
    types[graphqlName] = { category: UNCLASSIFIED, fields: {} };
    types[graphqlName].fields = Object.fromEntries(
      elements.filter((e) => e.name !== 'cpr').map((e) => [e.name, { type: typeOf(e), category: UNCLASSIFIED }]),
    );
    return graphqlName;
  };

  const lookup = [...service.operations.values()].find((o) => children(o.input).some((e) => e.name === 'cpr'));
  if (!lookup) throw new Error(`${wsdlFile} has no operation whose request takes a cpr element to look a citizen up by`);
  const [record, ...more] = children(lookup.output);
  const recordType = record?.type();
  if (!record || more.length > 0 || recordType?.kind !== 'complex')
    throw new Error(`${wsdlFile}: ${lookup.name}'s response must hold one element, the record`);
  const type = objectType(recordType.name, recordType.elements);
  const batch = children(lookup.input).find((e) => e.name === 'cpr')!.repeated;
  return scaffolded(name, wsdlFile, { wsdl: WSDL_FILE }, { operation: lookup.name, type, batch }, types);
}

const OPENAPI_FILE = 'openapi.json';
const WSDL_FILE = 'service.wsdl';
const WSDL_SCALARS: Record<SimpleBase, string> = { string: 'String', int: 'Int', float: 'Float', boolean: 'Boolean' };

/** A scaffolded mapping: the description it names, the Citizen lookup, every type UNCLASSIFIED. */
function scaffolded(
  name: string,
  sourceFile: string,
  description: { openapi: string } | { wsdl: string },
  { operation, type, batch }: { operation: string; type: string; batch: boolean },
  types: DepartmentMapping['types'],
): DepartmentMapping {
  return {
    $comment: `Scaffolded by npm run department:new from ${basename(sourceFile)}. Classify every UNCLASSIFIED (${'CASE, PLAN, BENEFITS, HEALTH, SUBSTANCE_ABUSE, FAMILY'}); remove what the department shall not share.`,
    name: pascal(name),
    ...description,
    entities: {
      Citizen: {
        field: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
        type,
        category: UNCLASSIFIED,
        lookup: { operation, cprParameter: 'cpr', batch },
      },
    },
    types,
  };
}

export interface ScaffoldOptions {
  name: string;
  /** The system's description: an OpenAPI file, or with `wsdl` a WSDL file. */
  descriptionFile: string;
  /** The description is a SOAP system's WSDL. @default false */
  wsdl?: boolean;
  /** The repository to write into. */
  root: string;
}

/**
 * `npm run department:new -- <name> --openapi <spec.json>` (or `--wsdl <service.wsdl>`): the department's folder (its
 * description and a mapping to classify), its registry entry and its docker-compose service.
 * Returns the files it wrote.
 */
export function scaffoldDepartment({ name, descriptionFile, wsdl = false, root }: ScaffoldOptions): string[] {
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(name))
    throw new Error(`"${name}" is not a subgraph name (lower case letters, digits and -)`);
  const folder = join(root, 'subgraphs', name);
  if (existsSync(folder)) throw new Error(`subgraphs/${name} exists already`);
  const text = readFileSync(descriptionFile, 'utf8');
  const mapping = wsdl
    ? scaffoldMappingFromWsdl(name, text, descriptionFile)
    : scaffoldMapping(name, JSON.parse(text) as OpenApi, descriptionFile);
  const copy = wsdl ? WSDL_FILE : OPENAPI_FILE;
  mkdirSync(folder, { recursive: true });
  copyFileSync(descriptionFile, join(folder, copy));
  writeFileSync(join(folder, 'department.json'), `${JSON.stringify(mapping, null, 2)}\n`);

  const registryFile = join(root, 'federation.json');
  const registry = JSON.parse(readFileSync(registryFile, 'utf8')) as { subgraphs: Array<{ name: string; defaultPort: number }> };
  if (registry.subgraphs.some((s) => s.name === name)) throw new Error(`federation.json lists ${name} already`);
  const port = Math.max(...registry.subgraphs.map((s) => s.defaultPort)) + 1;
  const code = name.toUpperCase().replace(/-/g, '_');
  registry.subgraphs.push({
    name,
    kind: 'department',
    department: code,
    defaultPort: port,
    seed: 'demo',
    demoCaseworkers: [],
  } as never);
  writeFileSync(registryFile, `${JSON.stringify(registry, null, 2)}\n`);

  const composeFile = join(root, 'docker-compose.yml');
  const compose = parseDocument(readFileSync(composeFile, 'utf8'));
  // As the other kit departments' services: the same anchors, its own port, data file and volume.
  const template = compose.getIn(['services', 'housing']) as YAMLMap | undefined;
  if (!template) throw new Error('docker-compose.yml has no housing service to model the new one on');
  const service = template.clone() as YAMLMap;
  service.set('command', compose.createNode(['node', 'tools/dist/kitDepartment.js', name], { flow: true }));
  service.setIn(['environment', 'PORT'], port);
  service.setIn(['environment', 'DATABASE_FILE'], `/data/${name}.sqlite`);
  service.setIn(['environment', 'VENDOR_URL'], `\${${code}_VENDOR_URL:?set ${code}_VENDOR_URL}`);
  service.delete('depends_on');
  service.set('volumes', compose.createNode([`${name}-data:/data`]));
  service.commentBefore = ` ${mapping.name}: a kit department (subgraphs/${name}/department.json); its system is ${code}_VENDOR_URL.`;
  compose.setIn(['services', name], service);
  compose.setIn(['volumes', `${name}-data`], null);
  writeFileSync(composeFile, compose.toString());
  return [`subgraphs/${name}/${copy}`, `subgraphs/${name}/department.json`, 'federation.json', 'docker-compose.yml'];
}
