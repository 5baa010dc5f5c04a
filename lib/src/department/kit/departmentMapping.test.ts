import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../repoRoot';
import {
  departmentMappingPath,
  departmentSdlFromMapping,
  parseDepartmentMapping,
  unclassified,
  vendorDescription,
} from './departmentMapping';

const care = () => JSON.parse(readFileSync(departmentMappingPath('care'), 'utf8')) as Record<string, any>;
const psychiatry = () => readFileSync(departmentMappingPath('psychiatry'), 'utf8');

describe("a kit department's mapping, checked when the department starts", () => {
  it("care's mapping is valid and fully classified", () => {
    const mapping = parseDepartmentMapping(JSON.stringify(care()), 'care/department.json');
    expect(unclassified(mapping)).toEqual([]);
  });

  it('names the file and every problem at once, each at its path', () => {
    const broken = care();
    broken.types.CareCase.fields.services.category = 'MEDICAL';
    broken.entities.Citizen.lookup.cprParameter = '';
    delete broken.openapi;

    expect(() => parseDepartmentMapping(JSON.stringify(broken), 'care/department.json')).toThrow(
      [
        'care/department.json is not a valid department mapping:',
        '  - entities.Citizen.lookup.cprParameter: Too small: expected string to have >=1 characters',
        '  - types.CareCase.fields.services.category: one of CASE, PLAN, BENEFITS, HEALTH, SUBSTANCE_ABUSE, FAMILY (or UNCLASSIFIED until someone classifies it)',
        '  - openapi: name the description of the system behind the department: openapi (REST) or wsdl (SOAP), one of them',
      ].join('\n'),
    );
  });

  it("names a SOAP system's WSDL instead of an OpenAPI description: the payments centre's; never both, never neither", () => {
    const payments = JSON.parse(readFileSync(departmentMappingPath('payments'), 'utf8')) as Record<string, any>;
    const mapping = parseDepartmentMapping(JSON.stringify(payments), 'payments/department.json');
    expect(vendorDescription('payments', mapping)).toEqual({
      kind: 'wsdl',
      file: join(REPO_ROOT, 'subgraphs', 'payments', 'service.wsdl'),
    });
    expect(vendorDescription('care', parseDepartmentMapping(JSON.stringify(care()), 'care'))).toEqual({
      kind: 'openapi',
      file: join(REPO_ROOT, 'subgraphs', 'care', 'openapi.json'),
    });
    expect(() =>
      parseDepartmentMapping(JSON.stringify({ ...payments, openapi: 'openapi.json' }), 'payments/department.json'),
    ).toThrow(
      'payments/department.json is not a valid department mapping:\n  - wsdl: name the description of the system behind the department: openapi (REST) or wsdl (SOAP), one of them',
    );
  });

  it('refuses an entity whose type it does not define', () => {
    const broken = care();
    broken.entities.OnePlan.type = 'CarePlan';

    expect(() => parseDepartmentMapping(JSON.stringify(broken), 'care/department.json')).toThrow(
      "care/department.json is not a valid department mapping:\n  - entities.OnePlan.type: CarePlan is neither one of the mapping's types nor PlanSection",
    );
  });

  it('writes the schema with every category, and leaves an UNCLASSIFIED one out for the category rule to refuse', () => {
    const mapping = parseDepartmentMapping(JSON.stringify(care()), 'care/department.json');
    const sdl = departmentSdlFromMapping('care', 'CARE', mapping);
    expect(sdl).toContain('extend schema @department(subgraph: "care", code: "CARE", name: "Sundhed og Omsorg")');
    expect(sdl).toContain('  care: CareCase @category(is: CASE)');
    expect(sdl).toContain('  services: [CareService!] @category(is: HEALTH)');

    const todo = care();
    todo.types.CareCase.fields.services.category = 'UNCLASSIFIED';
    const unfinished = parseDepartmentMapping(JSON.stringify(todo), 'care/department.json');
    expect(unclassified(unfinished)).toEqual(['CareCase.services']);
    expect(departmentSdlFromMapping('care', 'CARE', unfinished)).toContain('  services: [CareService!]\n');
  });

  it("declares another organisation's department as its own: the region's psychiatry, nested types and all", () => {
    const mapping = parseDepartmentMapping(psychiatry(), 'psychiatry/department.json');
    expect(unclassified(mapping)).toEqual([]);
    const sdl = departmentSdlFromMapping('psychiatry', 'PSYCHIATRY', mapping);
    expect(sdl).toContain(
      'extend schema @department(subgraph: "psychiatry", code: "PSYCHIATRY", name: "Region Hovedstadens Psykiatri", organisation: "REGION_HOVEDSTADEN")',
    );
    expect(sdl).toContain('  outpatientTreatment: OutpatientTreatment @category(is: HEALTH)');
    expect(sdl).toContain(
      'type CoordinationPlan @category(is: PLAN) {\n  agreedActions: [PlanAction!]!\n  nextNetworkMeeting: String\n}',
    );
    // The municipality's own departments name no organisation.
    expect(departmentSdlFromMapping('care', 'CARE', parseDepartmentMapping(JSON.stringify(care()), 'care'))).not.toContain(
      'organisation',
    );
  });
});
