/**
 * The price of a department described rather than programmed: one caseworker's question about
 * their own department, answered by a kit department (housing: gateway → kit subgraph → Omnigraph →
 * HTTP to its vendor stand-in) and by a hand-written one of the same shape (employment: gateway →
 * subgraph → SQLite), alternated in one run over one federation. Sequential requests (latency, not
 * throughput), a warm-up first, medians per round and the median of the rounds.
 *
 *   node bench/node_modules/tsx/dist/cli.mjs bench/departmentKit.ts      (after npm run build)
 *   BENCH_KIT_REQUESTS (per department and round, default 300), BENCH_KIT_ROUNDS (default 5)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS, REPO_ROOT } from '@enplan/lib';
import { TestFederation, graphql, tokenFor } from '../test/src/federation';
import { median, percentile } from './src/stats';

const REQUESTS = Number(process.env.BENCH_KIT_REQUESTS ?? 300);
const ROUNDS = Number(process.env.BENCH_KIT_ROUNDS ?? 5);
const SAME_SHAPE = (field: string) =>
  `query Own($cpr: ID!) { citizen(cpr: $cpr) { ${field} { id kind status openedOn caseworker { name phone } benefits { kind monthlyAmountDkk } } } }`;

async function main(): Promise<void> {
  // Rate limiting off: one caseworker asks far faster than the fair share allows.
  const federation = await TestFederation.start({ gatewayEnv: { RATE_LIMIT_PER_SECOND: '0' } });
  try {
    const sides = [
      { name: 'kit (housing)', query: SAME_SHAPE('housing'), token: await tokenFor('cw-hou-1'), field: 'housing' },
      {
        name: 'hand-written (employment)',
        query: SAME_SHAPE('employment'),
        token: await tokenFor('cw-emp-1'),
        field: 'employment',
      },
    ];
    const ask = async (side: (typeof sides)[number]) => {
      const began = performance.now();
      const result = await graphql(federation.gateway.url, side.query, {
        token: side.token,
        variables: { cpr: PERSONAS.mette.cpr },
      });
      const took = performance.now() - began;
      if (result.errors || !(result.data?.citizen as Record<string, unknown>)[side.field])
        throw new Error(`${side.name}: ${JSON.stringify(result)}`);
      return took;
    };
    for (let i = 0; i < 100; i++) for (const side of sides) await ask(side);
    const rounds: Array<{ medians: number[]; p99s: number[] }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const samples = sides.map(() => [] as number[]);
      // Alternated request by request: both sides meet the same machine load.
      for (let i = 0; i < REQUESTS; i++) for (const [s, side] of sides.entries()) samples[s]!.push(await ask(side));
      rounds.push({ medians: samples.map((x) => median(x)), p99s: samples.map((x) => percentile(x, 99)) });
    }
    const kit = median(rounds.map((r) => r.medians[0]!));
    const hand = median(rounds.map((r) => r.medians[1]!));
    const lines = [
      '# Department kit: cost per request against a hand-written department',
      '',
      `Run ${new Date().toISOString()} on ${process.platform}, Node ${process.versions.node}; ${ROUNDS} rounds × ${REQUESTS} sequential requests per department, alternated, after 100 warm-up pairs.`,
      'The machine (2 cores) was shared with 4 other engineers building and testing at the same time: absolute numbers are noisy, the ratio (same run, alternated) is the figure to read.',
      "Everything in one Node process (the tests' federation: gateway, subgraphs, the vendor stand-in, and the client), over loopback HTTP.",
      '',
      "Question: Mette's own case in the caseworker's own department (no consent decision needed), same shape on both sides:",
      '`id kind status openedOn caseworker { name phone } benefits { kind monthlyAmountDkk }`.',
      '',
      '| round | kit (housing) median ms | hand-written (employment) median ms | ratio | kit p99 ms | hand-written p99 ms |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rounds.map(
        (r, i) =>
          `| ${i + 1} | ${r.medians[0]!.toFixed(2)} | ${r.medians[1]!.toFixed(2)} | ${(r.medians[0]! / r.medians[1]!).toFixed(2)} | ${r.p99s[0]!.toFixed(2)} | ${r.p99s[1]!.toFixed(2)} |`,
      ),
      '',
      `**Median of the rounds: kit ${kit.toFixed(2)} ms, hand-written ${hand.toFixed(2)} ms, ratio ${(kit / hand).toFixed(2)}.**`,
      '',
      'The kit side pays for one more HTTP hop (the subgraph to the vendor system, here a stand-in on loopback that validates',
      'each request against the OpenAPI description) and Omnigraph executing the lookup; the hand-written side reads SQLite in process.',
      '',
    ];
    writeFileSync(join(REPO_ROOT, 'bench', 'results', 'department-kit.md'), lines.join('\n'));
    process.stdout.write(lines.join('\n'));
  } finally {
    await federation.stop();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
