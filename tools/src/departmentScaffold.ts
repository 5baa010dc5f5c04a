import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument, type YAMLMap } from 'yaml';
import { UNCLASSIFIED, type DepartmentMapping } from '@enplan/lib';

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
  return {
    $comment: `Scaffolded by npm run department:new from ${basename(openapiFile)}. Classify every UNCLASSIFIED (${'CASE, PLAN, BENEFITS, HEALTH, SUBSTANCE_ABUSE, FAMILY'}); remove what the department shall not share.`,
    name: pascal(name),
    openapi: 'openapi.json',
    entities: {
      Citizen: {
        field: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
        type,
        category: UNCLASSIFIED,
        lookup: { operation: lookup.operationId, cprParameter: 'cpr', batch: resolve(parameter.schema)[0].type === 'array' },
      },
    },
    types,
  };
}

export interface ScaffoldOptions {
  name: string;
  openapiFile: string;
  /** The repository to write into. */
  root: string;
}

/**
 * `npm run department:new -- <name> --openapi <spec.json>`: the department's folder (its
 * description and a mapping to classify), its registry entry and its docker-compose service.
 * Returns the files it wrote.
 */
export function scaffoldDepartment({ name, openapiFile, root }: ScaffoldOptions): string[] {
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(name))
    throw new Error(`"${name}" is not a subgraph name (lower case letters, digits and -)`);
  const folder = join(root, 'subgraphs', name);
  if (existsSync(folder)) throw new Error(`subgraphs/${name} exists already`);
  const openapi = JSON.parse(readFileSync(openapiFile, 'utf8')) as OpenApi;
  const mapping = scaffoldMapping(name, openapi, openapiFile);
  mkdirSync(folder, { recursive: true });
  copyFileSync(openapiFile, join(folder, 'openapi.json'));
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
  return [`subgraphs/${name}/openapi.json`, `subgraphs/${name}/department.json`, 'federation.json', 'docker-compose.yml'];
}
