/**
 * Care (Sundhed og Omsorg), a department built with no TypeScript of its own: an OpenAPI
 * description, a mapping and a registry line, served by the department kit over a stand-in for
 * its vendor system started from the same description. The rules of access hold from the first
 * request; the vendor system slow, down or garbled costs care's data only, within its timeout.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS, REPO_ROOT } from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';
import { VENDOR_FAULTS, expectOnlyDepartmentUnavailable } from './vendorFaults';

const CARE_AND_JOBCENTRE = /* GraphQL */ `
  query CareAndJobcentre($cpr: ID!) {
    citizen(cpr: $cpr) {
      care {
        kind
        caseworker {
          name
          department
        }
        services {
          kind
          legalBasis
          hoursPerWeek
        }
      }
      employment {
        kind
      }
    }
  }
`;

const CARE_PLAN = /* GraphQL */ `
  query CarePlan($cpr: ID!) {
    citizen(cpr: $cpr) {
      plan {
        care {
          department
          goals {
            description
          }
          actions {
            title
            legalBasis
          }
        }
      }
    }
  }
`;

const CASELOAD = /* GraphQL */ `
  query CareCaseload($cprs: [ID!]!) {
    citizens(cprs: $cprs) {
      care {
        id
      }
    }
  }
`;

const PETERS_CARE = {
  kind: 'Genoptræning efter hospitalsophold',
  caseworker: { name: 'Eva Sørensen', department: 'CARE' },
  services: [{ kind: 'Genoptræning', legalBasis: 'Sundhedsloven § 140', hoursPerWeek: 2 }],
};

describe('care, a department described rather than programmed', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start({ vendorTimeoutMs: 1_000 });
  });
  afterAll(() => federation.stop());
  afterEach(() => federation.vendors.get('care')!.setFault({ mode: 'ok' }));

  it('has no TypeScript of its own: a description, a mapping and seed data for its stand-in', () => {
    expect(readdirSync(join(REPO_ROOT, 'subgraphs', 'care')).sort()).toEqual(['department.json', 'openapi.json', 'seed.json']);
  });

  it("Eva (cw-car-1) sees her own department's case and plan for Peter", async () => {
    const token = await tokenFor('cw-car-1');
    const care = await graphql(federation.gateway.url, CARE_AND_JOBCENTRE, { token, variables: { cpr: PERSONAS.peter.cpr } });
    const plan = await graphql(federation.gateway.url, CARE_PLAN, { token, variables: { cpr: PERSONAS.peter.cpr } });

    expect(care.data?.citizen).toEqual({ care: PETERS_CARE, employment: null });
    expect(errorCodesByPath(care)).toEqual({ 'citizen.employment': 'CONSENT_REQUIRED' });
    expect(plan.errors).toBeUndefined();
    expect(plan.data?.citizen).toEqual({
      plan: {
        care: {
          department: 'CARE',
          goals: [{ description: 'Peter vil kunne gå op ad trapperne til sin lejlighed igen.' }],
          actions: [{ title: 'Genoptræning to gange om ugen', legalBasis: 'Sundhedsloven § 140' }],
        },
      },
    });
  });

  it("Anna (cw-emp-1) learns nothing of Peter's care case: CARE is no party to his consent", async () => {
    const result = await graphql(federation.gateway.url, CARE_AND_JOBCENTRE, {
      token: await tokenFor('cw-emp-1'),
      variables: { cpr: PERSONAS.peter.cpr },
    });

    expect(result.data?.citizen).toEqual({ care: null, employment: { kind: expect.any(String) } });
    expect(errorCodesByPath(result)).toEqual({ 'citizen.care': 'CONSENT_REQUIRED' });
  });

  it('a denial reveals nothing: Anna asking about Mette, who has no care case, gets the same answer', async () => {
    const result = await graphql(federation.gateway.url, CARE_AND_JOBCENTRE, {
      token: await tokenFor('cw-emp-1'),
      variables: { cpr: PERSONAS.mette.cpr },
    });

    expect(result.data?.citizen).toEqual({ care: null, employment: { kind: expect.any(String) } });
    expect(errorCodesByPath(result)).toEqual({ 'citizen.care': 'CONSENT_REQUIRED' });
  });

  it("the vendor system's call carries the request's id: its log and care's name the same request", async () => {
    const result = await graphql(federation.gateway.url, CARE_AND_JOBCENTRE, {
      token: await tokenFor('cw-car-1'),
      variables: { cpr: PERSONAS.peter.cpr },
      headers: { 'x-request-id': 'ticket-4712-eva-reads-peter' },
    });

    expect(result.data?.citizen).toEqual({ care: PETERS_CARE, employment: null });
    expect(federation.vendors.get('care')!.lastRequestId()).toBe('ticket-4712-eva-reads-peter');
  });

  it('Peter sees his own care case', async () => {
    const result = await graphql(federation.gateway.url, CARE_AND_JOBCENTRE, {
      token: await tokenFor(PERSONAS.peter.cpr),
      variables: { cpr: PERSONAS.peter.cpr },
    });

    expect(result.errors).toBeUndefined();
    expect(result.data?.citizen).toEqual({ care: PETERS_CARE, employment: { kind: expect.any(String) } });
  });

  it("Eva's caseload of three citizens is one call to the vendor system (its batch operation)", async () => {
    const vendor = federation.vendors.get('care')!;
    const before = vendor.requests();
    const result = await graphql(federation.gateway.url, CASELOAD, {
      token: await tokenFor('cw-car-1'),
      variables: { cprs: [PERSONAS.peter.cpr, PERSONAS.lars.cpr, PERSONAS.mette.cpr] },
    });

    expect(result.errors).toBeUndefined();
    expect(result.data?.citizens).toEqual([{ care: { id: 'CAR-000001' } }, { care: { id: 'CAR-000002' } }, { care: null }]);
    expect(vendor.requests() - before).toBe(1);
  });

  it.each(VENDOR_FAULTS)(
    'the vendor system %s: DEPARTMENT_UNAVAILABLE for care only, Peter still sees his jobcentre case',
    async (_, fault) => {
      federation.vendors.get('care')!.setFault(fault);
      await expectOnlyDepartmentUnavailable(federation.gateway.url, CARE_AND_JOBCENTRE, 'care', 'care');
    },
  );
});
