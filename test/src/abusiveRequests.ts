/**
 * The requests of issue #14 that a caseworker's valid token could send to starve everyone else:
 * used by the end-to-end tests (test/src/demandControl.test.ts) and the load test (bench/demandControl.ts).
 */

/** `count` distinct, valid CPR numbers of synthetic citizens (born 1 January 1980, serial 2000…). */
export function someCprs(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `010180${String(2000 + i).padStart(4, '0')}`);
}

/** One operation of 30 aliases of `citizens(cprs: $cprs)`: with 100 CPRs, 3,000 citizens. */
export function amplifyingOperation(selection = 'cpr social { kind }'): string {
  const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: citizens(cprs: $cprs) { ${selection} }`).join(' ');
  return `query Amplify($cprs: [ID!]!) { ${aliases} }`;
}

/** The 30,000-citizen request: a batch of 10 amplifying operations, each for `cprs` (100 of them). */
export function amplificationBatch(cprs: readonly string[]): Array<{ query: string; variables: { cprs: readonly string[] } }> {
  return Array.from({ length: 10 }, () => ({ query: amplifyingOperation(), variables: { cprs } }));
}

/** A selection `depth` fields deep (`{a{a{…}}}`), in few characters. */
export function deepQuery(depth: number): string {
  return `{${'a{'.repeat(depth)}b${'}'.repeat(depth)}}`;
}

/** A valid-looking query of about `characters` characters (84 KB in the issue): many aliases of one field. */
export function overlongQuery(characters: number): string {
  const alias = (i: number) => `c${i}: citizen(cpr: "0101804321") { cpr } `;
  let query = '{ ';
  for (let i = 0; query.length < characters; i++) query += alias(i);
  return `${query}}`;
}
