import { z } from 'zod';

/** A department code as schemas, tokens, consents and the access log carry it: `EMPLOYMENT`, `HOUSING`. */
export const DEPARTMENT_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

/** An organisation code: the data controller a subgraph's data belongs to, e.g. `REGION_HOVEDSTADEN`. */
const ORGANISATION_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

const departmentCode = z.string().regex(DEPARTMENT_CODE, 'a department code is upper case letters, digits and _, e.g. HOUSING');
const subgraphName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'a subgraph name is lower case letters, digits and -, e.g. housing');

const common = {
  name: subgraphName,
  /** The port of the demo/compose setup; the URL baked into the committed supergraph. */
  defaultPort: z.number().int().min(1024).max(65_535),
  /** `demo`: seeded with the demo personas (and SYNTHETIC_CITIZENS generated ones) on first start. */
  seed: z.enum(['demo', 'none']),
  /** Subgraphs that must be up before this one starts. */
  needs: z.array(subgraphName).default([]),
};

/** A demo caseworker of a department: a demo token (`npm run token -- <id>`) and a caseworker record in every store. */
const demoCaseworker = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{3,40}$/),
  name: z.string().min(1),
  phone: z.string().nullable(),
});

/**
 * A data controller taking part in the federation (docs/design.md rule 11). The municipality runs
 * the federation; another organisation (a region) owns its departments' data as a separate controller.
 */
const organisation = z.strictObject({
  code: z.string().regex(ORGANISATION_CODE, 'an organisation code is upper case letters, digits and _, e.g. REGION_HOVEDSTADEN'),
  name: z.string().min(1),
  /** PROVIDER: carries out measures (a botilbud, støttetilbud; rule 12); owns no department and no citizen data. */
  kind: z.enum(['MUNICIPALITY', 'REGION', 'PROVIDER']),
  /** A provider's demo staff: a demo token each (`./enplan token prov-1`). */
  staff: z.array(demoCaseworker.omit({ phone: true })).optional(),
});

/** A registry that names no organisations has the one municipality that runs it. */
const DEFAULT_ORGANISATIONS = [{ code: 'MUNICIPALITY', name: 'Kommunen', kind: 'MUNICIPALITY' as const }];

const subgraphEntry = z.discriminatedUnion('kind', [
  /** Owns citizen data under consent; its schema declares the same code with `@department`. */
  z.strictObject({
    kind: z.literal('department'),
    department: departmentCode,
    /** The organisation (data controller) whose department it is; absent = the municipality. */
    organisation: z.string().optional(),
    demoCaseworkers: z.array(demoCaseworker).default([]),
    ...common,
  }),
  /** Municipal infrastructure: the consent service, the joint plan. */
  z.strictObject({ kind: z.enum(['consent', 'plan']), ...common }),
]);

const registrySchema = z
  .strictObject({
    $comment: z.string().optional(),
    organisations: z.array(organisation).min(1).default(DEFAULT_ORGANISATIONS),
    subgraphs: z.array(subgraphEntry).min(1),
  })
  .superRefine(({ organisations, subgraphs }, ctx) => {
    const seen = (key: (s: (typeof subgraphs)[number]) => unknown, what: string) => {
      const values = subgraphs.map(key).filter((v) => v !== undefined);
      for (const duplicate of new Set(values.filter((v, i) => values.indexOf(v) !== i))) {
        ctx.addIssue({ code: 'custom', message: `${what} ${String(duplicate)} appears more than once` });
      }
    };
    seen((s) => s.name, 'subgraph');
    const codes = organisations.map((o) => o.code);
    for (const duplicate of new Set(codes.filter((c, i) => codes.indexOf(c) !== i)))
      ctx.addIssue({ code: 'custom', message: `organisation ${duplicate} appears more than once` });
    if (organisations.filter((o) => o.kind === 'MUNICIPALITY').length !== 1)
      ctx.addIssue({ code: 'custom', message: 'exactly one organisation must be the MUNICIPALITY that runs the federation' });
    for (const s of subgraphs) {
      if (s.kind === 'department' && s.organisation !== undefined && !codes.includes(s.organisation))
        ctx.addIssue({ code: 'custom', message: `${s.name} belongs to organisation ${s.organisation}, which is not listed` });
      const owner = organisations.find((o) => s.kind === 'department' && o.code === s.organisation);
      if (owner?.kind === 'PROVIDER')
        ctx.addIssue({ code: 'custom', message: `${s.name} belongs to provider ${owner.code}: a provider owns no department` });
    }
    for (const o of organisations) {
      if (o.staff !== undefined && o.kind !== 'PROVIDER')
        ctx.addIssue({ code: 'custom', message: `organisation ${o.code} lists staff: only a PROVIDER's staff are listed here` });
    }
    seen((s) => s.defaultPort, 'port');
    seen((s) => (s.kind === 'department' ? s.department : undefined), 'department');
    const caseworkerIds = [
      ...subgraphs.flatMap((s) => (s.kind === 'department' ? s.demoCaseworkers.map((c) => c.id) : [])),
      ...organisations.flatMap((o) => (o.staff ?? []).map((member) => member.id)),
    ];
    for (const id of new Set(caseworkerIds.filter((c, i) => caseworkerIds.indexOf(c) !== i)))
      ctx.addIssue({ code: 'custom', message: `caseworker ${id} appears more than once` });
    for (const kind of ['consent', 'plan'] as const) {
      if (subgraphs.filter((s) => s.kind === kind).length !== 1)
        ctx.addIssue({ code: 'custom', message: `exactly one subgraph must be of kind ${kind}` });
    }
    subgraphs.forEach((s, i) => {
      for (const need of s.needs) {
        const at = subgraphs.findIndex((t) => t.name === need);
        if (at < 0 || at >= i)
          ctx.addIssue({ code: 'custom', message: `${s.name} needs ${need}, which must be listed before it` });
      }
    });
  });

/** A subgraph of the enplan federation, as the registry lists it. */
export type SubgraphDescriptor = z.infer<typeof subgraphEntry>;
export type SubgraphKind = SubgraphDescriptor['kind'];
export type Registry = z.infer<typeof registrySchema>;

/** Parses a JSON file's text and checks it with `schema`; throws one error naming `source` and every problem at its path. */
export function parseCheckedJson<S extends z.ZodType>(json: string, source: string, schema: S, what: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`${source} is not ${what}:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** Parses and checks a registry; throws one error naming the file and every problem. */
export function parseRegistry(json: string, source: string): Registry {
  return parseCheckedJson(json, source, registrySchema, 'a valid federation registry');
}

/** The registry in force and what follows from it, computed once when it is installed. */
interface Installed {
  registry: Registry;
  departments: readonly string[];
  /** Department code → the organisation whose it is. */
  organisationOf: ReadonlyMap<string, Organisation>;
  municipality: Organisation;
  demoCaseworkers: ReadonlyArray<DemoCaseworker>;
}

/** A data controller of the federation: the municipality, or another organisation such as a region. */
export type Organisation = Readonly<z.infer<typeof organisation>>;

/** A demo caseworker, with their department's code. */
export type DemoCaseworker = Readonly<{ id: string; name: string; department: string; phone: string | null }>;

let installed: Installed | undefined;

/**
 * Makes a checked registry the one this process runs: `loadRegistry()` (lib/src/registryFile.ts) does
 * it when a service starts. Until then every question below throws, so nothing decides on no registry.
 */
export function installRegistry(registry: Registry): void {
  const municipality = registry.organisations.find((o) => o.kind === 'MUNICIPALITY') as Organisation;
  const byCode = new Map(registry.organisations.map((o) => [o.code, o]));
  installed = {
    registry,
    municipality,
    organisationOf: new Map(
      registry.subgraphs.flatMap((s) =>
        s.kind === 'department'
          ? [[s.department, s.organisation ? (byCode.get(s.organisation) as Organisation) : municipality]]
          : [],
      ),
    ),
    departments: registry.subgraphs.flatMap((s) => (s.kind === 'department' ? [s.department] : [])),
    demoCaseworkers: registry.subgraphs.flatMap((s) =>
      s.kind === 'department' ? s.demoCaseworkers.map((c) => ({ ...c, department: s.department })) : [],
    ),
  };
}

function current(): Installed {
  if (!installed) {
    throw new Error(
      'The federation registry is not loaded: call loadRegistry() (lib/src/registryFile.ts) when the service starts, before anything asks about subgraphs or departments.',
    );
  }
  return installed;
}

/** Every subgraph, in start order. */
export function registeredSubgraphs(): readonly SubgraphDescriptor[] {
  return current().registry.subgraphs;
}

/** The department codes of the federation: a consent, a token or a log entry naming another is refused. */
export function departmentCodes(): readonly string[] {
  return current().departments;
}

/** The demo caseworkers of every department, with their department's code. */
export function demoCaseworkers(): ReadonlyArray<DemoCaseworker> {
  return current().demoCaseworkers;
}

export function subgraphDescriptor(name: string): SubgraphDescriptor {
  const subgraphs = registeredSubgraphs();
  const descriptor = subgraphs.find((s) => s.name === name);
  if (!descriptor) throw new Error(`Unknown subgraph "${name}"; known: ${subgraphs.map((s) => s.name).join(', ')}`);
  return descriptor;
}

/** Where the demo's stand-in for a kit department's system listens, given the port the department listens on. */
export function vendorPortOf(departmentPort: number): number {
  return departmentPort + 100;
}

/** The department a subgraph of the registry serves, or undefined for a service (consent, plan). */
export function departmentOf(subgraphName: string): string | undefined {
  const descriptor = registeredSubgraphs().find((s) => s.name === subgraphName);
  return descriptor?.kind === 'department' ? descriptor.department : undefined;
}

/** The municipality that runs the federation: it owns every department no other organisation is registered for. */
export function municipality(): Organisation {
  return current().municipality;
}

/** The organisation (data controller) whose department this is; undefined for a code the registry does not list. */
export function organisationOf(department: string): Organisation | undefined {
  return current().organisationOf.get(department);
}

/** A provider's demo staff member, with their organisation's code. */
export type ProviderStaff = Readonly<{ id: string; name: string; organisation: string }>;

/** The demo staff of every provider (`./enplan token prov-1`). */
export function providerStaff(): ReadonlyArray<ProviderStaff> {
  return current().registry.organisations.flatMap((o) => (o.staff ?? []).map((m) => ({ ...m, organisation: o.code })));
}

/** A provider of the registry by its code, or undefined. */
export function providerOrganisation(code: unknown): Organisation | undefined {
  return current().registry.organisations.find((o) => o.code === code && o.kind === 'PROVIDER');
}

/**
 * Whether data passing from `owner` to `recipient` leaves one data controller for another (rule 11):
 * such a disclosure needs explicit consent evidence (sundhedsloven § 43). Unknown codes count as crossing.
 */
export function crossesOrganisation(owner: string, recipient: string): boolean {
  const from = organisationOf(owner);
  const to = organisationOf(recipient);
  return from === undefined || to === undefined || from.code !== to.code;
}
