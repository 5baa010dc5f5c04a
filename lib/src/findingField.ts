import { Kind, parse } from 'graphql';

/**
 * The one question a department answers the candidate finder (docs/design.md rule 14): does this citizen
 * have an open case here, yes or no. Declared once for every department in lib/src/federationSdl.ts.
 */
export const FINDING_FIELD = 'activeCaseHere';

/** The finder runs in the plan subgraph and signs its calls to the departments with the plan's own key, as itself. */
export const FINDER_SERVICE = 'plan' as const;
export const FINDER_ISSUER = `enplan-${FINDER_SERVICE}`;

/**
 * The gateway's half of the rule, checked on the supergraph before anything is served: the finding
 * field must be `@inaccessible` wherever it is declared, so no client operation can name it and the
 * query planner never fetches it. A supergraph that exposes it is refused (fail closed).
 */
export function findingFieldProblems(supergraphSdl: string): string[] {
  const problems: string[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const field = definition.fields?.find((f) => f.name.value === FINDING_FIELD);
    if (field && !field.directives?.some((d) => d.name.value === 'inaccessible'))
      problems.push(`${definition.name.value}.${FINDING_FIELD} is the candidate finder's alone and must be @inaccessible`);
  }
  return problems;
}
