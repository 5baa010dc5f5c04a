import { readFileSync } from 'node:fs';
import { departmentMappingPath, departmentSdlFromMapping, parseDepartmentMapping, unclassified } from './departmentMapping';

const care = () => JSON.parse(readFileSync(departmentMappingPath('care'), 'utf8')) as Record<string, any>;

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
        '  - openapi: Invalid input: expected string, received undefined',
        '  - entities.Citizen.lookup.cprParameter: Too small: expected string to have >=1 characters',
        '  - types.CareCase.fields.services.category: one of CASE, PLAN, BENEFITS, HEALTH, SUBSTANCE_ABUSE, FAMILY (or UNCLASSIFIED until someone classifies it)',
      ].join('\n'),
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
});
