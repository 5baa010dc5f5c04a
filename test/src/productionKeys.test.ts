import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devKeyFiles, REPO_ROOT } from '@enplan/lib';

/** A subgraph process started as production would start it; what it says before exiting. */
function startInProduction(subgraph: string, env: NodeJS.ProcessEnv): { status: number | null; stderr: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-prod-'));
  try {
    const { status, stderr } = spawnSync(process.execPath, [`subgraphs/${subgraph}/dist/index.js`], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { status, stderr };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('a production subgraph refuses the committed development keys', () => {
  it('a department that would trust the dev gateway key, naming GATEWAY_JWKS', () => {
    const { status, stderr } = startInProduction('social', { GATEWAY_JWKS: devKeyFiles('gateway').jwks });
    expect(status).toBe(1);
    expect(stderr).toBe(
      'social cannot start; fix its configuration:\n  - GATEWAY_JWKS trusts a development key committed to the repository; remove it in production\n' +
        // A department trusts the plan's key too (the candidate finder): required in production like the gateway's.
        '  - PLAN_JWKS is required\n',
    );
  });

  it('a department told no gateway key at all', () => {
    expect(startInProduction('employment', {}).stderr).toContain('  - GATEWAY_JWKS is required\n');
  });

  it('the plan subgraph with the dev signing key, trusting the dev consent key; the consent service likewise', () => {
    const plan = startInProduction('plan', {
      GATEWAY_JWKS: devKeyFiles('gateway').jwks,
      CONSENT_JWKS: devKeyFiles('consent').jwks,
      SIGNING_KEY_FILE: devKeyFiles('plan').privateJwk,
    });
    expect(plan.stderr).toBe(
      'plan cannot start; fix its configuration:\n' +
        '  - GATEWAY_JWKS trusts a development key committed to the repository; remove it in production\n' +
        '  - CONSENT_JWKS trusts a development key committed to the repository; remove it in production\n' +
        '  - SIGNING_KEY_FILE is a development key committed to the repository; generate your own in production\n',
    );
    const consent = startInProduction('consent', {
      GATEWAY_JWKS: devKeyFiles('gateway').jwks,
      PLAN_JWKS: devKeyFiles('plan').jwks,
      SIGNING_KEY_FILE: devKeyFiles('consent').privateJwk,
    });
    expect(consent.stderr).toBe(
      'consent cannot start; fix its configuration:\n' +
        '  - GATEWAY_JWKS trusts a development key committed to the repository; remove it in production\n' +
        '  - PLAN_JWKS trusts a development key committed to the repository; remove it in production\n' +
        '  - ACCESS_LOG_CHECKPOINT_KEY is required\n' +
        '  - SIGNING_KEY_FILE is a development key committed to the repository; generate your own in production\n',
    );
  });

  it('the consent service and the plan subgraph each need their keys in production, named', () => {
    expect(startInProduction('consent', {}).stderr).toContain('  - SIGNING_KEY_FILE is required\n');
    expect(startInProduction('plan', {}).stderr).toContain('  - CONSENT_JWKS is required\n');
  });
});
