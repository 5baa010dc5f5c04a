import { municipality, namedType, organisationOf, type FederationRoles } from '@enplan/lib';
import { Router } from 'express';
import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';

/** A department as the web app shows it: its name, and where its data sits in the API. */
export interface WebDepartment {
  code: string;
  /** As the department's schema declares it (`@department(name:)`). */
  name: string;
  /** Its section of the one plan: the `OnePlan` field it serves (a `PlanSection`), if any. */
  planSection?: string;
  /** Its case about the citizen: the `Citizen` field it serves whose type has `kind status openedOn caseworker citizenName`, if any. */
  citizenCase?: string;
  /** The name of its organisation when that is not the municipality: a separate data controller (rule 11). */
  organisation?: string;
}

/** The fields the web app reads of every department's case (CaseworkerPlan; the name also in the caseload and requests). */
const CASE_FIELDS = ['kind', 'status', 'openedOn', 'caseworker', 'citizenName'];

function graphOf(field: FieldDefinitionNode): string | undefined {
  const join = field.directives?.find((d: ConstDirectiveNode) => d.name.value === 'join__field');
  const graph = join?.arguments?.find((a) => a.name.value === 'graph')?.value;
  return graph?.kind === Kind.ENUM ? graph.value : undefined;
}

/**
 * The departments of a supergraph for the web app, in the order they declare themselves: the web
 * app names none of them (issue #24: a new department is one folder and one registry entry, and
 * the app shows its name, its plan section and its case without a change).
 */
export function webDepartments(supergraphSdl: string, { roles }: FederationRoles): WebDepartment[] {
  const document = parse(supergraphSdl);
  const types = new Map<string, ObjectTypeDefinitionNode>();
  const graphs = new Map<string, string>(); // subgraph name → join__Graph value
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) types.set(definition.name.value, definition);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = value.directives
          ?.find((d) => d.name.value === 'join__graph')
          ?.arguments?.find((a) => a.name.value === 'name')?.value;
        graphs.set(name?.kind === Kind.STRING ? name.value : value.name.value.toLowerCase(), value.name.value);
      }
    }
  }
  const servedBy = (typeName: string, graph: string | undefined, fits: (type: ObjectTypeDefinitionNode | undefined) => boolean) =>
    types.get(typeName)?.fields?.find((f) => graphOf(f) === graph && fits(types.get(namedType(f.type))))?.name.value;
  const hasCaseFields = (type: ObjectTypeDefinitionNode | undefined) =>
    CASE_FIELDS.every((name) => type?.fields?.some((f) => f.name.value === name));
  return [...roles].flatMap(([subgraph, role]) => {
    if (role.kind !== 'department') return [];
    const graph = graphs.get(subgraph);
    const planSection = servedBy('OnePlan', graph, (type) => type?.name.value === 'PlanSection');
    const citizenCase = servedBy('Citizen', graph, hasCaseFields);
    const owner = organisationOf(role.code);
    const organisation = owner && owner.code !== municipality().code ? owner.name : undefined;
    return [
      {
        code: role.code,
        name: role.name,
        ...(planSection && { planSection }),
        ...(citizenCase && { citizenCase }),
        ...(organisation && { organisation }),
      },
    ];
  });
}

/** `GET /web/departments`: the list above, for the web app (public: it says what the schema says). */
export function webDepartmentsRoute(departments: readonly WebDepartment[]): Router {
  const router = Router();
  router.get('/web/departments', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.json(departments);
  });
  return router;
}
