import { readFileSync, readdirSync } from 'node:fs';
import { registeredSubgraphs, subgraphSchemaPath } from '@enplan/lib';
import { OPERATIONS_DIR } from './operationsStep';
import { runSchemaCheck } from './runSchemaCheck';

const committedEmployment = readFileSync(subgraphSchemaPath('employment'), 'utf8');

/** Every other subgraph of the registry, as composition names them: sorted, quoted, `"a", "b" and "c"`. */
const everyOtherSubgraph = (() => {
  const quoted = registeredSubgraphs()
    .map((s) => s.name)
    .filter((name) => name !== 'employment')
    .sort()
    .map((name) => `"${name}"`);
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
})();

/** The committed employment schema with one edit; fails loudly if the edit no longer applies. */
function employmentWith(search: string | RegExp, replacement: string): string {
  const proposed = committedEmployment.replace(search, replacement);
  if (proposed === committedEmployment) throw new Error(`fixture no longer matches: ${search}`);
  return proposed;
}

describe('runSchemaCheck', () => {
  // How CI runs the check: every committed subgraph against the committed supergraph.
  test.each(registeredSubgraphs().map((s) => [s.name, s.kind] as const))(
    'the committed %s subgraph passes',
    async (subgraph, kind) => {
      const result = await runSchemaCheck({ subgraph });

      expect(result).toEqual({
        subgraph,
        ok: true,
        composition: { ok: true, errors: [] },
        changes: [],
        // Every registered operation, each file named after its operation.
        operations: readdirSync(OPERATIONS_DIR)
          .filter((f) => f.endsWith('.graphql'))
          .sort()
          .map((f) => f.replace(/\.graphql$/, ''))
          .map((name) => ({
            name,
            file: `operations/${name}.graphql`,
            ok: true,
            errors: [],
          })),
        consentLint: kind === 'department' ? { missingCategory: [], privacyChanges: [] } : null,
      });
    },
  );

  test('an optional field with a category passes as a safe change', async () => {
    const proposedSdl = employmentWith(
      '  openedOn: String!\n',
      '  openedOn: String!\n  "ISO 8601 date of the last review of the case."\n  lastReviewedOn: String @category(is: PLAN)\n',
    );

    const result = await runSchemaCheck({ subgraph: 'employment', proposedSdl });

    expect(result.ok).toBe(true);
    expect(result.changes).toEqual([
      {
        criticality: 'NON_BREAKING',
        type: 'FIELD_ADDED',
        path: 'EmploymentCase.lastReviewedOn',
        message: "Field 'lastReviewedOn' was added to object type 'EmploymentCase'",
      },
      {
        criticality: 'NON_BREAKING',
        type: 'FIELD_DESCRIPTION_ADDED',
        path: 'EmploymentCase.lastReviewedOn',
        message: "Field 'EmploymentCase.lastReviewedOn' has description 'ISO 8601 date of the last review of the case.'",
      },
    ]);
    expect(result.consentLint).toEqual({ missingCategory: [], privacyChanges: [] });
  });

  test('removing a field a frontend queries is breaking and names the operations it breaks', async () => {
    const proposedSdl = employmentWith(`  "The kind of case, e.g. 'Kontanthjælp, aktivitetsparat'."\n  kind: String!\n`, '');

    const result = await runSchemaCheck({ subgraph: 'employment', proposedSdl });

    expect(result.ok).toBe(false);
    expect(result.composition.ok).toBe(true);
    expect(result.changes).toEqual([
      {
        criticality: 'BREAKING',
        type: 'FIELD_REMOVED',
        path: 'EmploymentCase.kind',
        message: "Field 'kind' was removed from object type 'EmploymentCase'",
        deprecated: false,
      },
    ]);
    const reason = 'Cannot query field "kind" on type "EmploymentCase". Did you mean "id"?';
    expect(result.operations?.filter((o) => !o.ok)).toEqual([
      { name: 'Caseload', file: 'operations/Caseload.graphql', ok: false, errors: [reason] },
      { name: 'CitizenPlan', file: 'operations/CitizenPlan.graphql', ok: false, errors: [reason] },
    ]);
  });

  test('a field without a data category, on itself or its type, fails composition and the consent lint', async () => {
    const proposedSdl =
      employmentWith(
        '  employment: EmploymentCase @category(is: CASE)\n',
        '  employment: EmploymentCase @category(is: CASE)\n  notes: [Note!]!\n',
      ) + '\n"A free-text note on the case."\ntype Note {\n  text: String!\n}\n';

    const result = await runSchemaCheck({ subgraph: 'employment', proposedSdl });

    expect(result.ok).toBe(false);
    // The supergraph would let data past consent: the gateway would refuse it, so composition does.
    expect(result.composition.errors.map((e) => [e.code, e.message])).toEqual([
      [
        'ENPLAN_CONSENT_ENFORCEMENT',
        'subgraph "employment", field Citizen.notes has no data category: department EMPLOYMENT must give every field one (@category on the field or its type)',
      ],
      [
        'ENPLAN_CONSENT_ENFORCEMENT',
        'subgraph "employment", field Note.text has no data category: department EMPLOYMENT must give every field one (@category on the field or its type)',
      ],
    ]);
    expect(result.consentLint).toEqual({
      missingCategory: [
        { subgraph: 'employment', type: 'Citizen', field: 'notes' },
        { subgraph: 'employment', type: 'Note', field: 'text' },
      ],
      privacyChanges: [],
    });
  });

  test('an SDL that does not compose fails with the error and where it is', async () => {
    const proposedSdl = employmentWith(
      'type Citizen @key(fields: "cpr") {\n  cpr: ID!',
      'type Citizen @key(fields: "cpr") {\n  cpr: String!',
    );

    const result = await runSchemaCheck({ subgraph: 'employment', proposedSdl });

    expect(result.ok).toBe(false);
    expect(result.composition.errors).toEqual([
      {
        code: 'FIELD_TYPE_MISMATCH',
        message: `Type of field "Citizen.cpr" is incompatible across subgraphs: it has type "ID!" in subgraphs ${everyOtherSubgraph} but type "String!" in subgraph "employment"`,
        locations: expect.arrayContaining([{ subgraph: 'employment', line: 7, column: 3, coordinate: 'Citizen.cpr' }]),
      },
    ]);
    // Without a supergraph there is nothing to diff or validate against.
    expect(result.changes).toBeNull();
    expect(result.operations).toBeNull();
  });

  test('a syntax error is located in the proposed schema.graphql, not in the prepended header', async () => {
    const proposedSdl = employmentWith('  openedOn: String!\n', '  openedOn String!\n');

    const result = await runSchemaCheck({ subgraph: 'employment', proposedSdl });

    expect(result.composition.errors).toEqual([
      {
        code: 'GRAPHQL_PARSE_FAILED',
        message: 'Syntax Error: Expected ":", found Name "String".',
        locations: [{ subgraph: 'employment', line: 24, column: 12 }],
      },
    ]);
    expect(result.consentLint).toBeNull();
  });

  test('lowering a field’s category is a privacy change that needs review', async () => {
    const proposedSdl = employmentWith(/(healthNotes: .* @category\(is: )HEALTH\)/, '$1PLAN)');

    const result = await runSchemaCheck({ subgraph: 'employment', proposedSdl });

    expect(result.ok).toBe(false);
    expect(result.changes).toEqual([]);
    expect(result.consentLint).toEqual({
      missingCategory: [],
      privacyChanges: [
        { type: 'EmploymentCase', field: 'healthNotes', from: 'HEALTH', to: 'PLAN', direction: 'lowered', needsReview: true },
      ],
    });
  });
});
