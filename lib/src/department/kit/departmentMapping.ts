import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { DATA_CATEGORIES } from '../../departments';
import { parseCheckedJson } from '../../registry';
import { REPO_ROOT } from '../../repoRoot';

/** What the scaffold (`npm run department:new`) writes where a person must still choose a category. */
export const UNCLASSIFIED = 'UNCLASSIFIED';

const graphqlName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a GraphQL name: letters, digits and _');
/** A field's GraphQL type as written in SDL, e.g. `String!`, `[CareService!]`. */
const graphqlType = z.string().regex(/^\[?[A-Za-z_][A-Za-z0-9_]*!?\]?!?$/, 'a GraphQL type, e.g. String!, [CareService!]');
const category = z.enum([...DATA_CATEGORIES, UNCLASSIFIED], {
  error: `one of ${DATA_CATEGORIES.join(', ')} (or ${UNCLASSIFIED} until someone classifies it)`,
});

const field = z.strictObject({
  type: graphqlType,
  /** The field's own category; without one, its type's category is the field's. */
  category: category.optional(),
  description: z.string().optional(),
});

const ownType = z.strictObject({
  category,
  description: z.string().optional(),
  fields: z.record(graphqlName, field).refine((f) => Object.keys(f).length > 0, 'a type needs at least one field'),
});

/** How one entity's field is read from the system behind the department. */
const lookup = z.strictObject({
  /** The OpenAPI operationId, or the WSDL operation's name, that answers it. */
  operation: z.string().min(1),
  /** The operation's parameter that takes the citizen's CPR number. */
  cprParameter: z.string().min(1),
  /**
   * The operation takes many CPR numbers at once (an array parameter) and answers a list of records,
   * each naming its `cpr`; one call answers all citizens of a request. @default false
   */
  batch: z.boolean().default(false),
});

const entity = z.strictObject({
  /** The department's field on the entity, e.g. `care` on `Citizen`. */
  field: graphqlName,
  /** An own type of the mapping, or the shared `PlanSection` for a plan section. */
  type: graphqlName,
  category,
  description: z.string().optional(),
  lookup,
});

const mappingSchema = z
  .strictObject({
    $comment: z.string().optional(),
    /** The department's name as the `@department` declaration gives it; its code is the registry's. */
    name: z.string().min(1),
    /**
     * The organisation whose data it is when not the municipality's (docs/design.md rule 11), as the
     * `@department` declaration gives it; the registry's entry must name the same.
     */
    organisation: z.string().min(1).optional(),
    /** The OpenAPI description of the system behind the department, beside the mapping. */
    openapi: z.string().min(1).optional(),
    /** Or, for a SOAP system, its WSDL description (lib/src/department/kit/wsdl/wsdlDescription.ts says which WSDL). */
    wsdl: z.string().min(1).optional(),
    /** The vendor stand-in's seed data, beside the mapping (tests and `npm start`). */
    seed: z.string().optional(),
    entities: z.strictObject({ Citizen: entity.optional(), OnePlan: entity.optional() }),
    types: z.record(graphqlName, ownType),
  })
  .superRefine(
    (m, ctx) => {
      const [openapi, wsdl] = [typeof m.openapi === 'string', typeof m.wsdl === 'string'];
      if (openapi !== wsdl) return;
      ctx.addIssue({
        code: 'custom',
        path: [openapi ? 'wsdl' : 'openapi'],
        message: 'name the description of the system behind the department: openapi (REST) or wsdl (SOAP), one of them',
      });
    },
    // Checked even when other parts are wrong, so that every problem is reported at once.
    { when: () => true },
  )
  .superRefine(({ entities, types }, ctx) => {
    // An entity's type is one of the mapping's own, or the shared `PlanSection`.
    for (const [name, e] of Object.entries(entities)) {
      if (e && e.type !== 'PlanSection' && !(e.type in types))
        ctx.addIssue({
          code: 'custom',
          path: ['entities', name, 'type'],
          message: `${e.type} is neither one of the mapping's types nor PlanSection`,
        });
    }
  });

export type DepartmentMapping = z.infer<typeof mappingSchema>;
export type EntityMapping = z.infer<typeof entity>;
export type KitEntity = keyof DepartmentMapping['entities'];

/** The description of the system behind a department, as its mapping names it, with its path. */
export interface VendorDescription {
  kind: 'openapi' | 'wsdl';
  file: string;
}

export function vendorDescription(name: string, mapping: DepartmentMapping): VendorDescription {
  const dir = dirname(departmentMappingPath(name));
  return mapping.wsdl ? { kind: 'wsdl', file: join(dir, mapping.wsdl) } : { kind: 'openapi', file: join(dir, mapping.openapi!) };
}

/** Where a kit department's mapping lives: `subgraphs/<name>/department.json`. */
export function departmentMappingPath(name: string): string {
  return join(REPO_ROOT, 'subgraphs', name, 'department.json');
}

/** Parses a mapping; throws one error naming the file and every problem, each at its path in the file. */
export function parseDepartmentMapping(json: string, source: string): DepartmentMapping {
  return parseCheckedJson(json, source, mappingSchema, 'a valid department mapping');
}

export function loadDepartmentMapping(name: string): DepartmentMapping {
  const path = departmentMappingPath(name);
  return parseDepartmentMapping(readFileSync(path, 'utf8'), path);
}

/** Every place the mapping still says UNCLASSIFIED, as `Type.field` (or `Type` for a type). */
export function unclassified(mapping: DepartmentMapping): string[] {
  return [
    ...Object.entries(mapping.entities).flatMap(([name, e]) => (e?.category === UNCLASSIFIED ? [`${name}.${e.field}`] : [])),
    ...Object.entries(mapping.types).flatMap(([typeName, t]) => [
      ...(t.category === UNCLASSIFIED ? [typeName] : []),
      ...Object.entries(t.fields).flatMap(([f, d]) => (d.category === UNCLASSIFIED ? [`${typeName}.${f}`] : [])),
    ]),
  ];
}

const categoryOf = (c: string | undefined) => (c && c !== UNCLASSIFIED ? ` @category(is: ${c})` : '');
const describe = (d: string | undefined, indent = '') => (d ? `${indent}${JSON.stringify(d)}\n` : '');

/**
 * The department's own schema, written from its mapping as a hand-written department writes its
 * schema.graphql: the same shared header and checks apply to it. An UNCLASSIFIED category is left
 * out, so the category rule refuses the field until someone classifies it.
 */
export function departmentSdlFromMapping(subgraph: string, code: string, mapping: DepartmentMapping): string {
  const entities = Object.entries(mapping.entities).flatMap(([name, e]) =>
    e
      ? [
          `type ${name} @key(fields: "cpr") {\n  cpr: ID!\n${describe(e.description, '  ')}  ${e.field}: ${e.type}${categoryOf(e.category)}\n}\n`,
        ]
      : [],
  );
  const organisation = mapping.organisation ? `, organisation: ${JSON.stringify(mapping.organisation)}` : '';
  const types = Object.entries(mapping.types).map(
    ([name, t]) =>
      `${describe(t.description)}type ${name}${categoryOf(t.category)} {\n${Object.entries(t.fields)
        .map(([f, d]) => `${describe(d.description, '  ')}  ${f}: ${d.type}${categoryOf(d.category)}`)
        .join('\n')}\n}\n`,
  );
  return [
    `# Written by the department kit from subgraphs/${subgraph}/department.json. Edit the mapping, not this.`,
    `extend schema @department(subgraph: ${JSON.stringify(subgraph)}, code: ${JSON.stringify(code)}, name: ${JSON.stringify(mapping.name)}${organisation})\n`,
    ...entities,
    ...types,
  ].join('\n');
}
