/**
 * The fourth department, housing support, joined by its folder and one registry entry: the rules of
 * access apply to it from the first request, in both directions, with every decision logged.
 */
import { PERSONAS } from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';

const HOUSING = /* GraphQL */ `
  query Housing($cpr: ID!) {
    citizen(cpr: $cpr) {
      housing {
        kind
        caseworker {
          name
          department
        }
        benefits {
          kind
          monthlyAmountDkk
        }
        rentArrearsDkk
      }
    }
  }
`;

const METTE_AS_DORTE = /* GraphQL */ `
  query MetteAsDorte($cpr: ID!) {
    citizen(cpr: $cpr) {
      plan {
        joint {
          status
        }
        housing {
          goals {
            description
          }
        }
        employment {
          goals {
            description
          }
        }
      }
      employment {
        kind
        healthNotes {
          summary
        }
        benefits {
          kind
        }
      }
      social {
        kind
      }
    }
  }
`;

describe('housing support, the fourth department', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  it('Dorte (cw-hou-1) sees her own housing cases, Jonas included, without asking anyone', async () => {
    const result = await graphql(federation.gateway.url, HOUSING, {
      token: await tokenFor('cw-hou-1'),
      variables: { cpr: PERSONAS.jonas.cpr },
    });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      citizen: {
        housing: {
          kind: 'Midlertidigt botilbud',
          caseworker: { name: 'Dorte Lind', department: 'HOUSING' },
          benefits: [],
          rentArrearsDkk: null,
        },
      },
    });
  });

  it("Anna sees Mette's housing case and plan under her consent, but not her housing benefit (BENEFITS is not covered for HOUSING)", async () => {
    const result = await graphql(federation.gateway.url, HOUSING, {
      token: await tokenFor('cw-emp-1'),
      variables: { cpr: PERSONAS.mette.cpr },
    });

    expect(result.data).toEqual({
      citizen: {
        housing: {
          kind: 'Bostøtte',
          caseworker: { name: 'Dorte Lind', department: 'HOUSING' },
          benefits: null,
          rentArrearsDkk: null,
        },
      },
    });
    expect(errorCodesByPath(result)).toEqual({
      'citizen.housing.benefits': 'CONSENT_REQUIRED',
      'citizen.housing.rentArrearsDkk': 'CONSENT_REQUIRED',
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ department: 'HOUSING', categories: ['BENEFITS'] });
  });

  it("Peter's consent leaves housing out: Anna learns nothing of his housing case, Dorte nothing of his jobcentre case", async () => {
    const asAnna = await graphql(federation.gateway.url, HOUSING, {
      token: await tokenFor('cw-emp-1'),
      variables: { cpr: PERSONAS.peter.cpr },
    });
    expect(asAnna.data).toEqual({ citizen: { housing: null } });
    expect(asAnna.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.department])).toEqual([
      ['citizen.housing', 'CONSENT_REQUIRED', 'HOUSING'],
    ]);

    const asDorte = await graphql(
      federation.gateway.url,
      '{ citizen(cpr: "0101804321") { employment { kind } plan { joint { status } } } }',
      {
        token: await tokenFor('cw-hou-1'),
      },
    );
    expect(asDorte.data).toEqual({ citizen: { employment: null, plan: { joint: null } } });
    expect(errorCodesByPath(asDorte)).toEqual({
      'citizen.employment': 'CONSENT_REQUIRED',
      'citizen.plan.joint': 'CONSENT_REQUIRED',
    });
  });

  it("Dorte, a party to Mette's plan, sees the joint plan and the other sections, and her CASE data, never her HEALTH", async () => {
    const result = await graphql(federation.gateway.url, METTE_AS_DORTE, {
      token: await tokenFor('cw-hou-1'),
      variables: { cpr: PERSONAS.mette.cpr },
    });

    expect(result.data).toEqual({
      citizen: {
        plan: {
          joint: { status: 'ACTIVE' },
          housing: { goals: [{ description: 'Mette vil blive boende i sin lejlighed, også med nedsat arbejdstid.' }] },
          employment: {
            goals: [{ description: 'Mette vil tilbage til sit job som social- og sundhedsassistent på nedsat tid.' }],
          },
        },
        employment: { kind: 'Jobafklaringsforløb', healthNotes: null, benefits: null },
        social: { kind: 'Praktisk støtte i hjemmet' },
      },
    });
    expect(errorCodesByPath(result)).toEqual({
      'citizen.employment.healthNotes': 'CONSENT_REQUIRED',
      'citizen.employment.benefits': 'CONSENT_REQUIRED',
    });
  });

  it("records Dorte's disclosures and denials in Mette's access log, by department code", async () => {
    await graphql(federation.gateway.url, METTE_AS_DORTE, {
      token: await tokenFor('cw-hou-1'),
      variables: { cpr: PERSONAS.mette.cpr },
      operationName: 'MetteAsDorte',
    });
    const log = await graphql(
      federation.gateway.url,
      '{ citizen(cpr: "1502854562") { accessLog { actorId ownerDepartment categories decision operationName } } }',
      {
        token: await tokenFor(PERSONAS.mette.cpr),
      },
    );

    const dorte = (log.data?.citizen.accessLog as Array<{ actorId: string; operationName: string }>).filter(
      (e) => e.operationName === 'MetteAsDorte',
    );
    expect(dorte).toEqual(
      expect.arrayContaining([
        {
          actorId: 'cw-hou-1',
          ownerDepartment: 'EMPLOYMENT',
          categories: ['CASE', 'PLAN'],
          decision: 'DISCLOSED',
          operationName: 'MetteAsDorte',
        },
        {
          actorId: 'cw-hou-1',
          ownerDepartment: 'EMPLOYMENT',
          categories: ['BENEFITS', 'HEALTH'],
          decision: 'DENIED',
          operationName: 'MetteAsDorte',
        },
        {
          actorId: 'cw-hou-1',
          ownerDepartment: 'SOCIAL',
          categories: ['CASE'],
          decision: 'DISCLOSED',
          operationName: 'MetteAsDorte',
        },
      ]),
    );
  });
});
