import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS, type SubgraphInstance } from '@enplan/lib';
import type { AccessLog } from '@enplan/subgraph-consent/src/AccessLog';
import { TestFederation, graphql, tokenFor } from './federation';

const { peter, mette } = PERSONAS;
const operation = (name: string) => readFileSync(join(__dirname, '../../operations', `${name}.graphql`), 'utf8');

interface Entry {
  actorId: string;
  ownerDepartment: string | null;
  categories: string[];
  decision: string;
  kind: string | null;
  operationName: string | null;
}

/** A read of the plan's content, under a name that claims to be the caseload. */
const READ_NAMED_AS_CASELOAD = /* GraphQL */ `
  query Caseload($cpr: ID!) {
    citizen(cpr: $cpr) {
      plan {
        joint {
          status
          citizenGoals {
            text
          }
        }
      }
      social {
        kind
        healthNotes {
          summary
        }
      }
    }
  }
`;

describe('the access log records what was seen: an overview, a read or a change, by the fields fetched', () => {
  let federation: TestFederation;
  const logOf = async (cpr: string): Promise<Entry[]> => {
    const result = await graphql(
      federation.gateway.url,
      `{ citizen(cpr: "${cpr}") { accessLog(first: 500) { actorId ownerDepartment categories decision kind operationName } } }`,
      { token: await tokenFor(cpr) },
    );
    expect(result.errors).toBeUndefined();
    return result.data.citizen.accessLog as Entry[];
  };
  /** The entries `act` adds to the citizen's log (newest first). */
  const writtenBy = async (cpr: string, act: () => Promise<unknown>): Promise<Entry[]> => {
    const before = (await logOf(cpr)).length;
    await act();
    const after = await logOf(cpr);
    return after.slice(0, after.length - before);
  };
  const asAnna = async (query: string, variables?: Record<string, unknown>) =>
    graphql(federation.gateway.url, query, { token: await tokenFor('cw-emp-1'), ...(variables && { variables }) });

  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  it("Anna's Mine borgere, five times, is five overviews of Mette's joint plan in Mette's log, never a read", async () => {
    const annas = await writtenBy(mette.cpr, async () => {
      for (let i = 0; i < 5; i += 1) expect((await asAnna(operation('MyCoordinatedPlans'))).errors).toBeUndefined();
    });
    expect(annas).toEqual(
      Array(5).fill({
        actorId: 'cw-emp-1',
        ownerDepartment: null,
        categories: ['PLAN'],
        decision: 'DISCLOSED',
        kind: 'OVERVIEW',
        operationName: 'MyCoordinatedPlans',
      }),
    );
  });

  it("the caseload's case status from another department is an overview; opening the plan is a read", async () => {
    const overview = await writtenBy(peter.cpr, async () => {
      const caseload = await asAnna(operation('Caseload'), { cprs: [peter.cpr] });
      expect(caseload.errors?.map((e) => e.path?.join('.'))).toEqual(['citizens.0.family']);
    });
    expect(overview).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ownerDepartment: 'SOCIAL', categories: ['CASE'], decision: 'DISCLOSED', kind: 'OVERVIEW' }),
        expect.objectContaining({ ownerDepartment: null, categories: ['PLAN'], decision: 'DISCLOSED', kind: 'OVERVIEW' }),
      ]),
    );
    // Children and family services are no party to Peter's consent: his family data is refused, and
    // recorded as what was asked for (family data is more than an overview).
    expect(overview).toContainEqual(
      expect.objectContaining({ ownerDepartment: 'CHILDREN', categories: ['FAMILY'], decision: 'DENIED', kind: 'READ' }),
    );

    const read = await writtenBy(peter.cpr, () => asAnna(operation('CitizenPlan'), { cpr: peter.cpr }));
    expect(read).toContainEqual(
      expect.objectContaining({ ownerDepartment: null, categories: ['PLAN'], decision: 'DISCLOSED', kind: 'READ' }),
    );
    expect(read).toContainEqual(
      expect.objectContaining({ ownerDepartment: 'SOCIAL', categories: ['CASE', 'PLAN'], decision: 'DISCLOSED', kind: 'READ' }),
    );
  });

  it('a client cannot make a read look like an overview by naming its operation "Caseload"', async () => {
    const written = await writtenBy(mette.cpr, async () => {
      const result = await asAnna(READ_NAMED_AS_CASELOAD, { cpr: mette.cpr });
      expect(result.data.citizen.plan.joint.citizenGoals).toEqual([{ text: 'Jeg vil tilbage på arbejde uden at få ondt.' }]);
    });
    expect(written.map(({ ownerDepartment, kind, decision }) => ({ ownerDepartment, kind, decision }))).toEqual(
      expect.arrayContaining([
        { ownerDepartment: null, kind: 'READ', decision: 'DISCLOSED' },
        { ownerDepartment: 'SOCIAL', kind: 'READ', decision: 'DISCLOSED' },
      ]),
    );
    expect(written.every((e) => e.kind === 'READ')).toBe(true);
  });

  it("a caseworker's change to the joint plan is a change in the log, and the chain still verifies", async () => {
    const version = (await asAnna(operation('CitizenPlan'), { cpr: mette.cpr })).data.citizen.plan.joint.version as number;
    const changed = await asAnna(operation('SetNextFollowUp'), { cpr: mette.cpr, expectedVersion: version, date: '2027-01-15' });
    expect(changed.errors).toBeUndefined();
    expect((await logOf(mette.cpr))[0]).toEqual({
      actorId: 'cw-emp-1',
      ownerDepartment: 'EMPLOYMENT',
      categories: ['PLAN'],
      decision: 'DISCLOSED',
      kind: 'CHANGE',
      operationName: 'jointPlan.setNextFollowUp',
    });
    const consent = federation.subgraph<SubgraphInstance & { accessLog: AccessLog }>('consent');
    expect(await consent.accessLog.verify()).toEqual({ ok: true, entries: expect.any(Number) });
  });
});
