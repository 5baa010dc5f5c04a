import { departmentCodes, PERSONAS } from '@enplan/lib';
import { TestFederation, graphql, tokenFor, type GraphQLResult } from './federation';

const { sofie, jonas } = PERSONAS;
const NEXT_MONTH = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** The only answer to a department the federation does not have: the client's mistake, with the codes it could have named. */
const unknownDepartment = (named: string): GraphQLResult => ({
  status: 400,
  errors: [
    {
      message: `Not a department of this federation: "${named}". Known: ${[...departmentCodes()].sort().join(', ')}.`,
      extensions: { code: 'BAD_USER_INPUT' },
    },
  ],
});

/** A client naming a department code the federation does not have (`ELDERLY` for `ELDERLY_CARE`) made a mistake: nothing is down. */
describe('a department the federation does not have', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation?.stop());

  const consentsOfSofie = async () =>
    (
      await graphql(federation.gateway.url, `{ citizen(cpr: "${sofie.cpr}") { consents { id } } }`, {
        token: await tokenFor('cw-soc-1'),
      })
    ).data;

  it('in a consent Bo records (literal) is BAD_USER_INPUT naming the known codes, and nothing is recorded', async () => {
    const before = await consentsOfSofie();
    expect(before).toEqual({ citizen: { consents: [{ id: expect.any(String) }] } });
    const result = await graphql(
      federation.gateway.url,
      `mutation { giveConsent(input: { cpr: "${sofie.cpr}", validUntil: "${NEXT_MONTH()}", evidenceMethod: WRITTEN,
          provisions: [{ effect: PERMIT, ownerDepartments: [SOCIAL], recipientDepartments: [ELDERLY], categories: [CASE] }] }) { id } }`,
      { token: await tokenFor('cw-soc-1') },
    );
    expect(result).toEqual(unknownDepartment('ELDERLY'));
    expect(await consentsOfSofie()).toEqual(before);
  });

  it('in a consent given through variables, as the web app sends it, is the same', async () => {
    const result = await graphql(
      federation.gateway.url,
      'mutation Give($input: GiveConsentInput!) { giveConsent(input: $input) { id } }',
      {
        token: await tokenFor('cw-soc-1'),
        variables: {
          input: {
            cpr: sofie.cpr,
            validUntil: NEXT_MONTH(),
            evidenceMethod: 'WRITTEN',
            provisions: [
              { effect: 'PERMIT', ownerDepartments: ['ELDERLY'], recipientDepartments: ['SOCIAL'], categories: ['CASE'] },
            ],
          },
        },
      },
    );
    expect(result).toEqual(unknownDepartment('ELDERLY'));
  });

  it('in the departments Jonas asks a plan of is the same; the known codes still go through', async () => {
    const ask = async (departments: string[]) =>
      graphql(federation.gateway.url, 'mutation Ask($d: [Department!]!) { requestOnePlan(departments: $d) { departments } }', {
        token: await tokenFor(jonas.cpr),
        variables: { d: departments },
      });
    expect(await ask(['EMPLOYMENT', 'ELDERLY'])).toEqual(unknownDepartment('ELDERLY'));
    expect(await ask(['EMPLOYMENT', 'SOCIAL'])).toEqual({
      status: 200,
      data: { requestOnePlan: { departments: ['EMPLOYMENT', 'SOCIAL'] } },
    });
  });
});
