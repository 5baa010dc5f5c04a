import { Kind, parse, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { CategoryClassifier } from './categoryClassifier';
import { isDepartmentCode, type Department } from './departments';
import { enplanDirectiveName, stringArg } from './schemaDirectives';

/** What a subgraph of a supergraph is, as its own schema declares it. */
export type SubgraphRole =
  /** `organisation`: the data controller the schema declares; absent for the municipality. */
  | { kind: 'department'; code: Department; name: string; organisation?: string }
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
        const organisation = stringArg(directive, 'organisation');
        declare(stringArg(directive, 'subgraph'), {
          kind: 'department',
          code,
          name: stringArg(directive, 'name') ?? code,
          ...(organisation !== undefined && { organisation }),
        });
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

  const classifier = CategoryClassifier.of(document);
  const typeGraphs = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const graphs = (definition.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => stringArg(d, 'graph'));
    typeGraphs.set(
      definition.name.value,
      graphs.filter((graph) => graph !== undefined),
    );
  }
  for (const { type, field, category: fieldCategory, node } of classifier.fields()) {
    for (const { graph, external } of servingGraphs(node, typeGraphs.get(type) ?? [])) {
      const subgraph = graphNames.get(graph) ?? graph;
      const role = roles.get(subgraph);
      const where = `subgraph "${subgraph}", field ${type}.${field}`;
      if (external || classifier.isKeyField(type, field, graph)) continue;
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
  return { roles, problems: [...new Set(problems)] };
}
