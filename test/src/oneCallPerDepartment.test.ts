import { PERSONAS } from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';

const PETER = PERSONAS.peter.cpr;
const JONAS = PERSONAS.jonas.cpr;

/** Anna's caseload: each citizen's social case and the social part of their plan, two fetches of one plan step. */
const CASELOAD = /* GraphQL */ `
  query Caseload($cprs: [ID!]!) {
    citizens(cprs: $cprs) {
      cpr
      social {
        kind
      }
      plan {
        social {
          nextFollowUp
          goals {
            description
          }
        }
      }
    }
  }
`;
const SOCIAL_CASE = 'query Case($cpr: ID!) { citizen(cpr: $cpr) { social { kind } } }';
const SOCIAL_PART = 'query Part($cpr: ID!) { citizen(cpr: $cpr) { plan { social { nextFollowUp goals { description } } } } }';

describe("a plan step's fetches to one department go in one call", () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  const asAnna = async (query: string, variables: Record<string, unknown>) =>
    graphql(federation.gateway.url, query, { token: await tokenFor('cw-emp-1'), variables });
  const socialLog = () => federation.subgraphs.get('social')!.disclosureLog!.forCitizen(PETER);

  it("Anna's caseload asks social once for Peter's case and his plan's social part, and answers exactly what the separate reads answer", async () => {
    const [alone, part] = [await asAnna(SOCIAL_CASE, { cpr: PETER }), await asAnna(SOCIAL_PART, { cpr: PETER })];
    expect(alone.errors).toBeUndefined();
    expect(part.errors).toBeUndefined();
    const before = socialLog().length;

    const caseload = await asAnna(CASELOAD, { cprs: [PETER] });

    expect(caseload.errors).toBeUndefined();
    expect(caseload.data).toEqual({
      citizens: [{ cpr: PETER, social: alone.data!.citizen.social, plan: part.data!.citizen.plan }],
    });
    const disclosed = socialLog().slice(before);
    expect(disclosed.map((d) => [d.typename, d.categories])).toEqual([
      ['Citizen', ['CASE']],
      ['OnePlan', ['PLAN']],
    ]);
    // One assertion is one call: the department was asked once.
    expect(new Set(disclosed.map((d) => d.assertionId)).size).toBe(1);
  });

  it('Jonas, without consent, is still denied in the same caseload, and nothing about him reaches social', async () => {
    const jonasBefore = federation.subgraphs.get('social')!.disclosureLog!.forCitizen(JONAS).length;

    const caseload = await asAnna(CASELOAD, { cprs: [PETER, JONAS] });

    expect(caseload.data.citizens[1]).toEqual({ cpr: JONAS, social: null, plan: { social: null } });
    expect(errorCodesByPath(caseload)).toEqual({
      'citizens.1.social': 'CONSENT_REQUIRED',
      'citizens.1.plan.social': 'CONSENT_REQUIRED',
    });
    expect(federation.subgraphs.get('social')!.disclosureLog!.forCitizen(JONAS)).toHaveLength(jonasBefore);
  });
});
