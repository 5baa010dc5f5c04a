import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, readFederationRoles } from '@enplan/lib';
import { webDepartments } from './webDepartments';

const SUPERGRAPH = readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8');

describe('the departments the web app shows, read from the supergraph alone', () => {
  it('names each department as its schema declares it, with its plan section and its case', () => {
    expect(webDepartments(SUPERGRAPH, readFederationRoles(SUPERGRAPH))).toEqual([
      { code: 'CARE', name: 'Sundhed og Omsorg', planSection: 'care', citizenCase: 'care' },
      { code: 'CHILDREN', name: 'Børn og familie', planSection: 'children', citizenCase: 'family' },
      { code: 'EMPLOYMENT', name: 'Jobcentret', planSection: 'employment', citizenCase: 'employment' },
      { code: 'HOUSING', name: 'Boligsocial indsats', planSection: 'housing', citizenCase: 'housing' },
      { code: 'PAYMENTS', name: 'Ydelsescenter', planSection: 'payments', citizenCase: 'payments' },
      {
        code: 'PSYCHIATRY',
        name: 'Region Hovedstadens Psykiatri',
        planSection: 'psychiatry',
        citizenCase: 'psychiatry',
        organisation: 'Region Hovedstaden',
      },
      { code: 'SOCIAL', name: 'Socialforvaltningen, voksne', planSection: 'social', citizenCase: 'social' },
    ]);
  });

  it('leaves out what a department does not serve: no section without a PlanSection, no case without the case fields', () => {
    const withoutHousingSection = SUPERGRAPH.replace(
      'housing: PlanSection @join__field(graph: HOUSING)',
      'housing: PlanAction @join__field(graph: HOUSING)',
    );
    const withoutKind = withoutHousingSection.replace(/(type HousingCase[^{]*\{[^}]*?)\n\s*kind: String!/, '$1');
    expect(withoutHousingSection).not.toBe(SUPERGRAPH);
    expect(withoutKind).not.toBe(withoutHousingSection);
    const housing = webDepartments(withoutKind, readFederationRoles(withoutKind)).find((d) => d.code === 'HOUSING');
    expect(housing).toEqual({ code: 'HOUSING', name: 'Boligsocial indsats' });
  });
});
