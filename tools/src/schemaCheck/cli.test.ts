import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@enplan/lib';

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
});
