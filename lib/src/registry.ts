import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The registry of the federation: one file for what no schema says (ports, seeds, start order, department codes). */
export const REGISTRY_PATH = join(REPO_ROOT, 'federation.json');

/** A department code as schemas, tokens, consents and the access log carry it: `EMPLOYMENT`, `HOUSING`. */
export const DEPARTMENT_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

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

const subgraphEntry = z.discriminatedUnion('kind', [
  /** Owns citizen data under consent; its schema declares the same code with `@department`. */
  z.strictObject({
    kind: z.literal('department'),
    department: departmentCode,
    demoCaseworkers: z.array(demoCaseworker).default([]),
    ...common,
  }),
  /** Municipal infrastructure: the consent service, the joint plan. */
  z.strictObject({ kind: z.enum(['consent', 'plan']), ...common }),
]);

const registrySchema = z
  .strictObject({ $comment: z.string().optional(), subgraphs: z.array(subgraphEntry).min(1) })
  .superRefine(({ subgraphs }, ctx) => {
    const seen = (key: (s: (typeof subgraphs)[number]) => unknown, what: string) => {
      const values = subgraphs.map(key).filter((v) => v !== undefined);
      for (const duplicate of new Set(values.filter((v, i) => values.indexOf(v) !== i))) {
        ctx.addIssue({ code: 'custom', message: `${what} ${String(duplicate)} appears more than once` });
      }
    };
    seen((s) => s.name, 'subgraph');
    seen((s) => s.defaultPort, 'port');
    seen((s) => (s.kind === 'department' ? s.department : undefined), 'department');
    const caseworkerIds = subgraphs.flatMap((s) => (s.kind === 'department' ? s.demoCaseworkers.map((c) => c.id) : []));
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

/** Parses and checks a registry; throws one error naming the file and every problem. */
export function parseRegistry(json: string, source = REGISTRY_PATH): Registry {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = registrySchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`${source} is not a valid federation registry:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** The registry this checkout runs, read once at load: a broken registry stops every service at start-up. */
export const REGISTRY: Registry = parseRegistry(readFileSync(REGISTRY_PATH, 'utf8'));

/** Every subgraph, in start order. */
export const SUBGRAPHS: readonly SubgraphDescriptor[] = REGISTRY.subgraphs;

/** The department codes of the federation: a consent, a token or a log entry naming another is refused. */
export const DEPARTMENTS: readonly string[] = SUBGRAPHS.flatMap((s) => (s.kind === 'department' ? [s.department] : []));

/** The demo caseworkers of every department, with their department's code. */
export const DEMO_CASEWORKERS: ReadonlyArray<{ id: string; name: string; department: string; phone: string | null }> =
  SUBGRAPHS.flatMap((s) => (s.kind === 'department' ? s.demoCaseworkers.map((c) => ({ ...c, department: s.department })) : []));

export function subgraphDescriptor(name: string): SubgraphDescriptor {
  const descriptor = SUBGRAPHS.find((s) => s.name === name);
  if (!descriptor) throw new Error(`Unknown subgraph "${name}"; known: ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  return descriptor;
}

/** The department a subgraph of the registry serves, or undefined for a service (consent, plan). */
export function departmentOf(subgraphName: string): string | undefined {
  const descriptor = SUBGRAPHS.find((s) => s.name === subgraphName);
  return descriptor?.kind === 'department' ? descriptor.department : undefined;
}
