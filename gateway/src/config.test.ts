import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, devKeyFiles, writeSigningKeyPair } from '@enplan/lib';
import { DEV_DECISION_CACHE_SECRET, DEV_JWT_SECRET, loadGatewayConfig } from './config';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadGatewayConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('gateway configuration', () => {
  it('keeps field usage bounded by default, in memory only', () => {
    expect(loadGatewayConfig({}).fieldUsage).toEqual({ maxOperations: 200, retainDays: 90, writeIntervalMs: 60_000 });
  });

  it('refuses an unbounded field-usage setting, naming each', () => {
    expect(
      problemsOf({ FIELD_USAGE_MAX_OPERATIONS: '0', FIELD_USAGE_RETAIN_DAYS: '1000', FIELD_USAGE_WRITE_SECONDS: 'often' }),
    ).toEqual([
      'FIELD_USAGE_MAX_OPERATIONS must be a whole number from 1 to 10000 (got "0")',
      'FIELD_USAGE_RETAIN_DAYS must be a whole number from 1 to 400 (got "1000")',
      'FIELD_USAGE_WRITE_SECONDS must be a whole number from 1 to 86400 (got "often")',
    ]);
  });

  it('bounds the per-operation caches by default, so one-off operations cannot grow the heap without limit', () => {
    const config = loadGatewayConfig({});
    expect(config.queryPlanCacheMiB).toBe(10);
    expect(config.documentCacheMiB).toBe(5);
  });

  it('takes the cache sizes from the environment', () => {
    const config = loadGatewayConfig({ QUERY_PLAN_CACHE_MIB: '20', DOCUMENT_CACHE_MIB: '2' });
    expect(config.queryPlanCacheMiB).toBe(20);
    expect(config.documentCacheMiB).toBe(2);
  });

  it('refuses to start with an unbounded or nonsensical cache size and names every problem at once', () => {
    let error: unknown;
    try {
      loadGatewayConfig({ DOCUMENT_CACHE_MIB: '0', QUERY_PLAN_CACHE_MIB: 'lots' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'QUERY_PLAN_CACHE_MIB must be a whole number from 1 to 1024 (got "lots")',
      'DOCUMENT_CACHE_MIB must be a whole number from 1 to 1024 (got "0")',
    ]);
  });

  it('bounds the memory decision cache by citizens (100,000 by default) and refuses a bound that is none', () => {
    expect(loadGatewayConfig({}).decisionCacheMaxCitizens).toBe(100_000);
    expect(loadGatewayConfig({ DECISION_CACHE_MAX_CITIZENS: '250000' }).decisionCacheMaxCitizens).toBe(250_000);
    expect(problemsOf({ DECISION_CACHE_MAX_CITIZENS: '0' })).toEqual([
      'DECISION_CACHE_MAX_CITIZENS must be a whole number from 100 to 10000000 (got "0")',
    ]);
  });

  describe('in production, refuses every committed secret and key, naming the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'enplan-config-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const production = { NODE_ENV: 'production', REDIS_URL: 'redis://:pw@127.0.0.1:6379' };

    it('the dev JWT secret, the dev decision-cache secret and the dev signing key', () => {
      expect(
        problemsOf({
          ...production,
          JWT_SECRET: DEV_JWT_SECRET,
          DECISION_CACHE_SECRET: DEV_DECISION_CACHE_SECRET,
          GATEWAY_SIGNING_KEY_FILE: devKeyFiles('gateway').privateJwk,
        }),
      ).toEqual([
        'JWT_SECRET is a development value committed to the repository; set a secret of your own in production',
        'GATEWAY_SIGNING_KEY_FILE is a development key committed to the repository; generate your own in production',
        'GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN is required',
        'DECISION_CACHE_SECRET is a development value committed to the repository; set a secret of your own in production',
      ]);
    });

    it('a missing signing key, or a public key where the private one belongs', () => {
      expect(problemsOf({ ...production, JWT_SECRET: 'j'.repeat(40), DECISION_CACHE_SECRET: 'd'.repeat(40) })).toEqual([
        'GATEWAY_SIGNING_KEY_FILE is required',
        'GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN is required',
      ]);
      expect(
        problemsOf({
          ...production,
          JWT_SECRET: 'j'.repeat(40),
          DECISION_CACHE_SECRET: 'd'.repeat(40),
          GATEWAY_SIGNING_KEY_FILE: devKeyFiles('gateway').jwks,
        }),
      ).toEqual([
        'GATEWAY_SIGNING_KEY_FILE must name a private P-256 (ES256) JWK with a "kid"',
        'GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN is required',
      ]);
    });

    it('and starts with secrets and a key of its own, and one for the region', async () => {
      const { privateJwkFile } = await writeSigningKeyPair(dir, 'gateway', 'prod-gateway-1');
      const region = await writeSigningKeyPair(dir, 'gateway-region-hovedstaden', 'prod-gateway-region-1');
      const config = loadGatewayConfig({
        ...production,
        JWT_SECRET: 'j'.repeat(40),
        DECISION_CACHE_SECRET: 'd'.repeat(40),
        GATEWAY_SIGNING_KEY_FILE: privateJwkFile,
        GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN: region.privateJwkFile,
      });
      expect(config.signingKey.kid).toBe('prod-gateway-1');
      expect(Object.entries(config.organisationSigningKeys).map(([code, key]) => [code, key.kid])).toEqual([
        ['REGION_HOVEDSTADEN', 'prod-gateway-region-1'],
      ]);
    });

    it("refuses the municipality's key as the region's: the region would trust every municipal call", async () => {
      const { privateJwkFile } = await writeSigningKeyPair(dir, 'gateway-shared', 'prod-gateway-shared');
      expect(
        problemsOf({
          ...production,
          JWT_SECRET: 'j'.repeat(40),
          DECISION_CACHE_SECRET: 'd'.repeat(40),
          GATEWAY_SIGNING_KEY_FILE: privateJwkFile,
          GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN: privateJwkFile,
        }),
      ).toEqual([
        'GATEWAY_SIGNING_KEY_FILE_REGION_HOVEDSTADEN is the same key as GATEWAY_SIGNING_KEY_FILE: REGION_HOVEDSTADEN needs a key of its own',
      ]);
    });
  });

  it('outside production, uses the committed dev keys', () => {
    expect(loadGatewayConfig({}).signingKey.kid).toBe('enplan-dev-gateway-1');
    expect(loadGatewayConfig({}).organisationSigningKeys.REGION_HOVEDSTADEN?.kid).toBe('enplan-dev-gateway-region-hovedstaden-1');
  });

  it('sizes demand control so every registered operation passes, and takes each limit from the environment', () => {
    expect(loadGatewayConfig({}).demand).toEqual({
      costLimit: 5_000,
      defaultListSize: 10,
      expensiveCost: 500,
      maxConcurrentExpensive: 2,
      ratePerSecond: 20,
      rateBurst: 60,
      refusalPacing: { delayMs: 1_000, maxHeldPerActor: 256, maxHeld: 4_096 },
      authFailures: { perSecond: 20, burst: 100 },
      readyCacheMs: 1_000,
    });
    expect(loadGatewayConfig({}).limits.maxTokens).toBe(5_000);
    const config = loadGatewayConfig({ COST_LIMIT: '800', RATE_LIMIT_PER_SECOND: '0', MAX_TOKENS: '2000' });
    expect([config.demand.costLimit, config.demand.ratePerSecond, config.limits.maxTokens]).toEqual([800, 0, 2_000]);
  });

  it('refuses to start with a demand limit that would switch a check off or break the parser', () => {
    let error: unknown;
    try {
      loadGatewayConfig({
        COST_LIMIT: '0',
        RATE_LIMIT_BURST: '-1',
        MAX_TOKENS: '10',
        MAX_QUERY_DEPTH: '5000',
        MAX_CONCURRENT_EXPENSIVE: 'many',
        AUTH_FAILURE_BURST: '0',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'MAX_QUERY_DEPTH must be a whole number from 1 to 100 (got "5000")',
      'MAX_TOKENS must be a whole number from 100 to 1000000 (got "10")',
      'COST_LIMIT must be a whole number from 1 to 9007199254740991 (got "0")',
      'MAX_CONCURRENT_EXPENSIVE must be a whole number from 1 to 1000 (got "many")',
      'RATE_LIMIT_BURST must be a whole number from 1 to 1000000 (got "-1")',
      'AUTH_FAILURE_BURST must be a whole number from 1 to 1000000 (got "0")',
    ]);
  });
});
