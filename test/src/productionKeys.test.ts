import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devKeyFiles, gatewayKeyOfSubgraph, REPO_ROOT } from '@enplan/lib';

/** A service process started as production would start it (a subgraph by name, or an entry file); what it says before exiting. */
function startInProduction(subgraph: string, env: NodeJS.ProcessEnv): { status: number | null; stderr: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-prod-'));
  try {
    const entry = subgraph.endsWith('.js') ? subgraph : `subgraphs/${subgraph}/dist/index.js`;
    const { status, stderr } = spawnSync(process.execPath, [entry], {
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

  describe("the region's psychiatry and the gateway's key for it (rule 11)", () => {
    const region = () => gatewayKeyOfSubgraph('psychiatry');
    const psychiatry = (env: NodeJS.ProcessEnv) =>
      startInProduction('tools/dist/kitDepartment.js', { KIT_DEPARTMENT: 'psychiatry', ...env });
    const gatewaySecrets = { JWT_SECRET: 'j'.repeat(40), DECISION_CACHE_SECRET: 'd'.repeat(40) };

    it("the region's subgraph needs the key kept for the region, refuses the dev one, and asks for no finder key", () => {
      expect(psychiatry({}).stderr).toBe(
        'psychiatry cannot start; fix its configuration:\n  - GATEWAY_JWKS_REGION_HOVEDSTADEN is required\n',
      );
      expect(psychiatry({ GATEWAY_JWKS_REGION_HOVEDSTADEN: region().dev.jwks }).stderr).toBe(
        'psychiatry cannot start; fix its configuration:\n' +
          '  - GATEWAY_JWKS_REGION_HOVEDSTADEN trusts a development key committed to the repository; remove it in production\n',
      );
    });

    it("the region's subgraph refuses to be given the municipality's GATEWAY_JWKS, in production or not", () => {
      const expected =
        "  - GATEWAY_JWKS is the municipality's gateway key: psychiatry belongs to another organisation and trusts only GATEWAY_JWKS_REGION_HOVEDSTADEN\n";
      expect(psychiatry({ GATEWAY_JWKS: devKeyFiles('gateway').jwks }).stderr).toContain(expected);
      expect(psychiatry({ GATEWAY_JWKS: devKeyFiles('gateway').jwks, NODE_ENV: 'development' }).stderr).toBe(
        'psychiatry cannot start; fix its configuration:\n' + expected,
      );
    });

    it('the gateway needs its key for the region, refuses the dev one, and refuses its municipal key for the region', () => {
      const gateway = (env: NodeJS.ProcessEnv) => startInProduction('gateway/dist/index.js', { ...gatewaySecrets, ...env });
      expect(gateway({ GATEWAY_SIGNING_KEY_FILE: devKeyFiles('gateway').privateJwk }).stderr).toBe(
        'gateway cannot start; fix its configuration:\n' +
          '  - GATEWAY_SIGNING_KEY_FILE is a development key committed to the repository; generate your own in production\n' +
          '  - GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN is required\n',
      );
      expect(
        gateway({
          GATEWAY_SIGNING_KEY_FILE: devKeyFiles('gateway').privateJwk,
          GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN: region().dev.privateJwk,
        }).stderr,
      ).toContain(
        '  - GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN is a development key committed to the repository; generate your own in production\n',
      );
    });
  });
});
