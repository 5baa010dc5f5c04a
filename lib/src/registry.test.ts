import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Lib from './index';
import {
  crossesOrganisation,
  departmentCodes,
  municipality,
  organisationOf,
  providerStaff,
  registeredSubgraphs,
  parseRegistry,
} from './registry';

const entry = (over: Record<string, unknown>) => ({
  name: 'employment',
  kind: 'department',
  department: 'EMPLOYMENT',
  defaultPort: 4001,
  seed: 'demo',
  ...over,
});
const infrastructure = [
  { name: 'consent', kind: 'consent', defaultPort: 4004, seed: 'demo' },
  { name: 'plan', kind: 'plan', defaultPort: 4005, seed: 'demo', needs: ['consent'] },
];
const registry = (...subgraphs: unknown[]) => JSON.stringify({ subgraphs: [...subgraphs, ...infrastructure] });

describe('the federation registry (federation.json)', () => {
  test('the committed registry lists every subgraph, the consent service before the plan, and the department codes', () => {
    const names = registeredSubgraphs().map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['employment', 'social', 'children', 'consent', 'plan']));
    expect(names.indexOf('consent')).toBeLessThan(names.indexOf('plan'));
    expect(departmentCodes()).toEqual(registeredSubgraphs().flatMap((s) => (s.kind === 'department' ? [s.department] : [])));
    expect(departmentCodes()).toEqual(expect.arrayContaining(['EMPLOYMENT', 'SOCIAL', 'CHILDREN']));
  });

  test.each([
    ['a department without a code', registry(entry({ department: undefined })), 'subgraphs.0.department'],
    ['a code in lower case', registry(entry({ department: 'housing' })), 'a department code is upper case letters'],
    [
      'two subgraphs on one port',
      registry(entry({}), entry({ name: 'housing', department: 'HOUSING' })),
      'port 4001 appears more than once',
    ],
    [
      'one department twice',
      registry(entry({}), entry({ name: 'jobs', defaultPort: 4009 })),
      'department EMPLOYMENT appears more than once',
    ],
    ['an unknown kind', registry(entry({ kind: 'provider' })), 'subgraphs.0.kind'],
    ['an unknown key (a typo)', registry(entry({ defaultport: 1 })), 'defaultport'],
    [
      'a need listed after',
      JSON.stringify({ subgraphs: [...infrastructure].reverse() }),
      'plan needs consent, which must be listed before it',
    ],
    ['no consent service', JSON.stringify({ subgraphs: [entry({})] }), 'exactly one subgraph must be of kind consent'],
    [
      'a department of an organisation not listed',
      registry(entry({ organisation: 'REGION_HOVEDSTADEN' })),
      'employment belongs to organisation REGION_HOVEDSTADEN, which is not listed',
    ],
    [
      'two municipalities',
      JSON.stringify({
        organisations: [
          { code: 'KOEBENHAVNS_KOMMUNE', name: 'Københavns Kommune', kind: 'MUNICIPALITY' },
          { code: 'FREDERIKSBERG_KOMMUNE', name: 'Frederiksberg Kommune', kind: 'MUNICIPALITY' },
        ],
        subgraphs: [entry({}), ...infrastructure],
      }),
      'exactly one organisation must be the MUNICIPALITY that runs the federation',
    ],
    [
      'one organisation twice',
      JSON.stringify({
        organisations: [
          { code: 'KOEBENHAVNS_KOMMUNE', name: 'Københavns Kommune', kind: 'MUNICIPALITY' },
          { code: 'KOEBENHAVNS_KOMMUNE', name: 'Region', kind: 'REGION' },
        ],
        subgraphs: [entry({}), ...infrastructure],
      }),
      'organisation KOEBENHAVNS_KOMMUNE appears more than once',
    ],
    [
      'a department of a provider',
      JSON.stringify({
        organisations: [
          { code: 'KOEBENHAVNS_KOMMUNE', name: 'Københavns Kommune', kind: 'MUNICIPALITY' },
          { code: 'BOSTEDET', name: 'Bostedet', kind: 'PROVIDER' },
        ],
        subgraphs: [entry({ organisation: 'BOSTEDET' }), ...infrastructure],
      }),
      'employment belongs to provider BOSTEDET: a provider owns no department',
    ],
    [
      'staff listed for the region',
      JSON.stringify({
        organisations: [
          { code: 'KOEBENHAVNS_KOMMUNE', name: 'Københavns Kommune', kind: 'MUNICIPALITY' },
          { code: 'REGION', name: 'Regionen', kind: 'REGION', staff: [{ id: 'reg-9', name: 'X' }] },
        ],
        subgraphs: [entry({}), ...infrastructure],
      }),
      "organisation REGION lists staff: only a PROVIDER's staff are listed here",
    ],
    ['not JSON', '{ subgraphs: ', 'is not JSON'],
  ])('refuses %s, naming the problem', (_, json, problem) => {
    expect(() => parseRegistry(json, 'federation.json')).toThrow(problem);
  });
});

describe('organisations in the registry (docs/design.md rule 11)', () => {
  test("the region's psychiatry is Region Hovedstaden's; every other department is the municipality's", () => {
    expect(municipality()).toEqual({ code: 'KOEBENHAVNS_KOMMUNE', name: 'Københavns Kommune', kind: 'MUNICIPALITY' });
    expect(organisationOf('PSYCHIATRY')).toEqual({ code: 'REGION_HOVEDSTADEN', name: 'Region Hovedstaden', kind: 'REGION' });
    for (const code of departmentCodes().filter((c) => c !== 'PSYCHIATRY')) expect(organisationOf(code)).toBe(municipality());
  });

  test.each([
    ['EMPLOYMENT', 'SOCIAL', false],
    ['PSYCHIATRY', 'EMPLOYMENT', true],
    ['HOUSING', 'PSYCHIATRY', true],
    ['EMPLOYMENT', 'NO_SUCH_DEPARTMENT', true],
  ])('data from %s to %s crosses organisations: %s', (owner, recipient, crosses) => {
    expect(crossesOrganisation(owner, recipient)).toBe(crosses);
  });

  test("the providers' staff: Karim at Bostedet Lærkehøj", () => {
    expect(providerStaff()).toEqual([{ id: 'prov-1', name: 'Karim Nielsen', organisation: 'BOSTEDET_LAERKEHOEJ' }]);
  });

  test('a registry that names no organisations has the one municipality', () => {
    expect(parseRegistry(registry(entry({})), 'federation.json').organisations).toEqual([
      { code: 'MUNICIPALITY', name: 'Kommunen', kind: 'MUNICIPALITY' },
    ]);
  });
});

describe('the registry is loaded when a service starts, not when lib is imported', () => {
  /** lib as a process sees it before its main runs: freshly imported, nothing loaded. */
  const freshLib = () => {
    let lib!: typeof Lib;
    jest.isolateModules(() => {
      lib = jest.requireActual<typeof Lib>('./index');
    });
    return lib;
  };

  test('importing lib reads no registry: asking before loadRegistry() fails and says what to call', () => {
    const lib = freshLib();

    expect(() => lib.departmentCodes()).toThrow(
      'The federation registry is not loaded: call loadRegistry() (lib/src/registryFile.ts) when the service starts',
    );
    expect(() => lib.isDepartment('EMPLOYMENT')).toThrow('not loaded');
    expect(lib.loadRegistry().subgraphs.map((s) => s.name)).toEqual(registeredSubgraphs().map((s) => s.name));
    expect(lib.isDepartment('EMPLOYMENT')).toBe(true);
  });

  test('a missing or broken registry stops the start with one error naming the file and every problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'enplan-registry-'));
    try {
      const broken = join(dir, 'federation.json');
      writeFileSync(broken, registry(entry({ department: 'housing' }), entry({ name: 'housing', department: 'HOUSING' })));
      const lib = freshLib();

      expect(() => lib.loadRegistry(join(dir, 'missing.json'))).toThrow(
        `The federation registry ${join(dir, 'missing.json')} cannot be read`,
      );
      expect(() => lib.loadRegistry(broken)).toThrow(
        `${broken} is not a valid federation registry:\n  - subgraphs.0.department: a department code is upper case letters, digits and _, e.g. HOUSING\n  - (file): port 4001 appears more than once`,
      );
      expect(() => lib.departmentCodes()).toThrow('not loaded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
