/**
 * The candidate finder (issue #30) over the demo data and N synthetic citizens, every department
 * asked over real HTTP, every checked citizen's line written to the access log. Two runs:
 *
 *  1. as seeded: every synthetic citizen has a plan, so only the personas without one are asked;
 *  2. after the synthetic citizens' plans are ended (SQL in the plan file): all of them are asked.
 *
 * Prints a Markdown table: runtime, citizens considered / left out / checked, candidates, and the
 * calls each department received (test/src/finding.test.ts counts them at the departments too).
 *
 *   npx tsx bench/finding.ts [N=10000] [BATCH=500]
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PERSONAS, registeredSubgraphs } from '@enplan/lib';
import type { FindingRunReport } from '@enplan/subgraph-plan/src/finding/CandidateFinder';
import type { PlanSubgraphInstance } from '@enplan/subgraph-plan/src/server';
import { TestFederation } from '../test/src/federation';

const LEGAL_BASIS = 'Lov om en samlet plan § 3 (kommunalbestyrelsens beslutning)';

export async function runFindingBench(synthetic: number, batchSize: number): Promise<string> {
  const seeding = performance.now();
  const federation = await TestFederation.start({
    syntheticCitizens: synthetic,
    finding: { legalBasis: LEGAL_BASIS, threshold: 3, retentionDays: 30, batchSize },
  });
  const seededMs = performance.now() - seeding;
  try {
    const plan = federation.subgraph<PlanSubgraphInstance>('plan');
    const departments = registeredSubgraphs()
      .filter((s) => s.kind === 'department')
      .map((s) => s.name);
    const rows: string[] = [];
    const row = (label: string, r: FindingRunReport) =>
      rows.push(
        `| ${label} | ${r.considered} | ${r.leftOut} | ${r.checked} | ${r.candidates} | ${departments.map((d) => r.callsPerDepartment[d]).join(' / ')} | ${r.durationMs} |`,
      );
    row('as seeded (synthetic citizens have plans)', await plan.finder.run(plan.findingPopulation()));

    const personas = Object.values(PERSONAS).map((p) => `'${p.cpr}'`);
    const db = new DatabaseSync(join(federation.dataDir, 'plan.sqlite'));
    db.exec(`UPDATE joint_plans SET status = 'ENDED' WHERE cpr NOT IN (${personas.join(', ')})`);
    db.close();
    row('synthetic plans ended: everyone asked', await plan.finder.run(plan.findingPopulation()));

    return [
      `${synthetic} synthetic citizens + ${Object.keys(PERSONAS).length} personas, batch ${batchSize}, threshold 3; ` +
        `federation started and seeded in ${Math.round(seededMs)} ms.`,
      '',
      `| run | considered | left out | checked | candidates | calls ${departments.join(' / ')} | ms |`,
      '|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  } finally {
    await federation.stop();
  }
}

if (require.main === module) {
  runFindingBench(Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 500)).then(
    (table) => console.log(table),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
