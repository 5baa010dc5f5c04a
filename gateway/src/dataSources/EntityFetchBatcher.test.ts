import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { FetchCoverage } from '@enplan/lib';
import type { GatewayContext } from '../context';
import { anonymous, withOperationName } from '../enforcement/EntityFetch';
import { batchedQuery, EntityFetchBatcher, partOfBatch } from './EntityFetchBatcher';

const PETER = '0101804321';
const JONAS = '1111750011';

/** The social fetches of Anna's caseload, as the query planner writes them. */
const CASES =
  'query Caseload__social__1($representations:[_Any!]!){_entities(representations:$representations){...on Citizen{social{kind status}}}}';
const PLANS =
  'query Caseload__social__3($representations:[_Any!]!){_entities(representations:$representations){...on OnePlan{social{nextFollowUp}}}}';

const citizen = (cpr: string) => ({ __typename: 'Citizen', cpr });
const plan = (cpr: string) => ({ __typename: 'OnePlan', cpr });
const covers = (...cprs: string[]): FetchCoverage =>
  new Map(cprs.map((cpr) => [cpr, { categories: ['CASE', 'PLAN'] as const, consentId: 'CON-000001' }]));

describe('sibling entity fetches to one department, as one call', () => {
  it('each fetch keeps its own representations and selection, under its own alias', () => {
    expect(batchedQuery([CASES, PLANS])).toBe(
      `query Caseload__social__1($e0: [_Any!]!, $e1: [_Any!]!) {
  e0: _entities(representations: $e0) {
    ... on Citizen {
      social {
        kind
        status
      }
    }
  }
  e1: _entities(representations: $e1) {
    ... on OnePlan {
      social {
        nextFollowUp
      }
    }
  }
}`,
    );
  });

  it('keeps a variable both fetches use once, with its fragments', () => {
    const withFirst = (type: string) =>
      `query Q($representations:[_Any!]!,$first:Int){_entities(representations:$representations){...F${type}}} fragment F${type} on ${type}{goals(first:$first){description}}`;
    expect(batchedQuery([withFirst('Citizen'), withFirst('OnePlan')])).toContain(
      'query Q($e0: [_Any!]!, $e1: [_Any!]!, $first: Int)',
    );
  });

  it.each([
    ['a root field of the department', [CASES, 'query Q{cases{id}}']],
    [
      'a variable two fetches type differently',
      [
        'query A($representations:[_Any!]!,$x:Int){_entities(representations:$representations){...on Citizen{social{kind}}}}',
        'query B($representations:[_Any!]!,$x:String){_entities(representations:$representations){...on OnePlan{social{nextFollowUp}}}}',
      ],
    ],
    [
      'a fragment name two fetches define differently',
      [
        'query A($representations:[_Any!]!){_entities(representations:$representations){...F}} fragment F on Citizen{social{kind}}',
        'query B($representations:[_Any!]!){_entities(representations:$representations){...F}} fragment F on OnePlan{social{nextFollowUp}}',
      ],
    ],
    [
      '$representations used beyond the argument',
      [
        CASES,
        'query B($representations:[_Any!]!){_entities(representations:$representations){...on OnePlan{social{goals(of:$representations){description}}}}}',
      ],
    ],
  ])('does not batch %s', (_case, queries) => {
    expect(batchedQuery(queries)).toBeUndefined();
  });

  it("gives each fetch its own answer: its entities, the errors under its alias, and the call's errors without a path", () => {
    const response: GatewayGraphQLResponse = {
      data: { e0: [{ social: { kind: 'Støtte' } }], e1: [null, { social: null }] },
      errors: [
        { message: 'plan part failed', path: ['e1', 1, 'social'] },
        { message: 'the whole call', extensions: { code: 'X' } },
      ],
    };
    expect(partOfBatch(response, 0)).toEqual({
      data: { _entities: [{ social: { kind: 'Støtte' } }] },
      errors: [{ message: 'the whole call', extensions: { code: 'X' } }],
    });
    expect(partOfBatch(response, 1)).toEqual({
      data: { _entities: [null, { social: null }] },
      errors: [
        { message: 'plan part failed', path: ['_entities', 1, 'social'] },
        { message: 'the whole call', extensions: { code: 'X' } },
      ],
    });
    expect(partOfBatch({ data: null, errors: [{ message: 'down' }] }, 1)).toEqual({ data: null, errors: [{ message: 'down' }] });
  });

  describe('the batcher', () => {
    type Sent = { query: string; variables: unknown; coverage: FetchCoverage | undefined };
    const request = (context: object, query: string, representations: unknown[]) =>
      ({
        context,
        request: { query, variables: { representations }, operationName: 'Caseload' },
      }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

    function recording(answer: (sent: Sent) => Promise<GatewayGraphQLResponse>) {
      const sent: Sent[] = [];
      const batcher = new EntityFetchBatcher((options, coverage) => {
        const call = { query: options.request.query ?? '', variables: options.request.variables, coverage };
        sent.push(call);
        return answer(call);
      });
      return { sent, batcher };
    }

    it("sends a request's fetches of one turn as one call, and answers each with its own part", async () => {
      const { sent, batcher } = recording(async () => ({
        data: { e0: [{ social: { kind: 'Støtte' } }], e1: [{ social: { nextFollowUp: '2027-01-01' } }] },
      }));
      const anna = {};
      const [cases, plans] = await Promise.all([
        batcher.fetch(request(anna, CASES, [citizen(PETER)]), covers(PETER)),
        batcher.fetch(request(anna, PLANS, [plan(PETER)]), covers(PETER)),
      ]);
      expect(sent).toEqual([
        {
          query: withOperationName(batchedQuery([anonymous(CASES), anonymous(PLANS)])!, 'Caseload'),
          variables: { e0: [citizen(PETER)], e1: [plan(PETER)] },
          coverage: covers(PETER),
        },
      ]);
      expect(cases).toEqual({ data: { _entities: [{ social: { kind: 'Støtte' } }] } });
      expect(plans).toEqual({ data: { _entities: [{ social: { nextFollowUp: '2027-01-01' } }] } });
    });

    it("signs the union of the parts' coverage: each citizen as every part covered them", async () => {
      const { sent, batcher } = recording(async () => ({ data: { e0: [null], e1: [null] } }));
      const anna = {};
      await Promise.all([
        batcher.fetch(request(anna, CASES, [citizen(PETER)]), covers(PETER)),
        batcher.fetch(request(anna, PLANS, [plan(JONAS)]), covers(JONAS)),
      ]);
      expect(sent.map((s) => s.coverage)).toEqual([covers(PETER, JONAS)]);
    });

    it('sends apart: a fetch alone (unchanged), two requests, and a citizen two parts cover differently', async () => {
      const { sent, batcher } = recording(async ({ query }) => ({ data: { _entities: [query === CASES ? 'case' : 'plan'] } }));
      expect(await batcher.fetch(request({}, CASES, [citizen(PETER)]))).toEqual({ data: { _entities: ['case'] } });
      expect(sent).toEqual([{ query: CASES, variables: { representations: [citizen(PETER)] }, coverage: undefined }]);

      sent.length = 0;
      await Promise.all([batcher.fetch(request({}, CASES, [citizen(PETER)])), batcher.fetch(request({}, PLANS, [plan(PETER)]))]);
      expect(sent.map((s) => s.query)).toEqual([CASES, PLANS]);

      sent.length = 0;
      const anna = {};
      const caseOnly: FetchCoverage = new Map([[PETER, { categories: ['CASE'], consentId: 'CON-000001' }]]);
      const answers = await Promise.all([
        batcher.fetch(request(anna, CASES, [citizen(PETER)]), caseOnly),
        batcher.fetch(request(anna, PLANS, [plan(PETER)]), covers(PETER)),
      ]);
      expect(sent.map((s) => [s.query, s.coverage])).toEqual([
        [CASES, caseOnly],
        [PLANS, covers(PETER)],
      ]);
      expect(answers).toEqual([{ data: { _entities: ['case'] } }, { data: { _entities: ['plan'] } }]);
    });

    it('a failed call fails every fetch it carried', async () => {
      const { batcher } = recording(() => Promise.reject(new Error('social is down')));
      const anna = {};
      const results = await Promise.allSettled([
        batcher.fetch(request(anna, CASES, [citizen(PETER)])),
        batcher.fetch(request(anna, PLANS, [plan(PETER)])),
      ]);
      expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
        'social is down',
        'social is down',
      ]);
    });

    it('a send that throws at once rejects its fetch, rather than the process', async () => {
      const { batcher } = recording(() => {
        throw new Error('could not sign');
      });
      await expect(batcher.fetch(request({}, CASES, [citizen(PETER)]))).rejects.toThrow('could not sign');
    });
  });
});
