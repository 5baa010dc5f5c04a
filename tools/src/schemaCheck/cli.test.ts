import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@enplan/lib';
import { planWithoutCreatedAt, planWithoutSummary } from './fixtures/planSchemaEdits';

const run = promisify(execFile);

/** Runs the CLI as `npm run schema:check` does (the compiled build: npm test builds first); resolves with the exit code instead of rejecting. */
async function schemaCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['tools/dist/schemaCheck.js', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('schema:check CLI', () => {
  test('an unknown subgraph is a usage error: exit 2', async () => {
    const { code, stderr } = await schemaCheck('payroll');

    expect(code).toBe(2);
    expect(stderr).toContain('error: unknown subgraph "payroll"');
  });

  test('a passing subgraph with --json exits 0 and prints one JSON object', async () => {
    const { code, stdout } = await schemaCheck('employment', '--json');

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      subgraph: 'employment',
      ok: true,
      composition: { ok: true, errors: [] },
      changes: [],
      consentLint: { missingCategory: [], privacyChanges: [] },
    });
  });

  describe("--operations: a client team's own operations, besides the registered ones", () => {
    const CLIENT = join(__dirname, 'fixtures', 'planWidget');
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'enplan-schema-check-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test("removing JointPlan.createdAt, which the client's PlanWidget asks for: exit 1 naming PlanWidget", async () => {
      const proposed = join(dir, 'plan.graphql');
      writeFileSync(proposed, planWithoutCreatedAt());

      const { code, stdout } = await schemaCheck('plan', '--schema', proposed, '--operations', CLIENT, '--json');

      expect(code).toBe(1);
      expect(JSON.parse(stdout).clientOperations).toEqual([
        {
          name: 'PlanStatusBadge',
          file: `${CLIENT}/manifest.json#5b1f0c`,
          ok: true,
          errors: [],
        },
        {
          name: 'PlanWidget',
          file: `${CLIENT}/planWidget.graphql`,
          ok: false,
          errors: ['Cannot query field "createdAt" on type "JointPlan".'],
        },
      ]);
    });

    test('the committed schema breaks none of them: exit 0, each named as passing', async () => {
      const { code, stdout } = await schemaCheck('plan', '--operations', CLIENT);

      expect(code).toBe(0);
      expect(stdout).toContain('5. Client operations (--operations)');
      expect(stdout).toContain(`PASS PlanWidget (${CLIENT}/planWidget.graphql)`);
      expect(stdout).toContain(`PASS PlanStatusBadge (${CLIENT}/manifest.json#5b1f0c)`);
    });
  });

  describe("--usage: the gateways' recorded field usage (GET /usage)", () => {
    let dir: string;
    let withoutSummary: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'enplan-schema-check-usage-'));
      withoutSummary = join(dir, 'plan.graphql');
      writeFileSync(withoutSummary, planWithoutSummary());
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const exportFile = (name: string, content: unknown) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(content));
      return file;
    };

    test('removing the deprecated PlanChange.summary with no recorded use: exit 0, with a warning', async () => {
      const usage = exportFile('quiet.json', {
        format: 'enplan-field-usage/1',
        exportedAt: new Date().toISOString(),
        entries: [],
      });

      const { code, stdout } = await schemaCheck('plan', '--schema', withoutSummary, '--usage', usage);

      expect(code).toBe(0);
      expect(stdout).toContain('  WARN PlanChange.summary: deprecated, no recorded use: removable');
    });

    test('a file that is no field-usage export, or a window of no days, is a usage error: exit 2', async () => {
      const other = exportFile('other.json', { operations: [] });

      const notAnExport = await schemaCheck('plan', '--usage', other);
      const noDays = await schemaCheck('plan', '--usage', other, '--usage-days', '0');

      expect(notAnExport.code).toBe(2);
      expect(notAnExport.stderr).toContain(`error: ${other} is not a field-usage export (format "enplan-field-usage/1")`);
      expect(noDays.code).toBe(2);
      expect(noDays.stderr).toContain('error: --usage-days must be a whole number of days, 1 or more');
    });
  });
});
