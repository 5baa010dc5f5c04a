import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import { startGateway, type RunningGateway } from '@enplan/gateway/src/server';
import { PERSONAS, REPO_ROOT, type FieldUsageExport } from '@enplan/lib';
import { planWithoutSummary } from '@enplan/tools/src/schemaCheck/fixtures/planSchemaEdits';
import { TestFederation, graphql, tokenFor } from './federation';

const PETER = PERSONAS.peter.cpr;
/** A client's widget that still shows the English `PlanChange.summary`, deprecated in the plan schema. */
const PLAN_HISTORY_WIDGET = `query PlanHistoryWidget($cpr: ID!) {
  citizen(cpr: $cpr) { plan { joint { createdAt history { at summary } } } }
}`;

async function usageOf(gateway: RunningGateway, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL('/usage', gateway.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}

/** `npm run schema:check` as a department team runs it (the compiled build); resolves with the exit code. */
async function schemaCheck(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['tools/dist/schemaCheck.js', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, stdout };
  }
}

describe('field usage: the gateways count what clients ask for, and schema:check weighs a removal against it', () => {
  let federation: TestFederation;
  let second: RunningGateway;
  let anna: string;
  let auditor: string;

  beforeAll(async () => {
    federation = await TestFederation.start();
    // A second gateway over the same subgraphs: each counts its own requests.
    second = await startGateway(loadGatewayConfig({ PORT: '0', ...federation.gatewayEnv() }));
    anna = await tokenFor('cw-emp-1');
    auditor = await tokenFor('auditor');
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await federation?.stop();
  });

  test('each gateway counts per operation name; an anonymous operation as (other); auditors read it at GET /usage', async () => {
    for (let i = 0; i < 2; i++)
      await graphql(federation.gateway.url, PLAN_HISTORY_WIDGET, { token: anna, variables: { cpr: PETER } });
    await graphql(second.url, PLAN_HISTORY_WIDGET, { token: anna, variables: { cpr: PETER } });
    await graphql(federation.gateway.url, `{ citizen(cpr: "${PETER}") { cpr } }`, { token: anna });

    const { status, body } = await usageOf(federation.gateway, auditor);

    expect(status).toBe(200);
    const entries = (body as FieldUsageExport).entries;
    expect(body.format).toBe('enplan-field-usage/1');
    const today = new Date().toISOString().slice(0, 10);
    expect(entries.filter((e) => e.operation === 'PlanHistoryWidget').sort((a, b) => a.field.localeCompare(b.field))).toEqual(
      [
        'Citizen.plan',
        'JointPlan.createdAt',
        'JointPlan.history',
        'OnePlan.joint',
        'PlanChange.at',
        'PlanChange.summary',
        'Query.citizen',
      ].map((field) => ({ day: today, operation: 'PlanHistoryWidget', field, count: 2 })),
    );
    expect(entries.filter((e) => e.operation === '(other)').sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { day: today, operation: '(other)', field: 'Citizen.cpr', count: 1 },
      { day: today, operation: '(other)', field: 'Query.citizen', count: 1 },
    ]);
    // Names and fields only: the CPR the operations asked about appears nowhere.
    expect(JSON.stringify(body)).not.toContain(PETER);
  });

  test('a caseworker is refused (FORBIDDEN), and so is a request without a token (UNAUTHENTICATED)', async () => {
    expect(await usageOf(federation.gateway, anna)).toEqual({
      status: 403,
      body: { errors: [{ message: 'Field usage is for auditors.', extensions: { code: 'FORBIDDEN' } }] },
    });
    expect(await usageOf(federation.gateway)).toEqual({
      status: 401,
      body: { errors: [{ message: 'A valid bearer token is required.', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
  });

  test("removing PlanChange.summary, which the widget asked for: exit 1 naming the field, the operation and both gateways' count", async () => {
    const files = [federation.gateway, second].map(async (gateway, i) => {
      const file = join(federation.dataDir, `usage-${i}.json`);
      writeFileSync(file, JSON.stringify((await usageOf(gateway, auditor)).body));
      return file;
    });
    const [first, other] = await Promise.all(files);
    const proposed = join(federation.dataDir, 'plan.graphql');
    writeFileSync(proposed, planWithoutSummary());

    const { code, stdout } = await schemaCheck('plan', '--schema', proposed, '--usage', first!, '--usage', other!);

    expect(code).toBe(1);
    expect(stdout).toContain('6. Removed fields against recorded usage (--usage, last 30 days)');
    expect(stdout).toContain('  FAIL PlanChange.summary: used 3 times by PlanHistoryWidget (3)');
  });
});
