/**
 * The citizen's name beside the masked CPR (issue #27): it is each department's own CASE data, on
 * its own case, so it follows the rules of access like any other field of the case: from the
 * caseworker's own department always (rule 1), from another's only under consent covering CASE
 * (rule 2), and for a citizen the own department does not know, nothing says who else does (rule 6).
 */
import { PERSONAS, syntheticCitizen } from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';

const NAMES = /* GraphQL */ `
  query CitizenNames($cpr: ID!) {
    citizen(cpr: $cpr) {
      employment {
        citizenName
      }
      social {
        citizenName
      }
      family {
        citizenName
      }
      housing {
        citizenName
      }
    }
  }
`;

describe("the citizen's name, from the department's own case", () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  const names = async (who: string, cpr: string) =>
    graphql(federation.gateway.url, NAMES, { token: await tokenFor(who), variables: { cpr } });

  it("Anna reads Peter's name from her own case, and from adult social services' under his consent; never from children or housing", async () => {
    const result = await names('cw-emp-1', PERSONAS.peter.cpr);
    expect(result.data).toEqual({
      citizen: {
        employment: { citizenName: 'Peter Hansen' },
        social: { citizenName: 'Peter Hansen' },
        family: null,
        housing: null,
      },
    });
    expect(errorCodesByPath(result)).toEqual({
      'citizen.family': 'CONSENT_REQUIRED',
      'citizen.housing': 'CONSENT_REQUIRED',
    });
  });

  it("Dorte (housing) reads Mette's name from every department her consent makes a party for CASE", async () => {
    const result = await names('cw-hou-1', PERSONAS.mette.cpr);
    expect(result.data).toEqual({
      citizen: {
        employment: { citizenName: 'Mette Jensen' },
        social: { citizenName: 'Mette Jensen' },
        family: null,
        housing: { citizenName: 'Mette Jensen' },
      },
    });
    expect(errorCodesByPath(result)).toEqual({ 'citizen.family': 'CONSENT_REQUIRED' });
  });

  it("Dorte reads Peter's name only from her own case: his consent does not make housing a party", async () => {
    const result = await names('cw-hou-1', PERSONAS.peter.cpr);
    expect(result.data).toEqual({
      citizen: { employment: null, social: null, family: null, housing: { citizenName: 'Peter Hansen' } },
    });
    expect(errorCodesByPath(result)).toEqual({
      'citizen.employment': 'CONSENT_REQUIRED',
      'citizen.social': 'CONSENT_REQUIRED',
      'citizen.family': 'CONSENT_REQUIRED',
    });
  });

  it('Clara learns nothing of Mette, and the answer is the same as for a citizen no department knows (rule 6)', async () => {
    const mette = await names('cw-chi-1', PERSONAS.mette.cpr);
    expect(mette.data).toEqual({ citizen: { employment: null, social: null, family: null, housing: null } });
    expect(errorCodesByPath(mette)).toEqual({
      'citizen.employment': 'CONSENT_REQUIRED',
      'citizen.social': 'CONSENT_REQUIRED',
      'citizen.housing': 'CONSENT_REQUIRED',
    });

    // A valid CPR no department holds (the federation seeds no synthetic citizens here).
    const nobody = await names('cw-chi-1', syntheticCitizen(7).cpr);
    expect(nobody.data).toEqual(mette.data);
    expect(nobody.errors?.map(({ message, path, extensions }) => ({ message, path, extensions }))).toEqual(
      mette.errors?.map(({ message, path, extensions }) => ({ message, path, extensions })),
    );
  });
});
