import { PERSONAS, municipality, organisationOf, registeredSubgraphs, syntheticCitizens } from '@enplan/lib';

/**
 * The citizens the finder looks through in the demo: the personas and the synthetic citizens every
 * subgraph is seeded with. A municipality would give it its own list of residents instead.
 */
export function* demoPopulation(synthetic: number): Generator<string> {
  for (const persona of Object.values(PERSONAS)) yield persona.cpr;
  for (const citizen of syntheticCitizens(synthetic)) yield citizen.cpr;
}

/** Where a department listens: `SUBGRAPH_URL_<NAME>` as the gateway reads it, else its default port. */
const urlFromEnv =
  (env: NodeJS.ProcessEnv) =>
  (name: string, defaultPort: number): string =>
    env[`SUBGRAPH_URL_${name.toUpperCase()}`] ?? `http://127.0.0.1:${defaultPort}/graphql`;

/**
 * Every municipal department of the registry (federation.json), where `urlOf` says it listens: a new
 * department is asked without a change here. Another organisation's departments (the region's
 * psychiatry) are never asked: the finder is the municipality's, on its legal basis (rule 14), and a
 * region's yes would cross a controller (rule 11).
 */
export function registryDepartments(
  urlOf: (name: string, defaultPort: number) => string = urlFromEnv(process.env),
): Array<{ name: string; url: () => string }> {
  return registeredSubgraphs()
    .filter((s) => s.kind === 'department' && organisationOf(s.department) === municipality())
    .map((s) => ({ name: s.name, url: () => urlOf(s.name, s.defaultPort) }));
}
