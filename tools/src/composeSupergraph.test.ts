import { readFileSync } from 'node:fs';
import { SUPERGRAPH_BANNER, SUPERGRAPH_PATH, committedSubgraphs, composeSupergraph } from './composeSupergraph';

describe('the committed supergraph', () => {
  const outcome = composeSupergraph(committedSubgraphs());

  it('composes from the committed subgraphs without errors or hints', () => {
    expect(outcome.ok ? [] : outcome.errors.map((e) => e.message)).toEqual([]);
    // Any hint (an inconsistent shared type, an unused override, …) is worth a look before it ships.
    expect(outcome.hints.map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
  });

  it('is exactly what `npm run schema:compose` writes (not stale)', () => {
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(SUPERGRAPH_BANNER + outcome.supergraphSdl + '\n');
  });

  it('keeps the @category directive of every department field (composeDirective)', () => {
    const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
    expect(sdl).toContain('employment: EmploymentCase @join__field(graph: EMPLOYMENT) @category(is: CASE)');
    expect(sdl).toContain('substanceAbuseTreatment: [PlanAction!] @category(is: SUBSTANCE_ABUSE)');
  });
});

describe("composition checks that a subgraph's schema and the registry agree on whose data it is (rule 11)", () => {
  const withPsychiatry = (declaration: string) =>
    committedSubgraphs().map((s) =>
      s.name === 'psychiatry' ? { ...s, sdl: s.sdl.replace(/extend schema[\s\S]*?\)\n/, `${declaration}\n`) } : s,
    );
  const messages = (declaration: string) => {
    const outcome = composeSupergraph(withPsychiatry(declaration));
    return outcome.ok ? [] : outcome.errors.map((e) => e.message);
  };

  it("keeps the region's organisation in the supergraph", () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toContain('organisation: "REGION_HOVEDSTADEN"');
  });

  it("refuses the region's psychiatry declared as the municipality's", () => {
    expect(messages('extend schema @department(subgraph: "psychiatry", code: "PSYCHIATRY", name: "Psykiatrien")')).toEqual([
      'subgraph "psychiatry" declares organisation KOEBENHAVNS_KOMMUNE, federation.json says REGION_HOVEDSTADEN',
    ]);
  });

  it('refuses it declared as another organisation', () => {
    expect(
      messages(
        'extend schema @department(subgraph: "psychiatry", code: "PSYCHIATRY", name: "Psykiatrien", organisation: "REGION_SJAELLAND")',
      ),
    ).toEqual(['subgraph "psychiatry" declares organisation REGION_SJAELLAND, federation.json says REGION_HOVEDSTADEN']);
  });
});
