import { PERSONAS, REPRESENTATIVES } from '@enplan/lib';
import { graphql, tokenFor, type GraphQLResult } from './federation';
import { twoGatewaysSharingRedis } from './redisTestSupport';

const { lars, peter } = PERSONAS;
const { sara } = REPRESENTATIVES;

const READ_PLAN = `query ReadPlan { citizen(cpr: "${lars.cpr}") { employment { status } } }`;
const LARS_POWERS = `{ citizen(cpr: "${lars.cpr}") {
  representatives { id status powers validUntil representative { kind name reference organisation }
    receipt { receiptId event principal powers status howToRevoke collection { method recordedBy } } } } }`;

async function as(url: string, who: string, query: string, actFor?: string): Promise<GraphQLResult<any>> {
  return graphql(url, query, { token: await tokenFor(who), headers: actFor ? { 'x-act-for': actFor } : {} });
}

describe("Lars's powers: he sees, changes and revokes them, and a revocation stops Sara's next request on every gateway", () => {
  const running = twoGatewaysSharingRedis();
  const gatewayA = () => running.gatewayA;
  const gatewayB = () => running.gatewayB;

  it('Lars sees the power he gave Sara, with its receipt; her CPR is masked', async () => {
    const mine = await as(gatewayA().url, lars.cpr, LARS_POWERS);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.citizen.representatives).toEqual([
      {
        id: 'FM-000001',
        status: 'ACTIVE',
        powers: ['READ_PLAN', 'READ_ACCESS_LOG', 'MANAGE_CONSENTS'],
        validUntil: expect.any(String),
        representative: { kind: 'PERSON', name: sara.name, reference: '050792-XXXX', organisation: null },
        receipt: expect.objectContaining({
          receiptId: 'FM-000001/GIVEN',
          event: 'GIVEN',
          principal: '010165-XXXX',
          status: 'ACTIVE',
          collection: { method: 'MITID', recordedBy: 'MitID' },
        }),
      },
    ]);
    // Nobody else sees Lars's powers, Sara herself included (as herself, or acting for him).
    expect((await as(gatewayA().url, peter.cpr, LARS_POWERS)).data).toEqual({ citizen: null });
  });

  it('Sara sees whom she may act for', async () => {
    const mine = await as(gatewayA().url, 'sara', '{ powersToActFor { citizenName powers } }');
    expect(mine.data).toEqual({
      powersToActFor: [{ citizenName: lars.name, powers: ['READ_PLAN', 'READ_ACCESS_LOG', 'MANAGE_CONSENTS'] }],
    });
  });

  it("Lars changes Sara's power (the old one is revoked at once), and she may then read his inbox too", async () => {
    const change = await as(
      gatewayA().url,
      lars.cpr,
      `mutation { givePowerOfRepresentation(input: { cpr: "${lars.cpr}", representativeCpr: "${sara.cpr}",
        representativeName: "${sara.name}", powers: [READ_PLAN, READ_ACCESS_LOG, MANAGE_CONSENTS, RECEIVE_INBOX],
        validUntil: "${new Date(Date.now() + 100 * 86_400_000).toISOString()}", supersedes: "FM-000001" }) { id status supersedes } }`,
    );
    expect(change.errors).toBeUndefined();
    expect(change.data.givePowerOfRepresentation).toEqual({
      id: expect.stringMatching(/^FM-/),
      status: 'ACTIVE',
      supersedes: 'FM-000001',
    });
    const statuses = (await as(gatewayA().url, lars.cpr, LARS_POWERS)).data.citizen.representatives.map(
      (p: { status: string }) => p.status,
    );
    expect(statuses).toEqual(['ACTIVE', 'REVOKED']);
    const inbox = await as(gatewayB().url, 'sara', `{ citizen(cpr: "${lars.cpr}") { inbox { subject } } }`, lars.cpr);
    expect(inbox.errors).toBeUndefined();
  });

  it("after Lars revokes through gateway A, Sara's very next request through gateway B is refused as a stranger's", async () => {
    expect((await as(gatewayB().url, 'sara', READ_PLAN, lars.cpr)).errors).toBeUndefined();
    const calls = gatewayB().consentClient.representationCalls;
    expect((await as(gatewayB().url, 'sara', READ_PLAN, lars.cpr)).errors).toBeUndefined();
    expect(gatewayB().consentClient.representationCalls).toBe(calls); // B answers from its cache now

    const active = (await as(gatewayA().url, lars.cpr, LARS_POWERS)).data.citizen.representatives[0].id as string;
    const revoke = await as(
      gatewayA().url,
      lars.cpr,
      `mutation { revokePowerOfRepresentation(id: "${active}") { status receipt { event } } }`,
    );
    expect(revoke.data).toEqual({ revokePowerOfRepresentation: { status: 'REVOKED', receipt: { event: 'REVOKED' } } });

    const next = await as(gatewayB().url, 'sara', READ_PLAN, lars.cpr);
    expect(next).toEqual(await as(gatewayB().url, peter.cpr, READ_PLAN));
    expect(next.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(gatewayB().consentClient.representationCalls).toBeGreaterThan(calls); // asked afresh, not from the cache
    expect(await as(gatewayA().url, 'sara', READ_PLAN, lars.cpr)).toEqual(next);
    expect((await as(gatewayA().url, 'sara', '{ powersToActFor { id } }')).data).toEqual({ powersToActFor: [] });
  });

  it('a representative cannot revoke or give powers, and an unknown id reveals nothing', async () => {
    const refusal = { message: 'No power of representation with that id that you may revoke.', code: 'BAD_USER_INPUT' };
    const revoke = await as(gatewayA().url, 'sara', 'mutation { revokePowerOfRepresentation(id: "FM-000002") { id } }');
    expect({ message: revoke.errors?.[0]?.message, code: revoke.errors?.[0]?.extensions?.code }).toEqual(refusal);
    const unknown = await as(gatewayA().url, lars.cpr, 'mutation { revokePowerOfRepresentation(id: "FM-nope") { id } }');
    expect({ message: unknown.errors?.[0]?.message, code: unknown.errors?.[0]?.extensions?.code }).toEqual(refusal);
  });
});
