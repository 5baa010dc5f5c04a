import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';
import type { GraphQLError } from 'graphql';
import { ConcurrencyLimiter } from '../admission/ConcurrencyLimiter';
import type { RefusalReason } from '../http/refusals';
import { CostModel } from './CostModel';
import { OperationDocuments } from './OperationDocuments';
import { requestedOperations, RequestPricing } from './RequestPricing';

const costs = new CostModel(readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'), { defaultListSize: 10 });
const SETTINGS = { maxQueryLength: 20_000, maxNesting: 48, costLimit: 5_000, expensiveCost: 500 };
const caseload = readFileSync(join(REPO_ROOT, 'operations', 'Caseload.graphql'), 'utf8');
const cprs = (n: number) => Array.from({ length: n }, (_, i) => `01018${String(i).padStart(5, '0')}`);

function gate(options: { maxConcurrent?: number } = {}) {
  const refusals: RefusalReason[] = [];
  const demand = new RequestPricing(
    costs,
    new OperationDocuments(2 ** 20, { maxTokens: 5_000 }, []),
    SETTINGS,
    new ConcurrencyLimiter(options.maxConcurrent ?? 2),
    (r) => refusals.push(r),
  );
  return { demand, refusals };
}

async function refusal(attempt: () => unknown): Promise<{ code: unknown; message: string; extensions: Record<string, unknown> }> {
  try {
    await attempt();
  } catch (error) {
    const { extensions, message } = error as GraphQLError;
    return { code: extensions.code, message, extensions };
  }
  throw new Error('expected a refusal');
}

describe('the pricing stage, before Apollo Server executes anything or a department is asked', () => {
  it("admits Anna's caseload of 100 citizens, priced, and counts it expensive", async () => {
    const { demand } = gate();
    const priced = await demand.price('cw-emp-1', [{ query: caseload, variables: { cprs: cprs(100) } }]);
    expect(priced.estimate).toBe(700);
  });

  it('sums a batch: ten caseloads of 100 citizens are refused with the estimate and the limit', async () => {
    const { demand, refusals } = gate();
    const batch = Array.from({ length: 10 }, () => ({ query: caseload, variables: { cprs: cprs(100) } }));
    const refused = await refusal(() => demand.price('cw-emp-1', batch));
    expect(refused.code).toBe('COST_LIMIT_EXCEEDED');
    expect(refused.extensions).toMatchObject({ estimate: 7_000, limit: 5_000 });
    expect(refused.message).toBe(
      "The request's estimated cost 7000 exceeds the limit of 5000; ask for less at once (fewer citizens, aliases or batched operations).",
    );
    expect(refusals).toEqual(['cost']);
  });

  it('refuses over-long text, deep nesting and too many tokens before any cost is computed, each for its reason', async () => {
    const { demand, refusals } = gate();
    expect(
      (await refusal(() => demand.price('cw-soc-1', [{ query: `{ citizen(cpr: "0101804321") { cpr } }`.padEnd(20_001) }])))
        .message,
    ).toBe('Query length 20001 exceeds the limit of 20000 characters.');
    expect(
      (await refusal(() => demand.price('cw-soc-1', [{ query: `{ ${'a { '.repeat(2_000)}b${' }'.repeat(2_000)} }` }]))).message,
    ).toBe('Query nesting exceeds the limit of 48 brackets.');
    const manyTokens = `{${'a '.repeat(5_000)}}`;
    const parse = await refusal(() => demand.price('cw-soc-1', [{ query: manyTokens }]));
    expect([parse.code, parse.message]).toEqual([
      'GRAPHQL_PARSE_FAILED',
      'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.',
    ]);
    expect(refusals).toEqual(['query_length', 'nesting', 'parse']);
  });

  it('holds an actor to its bound of concurrent expensive requests; cheap ones and other actors pass', async () => {
    const { demand, refusals } = gate({ maxConcurrent: 1 });
    const expensive = [{ query: caseload, variables: { cprs: cprs(100) } }];
    const first = await demand.price('cw-emp-1', expensive);
    const refused = await refusal(() => demand.price('cw-emp-1', expensive));
    expect([refused.code, refused.extensions.retryAfterSeconds]).toEqual(['RATE_LIMITED', 1]);
    await demand.price('cw-emp-1', [{ query: caseload, variables: { cprs: cprs(3) } }]);
    (await demand.price('cw-soc-1', expensive)).release();
    first.release();
    await demand.price('cw-emp-1', expensive);
    expect(refusals).toEqual(['concurrency']);
  });

  it('leaves a request without query text to Apollo Server (it refuses persisted-query hashes and empty bodies)', async () => {
    const { demand } = gate();
    expect((await demand.price('cw-emp-1', [{ extensions: {} } as never, {}])).estimate).toBe(0);
  });
});

describe('the operations of an HTTP request', () => {
  it('reads a batch, a single body and a GET query string', () => {
    expect(requestedOperations('POST', [{ query: 'a' }, 5], {})).toEqual([{ query: 'a' }, {}]);
    expect(requestedOperations('POST', { query: 'b', operationName: 'B' }, {})).toEqual([{ query: 'b', operationName: 'B' }]);
    expect(requestedOperations('GET', undefined, { query: 'c', variables: '{"cprs":["1"]}' })).toEqual([
      { query: 'c', operationName: undefined, variables: { cprs: ['1'] } },
    ]);
    expect(requestedOperations('GET', undefined, { query: 'c', variables: '{' })).toEqual([
      { query: 'c', operationName: undefined, variables: undefined },
    ]);
  });
});
