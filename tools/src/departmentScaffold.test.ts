import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import {
  REPO_ROOT,
  UNCLASSIFIED,
  departmentSdlFromMapping,
  fullSubgraphSdl,
  parseDepartmentMapping,
  parseRegistry,
  unclassified,
  type DepartmentMapping,
} from '@enplan/lib';
import { lintConsent } from './schemaCheck/consentLint';
import { scaffoldDepartment } from './departmentScaffold';

/** A vendor's description of a rehabilitation system: care's, as a new team would bring it. */
const DESCRIPTION = join(REPO_ROOT, 'subgraphs', 'care', 'openapi.json');

/** What the schema check's consent lint says of the department the mapping describes. */
const missingCategories = (mapping: DepartmentMapping) => {
  const sdl = fullSubgraphSdl('department', departmentSdlFromMapping('rehab', 'REHAB', mapping));
  return lintConsent('rehab', parse(sdl), parse(sdl)).missingCategory.map((m) => `${m.type}.${m.field}`);
};

describe('npm run department:new -- rehab --openapi <description>', () => {
  let root: string;
  let written: string[];
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'enplan-scaffold-'));
    for (const file of ['federation.json', 'docker-compose.yml']) copyFileSync(join(REPO_ROOT, file), join(root, file));
    written = scaffoldDepartment({ name: 'rehab', descriptionFile: DESCRIPTION, root });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const read = (file: string) => readFileSync(join(root, file), 'utf8');

  it('writes the folder (description and mapping), the registry entry and the compose service', () => {
    expect(written).toEqual([
      'subgraphs/rehab/openapi.json',
      'subgraphs/rehab/department.json',
      'federation.json',
      'docker-compose.yml',
    ]);
    expect(read('subgraphs/rehab/openapi.json')).toBe(readFileSync(DESCRIPTION, 'utf8'));
    const registry = parseRegistry(read('federation.json'), 'federation.json');
    const ports = registry.subgraphs.map((s) => s.defaultPort);
    expect(registry.subgraphs.at(-1)).toEqual({
      name: 'rehab',
      kind: 'department',
      department: 'REHAB',
      defaultPort: Math.max(...ports.slice(0, -1)) + 1,
      seed: 'demo',
      needs: [],
      demoCaseworkers: [],
    });
    const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as {
      services: Record<string, { command: string[]; environment: Record<string, unknown>; volumes: string[] }>;
    };
    expect(compose.services.rehab?.command).toEqual(['node', 'tools/dist/kitDepartment.js', 'rehab']);
    expect(compose.services.rehab?.environment).toMatchObject({
      PORT: registry.subgraphs.at(-1)!.defaultPort,
      DATABASE_FILE: '/data/rehab.sqlite',
      VENDOR_URL: '${REHAB_VENDOR_URL:?set REHAB_VENDOR_URL}',
      GATEWAY_JWKS: '/run/secrets/gateway_jwks',
    });
    expect(compose.services.rehab?.volumes).toEqual(['rehab-data:/data']);
  });

  it('maps the lookup by CPR (batched: the parameter is a list) and lists every field of its answer, unclassified', () => {
    const mapping = parseDepartmentMapping(read('subgraphs/rehab/department.json'), 'department.json');
    expect(mapping.entities.Citizen).toEqual({
      field: 'rehab',
      type: 'CareCase',
      category: UNCLASSIFIED,
      lookup: { operation: 'listCases', cprParameter: 'cpr', batch: true },
    });
    expect(unclassified(mapping)).toEqual([
      'Citizen.rehab',
      'CareCase',
      'CareCase.id',
      'CareCase.kind',
      'CareCase.status',
      'CareCase.openedOn',
      'CareCase.citizenName',
      'CareCase.caseworker',
      'CareCase.services',
      'CareCase.rehabilitationPlan',
      'CareService',
      'CareService.kind',
      'CareService.legalBasis',
      'CareService.hoursPerWeek',
    ]);
  });

  it('is refused by the schema check until every field has a category, and accepted once they all do', () => {
    const mapping = parseDepartmentMapping(read('subgraphs/rehab/department.json'), 'department.json');
    expect(missingCategories(mapping)).toEqual(
      expect.arrayContaining(['Citizen.rehab', 'CareCase.kind', 'CareService.hoursPerWeek']),
    );

    const classified: DepartmentMapping = {
      ...mapping,
      entities: { Citizen: { ...mapping.entities.Citizen!, category: 'CASE' } },
      types: Object.fromEntries(
        Object.entries(mapping.types).map(([name, t]) => [
          name,
          {
            ...t,
            category: 'HEALTH',
            fields: Object.fromEntries(Object.entries(t.fields).map(([f, d]) => [f, { ...d, category: 'HEALTH' }])),
          },
        ]),
      ),
    };
    expect(unclassified(classified)).toEqual([]);
    expect(missingCategories(classified)).toEqual([]);
  });
});

describe('npm run department:new -- ydelser --wsdl <service.wsdl>', () => {
  /** A SOAP system's WSDL: the payments centre's, as a new team would bring it. */
  const WSDL = join(REPO_ROOT, 'subgraphs', 'payments', 'service.wsdl');
  let root: string;
  let written: string[];
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'enplan-scaffold-'));
    for (const file of ['federation.json', 'docker-compose.yml']) copyFileSync(join(REPO_ROOT, file), join(root, file));
    written = scaffoldDepartment({ name: 'ydelser', descriptionFile: WSDL, wsdl: true, root });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const read = (file: string) => readFileSync(join(root, file), 'utf8');

  it('writes the WSDL beside a mapping that names it, the registry entry and the compose service', () => {
    expect(written).toEqual([
      'subgraphs/ydelser/service.wsdl',
      'subgraphs/ydelser/department.json',
      'federation.json',
      'docker-compose.yml',
    ]);
    expect(read('subgraphs/ydelser/service.wsdl')).toBe(readFileSync(WSDL, 'utf8'));
    expect(parseRegistry(read('federation.json'), 'federation.json').subgraphs.at(-1)?.name).toBe('ydelser');
    const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { command: string[] }> };
    expect(compose.services.ydelser?.command).toEqual(['node', 'tools/dist/kitDepartment.js', 'ydelser']);
  });

  it("maps the lookup by CPR (batched: the request's cpr element repeats) and types every element of its record, unclassified", () => {
    const mapping = parseDepartmentMapping(read('subgraphs/ydelser/department.json'), 'department.json');
    expect({ wsdl: mapping.wsdl, openapi: mapping.openapi, citizen: mapping.entities.Citizen }).toEqual({
      wsdl: 'service.wsdl',
      openapi: undefined,
      citizen: {
        field: 'ydelser',
        type: 'PaymentCase',
        category: UNCLASSIFIED,
        lookup: { operation: 'ListPaymentCases', cprParameter: 'cpr', batch: true },
      },
    });
    // Caseworker is the federation's shared type; a required element is non-null, a repeated one a list.
    const fields = (type: string) => Object.fromEntries(Object.entries(mapping.types[type]!.fields).map(([f, d]) => [f, d.type]));
    expect(Object.keys(mapping.types)).toEqual(['PaymentCase', 'Payment']);
    expect(fields('PaymentCase')).toEqual({
      id: 'String!',
      kind: 'String!',
      status: 'String!',
      openedOn: 'String!',
      citizenName: 'String',
      caseworker: 'Caseworker',
      payments: '[Payment!]',
    });
    expect(fields('Payment')).toEqual({ kind: 'String!', legalBasis: 'String!', amount: 'Float!', paidOn: 'String!' });
    expect(missingCategories(mapping)).toEqual(expect.arrayContaining(['Citizen.ydelser', 'Payment.amount']));
  });

  it('refuses a WSDL with no operation that takes a cpr element', () => {
    const other = join(root, 'other.wsdl');
    writeFileSync(other, readFileSync(WSDL, 'utf8').replaceAll('name="cpr"', 'name="personnummer"'));
    expect(() => scaffoldDepartment({ name: 'other', descriptionFile: other, wsdl: true, root })).toThrow(
      `${other} has no operation whose request takes a cpr element to look a citizen up by`,
    );
  });
});
