import { Kind, parse, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { CATEGORY_SPEC_URL } from './federationSdl';
import { isDataCategory, isDepartmentCode, type Department } from './departments';

/** What a subgraph of a supergraph is, as its own schema declares it. */
export type SubgraphRole =
  | { kind: 'department'; code: Department; name: string }
  | { kind: 'consent' }
  | { kind: 'plan' }
  /** Declares nothing: a plain federation subgraph, refused in production unless explicitly allowed. */
  | { kind: 'unclassified' };

/** The roles of a supergraph's subgraphs, and every reason enforcement could not be built from it. */
export interface FederationRoles {
  /** Subgraph name (as in `@join__graph(name:)`) → role. */
  readonly roles: ReadonlyMap<string, SubgraphRole>;
  /** Each names subgraph, type and field where one is at fault. Empty when enforcement is complete. */
  readonly problems: readonly string[];
}

function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return arg.value.kind === Kind.STRING || arg.value.kind === Kind.ENUM ? arg.value.value : undefined;
}

/**
 * The local name of one of enplan's directives (`@category`, `@department`, `@infrastructure`) in a
 * supergraph: whatever `@link(url: …/category/…, import: [...])` imported it as. Undefined when the
 * supergraph does not link the spec.
 */
export function enplanDirectiveName(document: DocumentNode, directive: `@${string}`): string | undefined {
  const specIdentity = CATEGORY_SPEC_URL.slice(0, CATEGORY_SPEC_URL.lastIndexOf('/'));
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link' || !stringArg(link, 'url')?.startsWith(specIdentity + '/')) continue;
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      if (imports?.kind === Kind.LIST) {
        for (const item of imports.values) {
          if (item.kind === Kind.STRING && item.value === directive) return directive.slice(1);
          if (item.kind === Kind.OBJECT) {
            const field = (n: string) => item.fields.find((f) => f.name.value === n)?.value;
            const name = field('name');
            const as = field('as');
            if (name?.kind === Kind.STRING && name.value === directive) {
              return as?.kind === Kind.STRING ? as.value.replace(/^@/, '') : directive.slice(1);
            }
          }
        }
      }
      return `${specIdentity.split('/').pop()}__${directive.slice(1)}`;
    }
  }
  return undefined;
}

/** The graphs a field is served by: its `@join__field(graph:)`s, else every graph of its type. */
function servingGraphs(field: FieldDefinitionNode, typeGraphs: readonly string[]): Array<{ graph: string; external: boolean }> {
  const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
  if (joins.length === 0) return typeGraphs.map((graph) => ({ graph, external: false }));
  return joins.flatMap((d) => {
    const graph = stringArg(d, 'graph');
    const external = d.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value);
    return graph ? [{ graph, external: external === true }] : [];
  });
}

/**
 * Reads, from a supergraph alone, which subgraph is which department (its `@department`), which is
 * infrastructure (`@infrastructure`), and checks that nothing escapes consent: deny by default.
 *
 * - A subgraph that serves a field with a data category but declares no department: a problem.
 * - A field a department serves without a data category (its own or its type's): a problem; key and
 *   external fields excepted (they identify the entity, they are not the department's data).
 * - A declaration naming no subgraph of the supergraph, or two declarations for one subgraph or one code.
 */
export function readFederationRoles(supergraph: string | DocumentNode): FederationRoles {
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const problems: string[] = [];
  const category = enplanDirectiveName(document, '@category');
  const department = enplanDirectiveName(document, '@department');
  const infrastructure = enplanDirectiveName(document, '@infrastructure');

  // join__Graph enum value (EMPLOYMENT) → subgraph name (employment)
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const joinGraph = value.directives?.find((d) => d.name.value === 'join__graph');
      graphNames.set(value.name.value, (joinGraph && stringArg(joinGraph, 'name')) ?? value.name.value.toLowerCase());
    }
  }
  const subgraphNames = new Set(graphNames.values());

  const roles = new Map<string, SubgraphRole>();
  const declare = (subgraph: string | undefined, role: SubgraphRole) => {
    if (!subgraph || !subgraphNames.has(subgraph)) {
      problems.push(`a ${role.kind} declaration names subgraph "${subgraph ?? ''}", which is not in the supergraph`);
    } else if (roles.has(subgraph)) {
      problems.push(`subgraph "${subgraph}" is declared more than once (@department / @infrastructure)`);
    } else {
      roles.set(subgraph, role);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value === department) {
        const code = stringArg(directive, 'code');
        if (!isDepartmentCode(code)) {
          problems.push(
            `subgraph "${stringArg(directive, 'subgraph') ?? ''}" declares department code "${code ?? ''}": use upper case letters, digits and _`,
          );
          continue;
        }
        declare(stringArg(directive, 'subgraph'), { kind: 'department', code, name: stringArg(directive, 'name') ?? code });
      } else if (directive.name.value === infrastructure) {
        const kind = stringArg(directive, 'kind');
        if (kind === 'CONSENT' || kind === 'PLAN')
          declare(stringArg(directive, 'subgraph'), { kind: kind === 'CONSENT' ? 'consent' : 'plan' });
        else
          problems.push(
            `subgraph "${stringArg(directive, 'subgraph') ?? ''}" declares an unknown infrastructure kind "${kind ?? ''}"`,
          );
      }
    }
  }
  const codes = [...roles.values()].flatMap((r) => (r.kind === 'department' ? [r.code] : []));
  for (const code of new Set(codes.filter((c, i) => codes.indexOf(c) !== i)))
    problems.push(`department ${code} is declared by more than one subgraph`);
  for (const name of subgraphNames) if (!roles.has(name)) roles.set(name, { kind: 'unclassified' });

  const categoryOf = (directives: readonly ConstDirectiveNode[] | undefined) => {
    const found = directives?.find((d) => d.name.value === category);
    const value = found && stringArg(found, 'is');
    return isDataCategory(value) ? value : undefined;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    const typeCategory = categoryOf(definition.directives);
    const typeGraphs: string[] = [];
    const keys = new Map<string, Set<string>>();
    for (const joinType of definition.directives ?? []) {
      if (joinType.name.value !== 'join__type') continue;
      const graph = stringArg(joinType, 'graph');
      if (!graph) continue;
      typeGraphs.push(graph);
      const key = stringArg(joinType, 'key');
      if (key) keys.set(graph, new Set([...(keys.get(graph) ?? []), ...key.split(/[\s{}]+/).filter(Boolean)]));
    }
    for (const field of definition.fields ?? []) {
      const fieldCategory = categoryOf(field.directives) ?? typeCategory;
      for (const { graph, external } of servingGraphs(field, typeGraphs)) {
        const subgraph = graphNames.get(graph) ?? graph;
        const role = roles.get(subgraph);
        const where = `subgraph "${subgraph}", field ${typeName}.${field.name.value}`;
        if (external || keys.get(graph)?.has(field.name.value)) continue;
        if (fieldCategory && role?.kind === 'unclassified') {
          problems.push(
            `${where} has @category(is: ${fieldCategory}) but the subgraph declares no department: add \`extend schema @department(subgraph: "${subgraph}", code: …, name: …)\``,
          );
        }
        if (!fieldCategory && role?.kind === 'department') {
          problems.push(
            `${where} has no data category: department ${role.code} must give every field one (@category on the field or its type)`,
          );
        }
      }
    }
  }
  return { roles, problems: [...new Set(problems)] };
}
