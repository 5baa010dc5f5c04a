import { DATA_CATEGORIES } from './departments';
import { FINDING_FIELD } from './findingField';

/** Identity of enplan's own directive spec; the `@link` URL every subgraph imports `@category`, `@department` and `@infrastructure` from. */
export const CATEGORY_SPEC_URL = 'https://specs.enplan.dk/category/v1.0';

/**
 * The schema header every enplan subgraph starts with: Federation 2 links, the `@category`
 * directive kept in the supergraph by `@composeDirective`, and the shared enums. Prepended to each
 * subgraph's `schema.graphql`, so the definitions exist once.
 */
export const FEDERATION_HEADER_SDL = /* GraphQL */ `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@inaccessible", "@composeDirective", "@cost", "@listSize"])
  @link(url: "${CATEGORY_SPEC_URL}", import: ["@category", "@department", "@infrastructure"])
  @composeDirective(name: "@category")
  @composeDirective(name: "@department")
  @composeDirective(name: "@infrastructure")

"""
The kind of data a field holds. The gateway lets another department see a field only when the
citizen's consent covers its category. A field's category is its own \`@category\`, else its type's.
A field whose category differs from its type's must be nullable: a denial answers it with null.
"""
directive @category(is: DataCategory!) on FIELD_DEFINITION | OBJECT

"""
Declares, in a department subgraph's own schema, which department owns its data
(\`extend schema @department(subgraph: "housing", code: "HOUSING", name: "Boligsocial indsats")\`).
The gateway enforces consent for the fields of \`subgraph\` as that department's. \`subgraph\` is the
subgraph's name in federation.json: composition keeps every declaration in the supergraph, so the
name says whose it is. \`code\` must be the registry's code for that subgraph. \`organisation\`
names the data controller when it is not the municipality (\`REGION_HOVEDSTADEN\`), as the registry does.
"""
directive @department(subgraph: String!, code: String!, name: String!, organisation: String) repeatable on SCHEMA

"Declares a subgraph as municipal infrastructure rather than a department (its data is no one department's)."
directive @infrastructure(subgraph: String!, kind: InfrastructureKind!) repeatable on SCHEMA

"CONSENT: consents and the access log. PLAN: the joint part of the one plan."
enum InfrastructureKind { CONSENT PLAN }

"""
A municipal department that owns citizen data, by its code in the federation's registry
(federation.json), e.g. "EMPLOYMENT". A scalar, not an enum: a department joins the federation
without a change to any other subgraph's schema. Written as a string or, as before, an enum-like name.
"""
scalar Department

"""
CASE: that a case exists, its status and caseworker. PLAN: goals, actions, follow-ups.
BENEFITS: payments. HEALTH and SUBSTANCE_ABUSE: GDPR art. 9 special categories.
FAMILY: the citizen's children and the measures for them.
"""
enum DataCategory { ${DATA_CATEGORIES.join(' ')} }

"A caseworker (sagsbehandler)."
type Caseworker @shareable @category(is: CASE) {
  id: ID!
  name: String!
  department: Department!
  phone: String
}
`;

/**
 * Types every department uses in the same shape: its section of the one plan, and the building
 * blocks of a case. Dates are ISO 8601 strings (YYYY-MM-DD).
 */
export const DEPARTMENT_TYPES_SDL = /* GraphQL */ `
  extend type Citizen {
    """
    For the candidate finder only (lib/src/department/findingCheck.ts): does the citizen have an
    open case in this department, yes or no. Inaccessible: not in the gateway's API, so no client
    query can select it; each department answers only the finder's own signed call for it alone.
    Shareable only because every department has it; each answers for itself.
    """
    ${FINDING_FIELD}: Boolean! @shareable @inaccessible @category(is: CASE)
  }

  "One department's part of the citizen's one plan (its handleplan / indsatsplan)."
  type PlanSection @shareable @category(is: PLAN) {
    department: Department!
    caseworker: Caseworker @category(is: CASE)
    goals: [Goal!]!
    actions: [PlanAction!]!
    nextFollowUp: String
  }

  enum CaseStatus {
    OPEN
    CLOSED
  }

  "A goal, in the citizen's own words where they gave them."
  type Goal @shareable @category(is: PLAN) {
    id: ID!
    description: String!
  }

  "An action (indsats) with the law it rests on."
  type PlanAction @shareable @category(is: PLAN) {
    id: ID!
    title: String!
    legalBasis: String!
    responsible: Caseworker @category(is: CASE)
    startDate: String
    endDate: String
    followUpDate: String
  }

  "A payment the citizen receives."
  type Benefit @shareable @category(is: BENEFITS) {
    kind: String!
    legalBasis: String!
    monthlyAmountDkk: Int!
    since: String!
  }

  "A health record the department holds (e.g. a medical certificate)."
  type HealthNote @shareable @category(is: HEALTH) {
    summary: String!
    source: String!
    recordedOn: String!
  }
`;

/**
 * What every department's case carries besides its own fields, added to each case type (the type a
 * department's `Citizen` field returns, lib/src/subgraphs.ts), so it is declared here once.
 */
export function departmentCaseSdl(caseType: string): string {
  return /* GraphQL */ `
  extend type ${caseType} {
    """
    The citizen's name as this department's case records it. CASE data like the case itself: a
    caseworker reads it from their own department's case, another department's only under consent.
    """
    citizenName: String @category(is: CASE)
  }
`;
}
