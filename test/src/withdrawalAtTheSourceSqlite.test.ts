import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PERSONAS } from '@enplan/lib';
import type { RunningGateway } from '@enplan/gateway/src/server';
import { TestFederation } from './federation';
import { eventually, readSocialCase } from './redisTestSupport';

const { peter, mette, jonas, lars } = PERSONAS;

/** Plain SQL on the consent file from another process, as the sqlite3 shell, an import or a DBA would run it. */
async function sqlFromAnotherProcess(file: string, sql: string): Promise<void> {
  const script = `const db = new (require('node:sqlite').DatabaseSync)(process.argv[1], { timeout: 5000 });
    db.exec(process.argv[2]);
    db.close();`;
  await promisify(execFile)(process.execPath, ['-e', script, file, sql]);
}

/**
 * Resolves when the gateway drops the citizen from its decision cache: the consent service's
 * announcement has arrived (rejects after 5 s). Observes the gateway's own cache; changes nothing.
 */
function dropped(gateway: RunningGateway, cpr: string): Promise<void> {
  const cache = gateway.decisionCache;
  const evict = cache.evictCitizen;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cache.evictCitizen = evict;
      reject(new Error('the gateway heard of no change to the citizen within 5 s'));
    }, 5_000);
    cache.evictCitizen = async (evicted: string, sequence?: number) => {
      await evict.call(cache, evicted, sequence);
      if (evicted !== cpr) return;
      cache.evictCitizen = evict;
      clearTimeout(timer);
      resolve();
    };
  });
}

/**
 * Rule 7 on the embedded default: SQLite, the in-memory decision cache, no Redis. A change made to
 * the consent file by another process, past the consent service, is announced all the same (the
 * triggers' journal, watched by the service), so the gateway's next request after the announcement
 * is decided anew; a cached allow would otherwise live for the ten minutes configured here.
 */
describe('withdrawal announced at the source: the embedded default (SQLite file, memory cache, no Redis)', () => {
  let federation: TestFederation;
  let gateway: RunningGateway;
  let consentFile: string;

  /** Anna's read of the citizen's SOCIAL case gets `verdict`, and the second read is answered from the cache. */
  const cached = async (cpr: string, verdict: 'allowed' | 'denied') => {
    expect(await readSocialCase(gateway.url, cpr)).toBe(verdict);
    const calls = gateway.consentClient.decisionCalls;
    expect(await readSocialCase(gateway.url, cpr)).toBe(verdict);
    expect(gateway.consentClient.decisionCalls).toBe(calls);
  };
  /** Runs `sql` in another process and waits for the gateway to hear of the citizen. */
  const changeAndWait = async (cpr: string, sql: string) => {
    const heard = dropped(gateway, cpr);
    await sqlFromAnotherProcess(consentFile, sql);
    await heard;
  };

  beforeAll(async () => {
    federation = await TestFederation.start({ gatewayEnv: { DECISION_CACHE_TTL_MS: '600000' } });
    gateway = federation.gateway;
    consentFile = join(federation.dataDir, 'consent.sqlite');
    expect(gateway.consentFeed.live).toBe(true);
  });
  afterAll(() => federation?.stop());

  it("Peter's consent withdrawn by an UPDATE from another process: Anna's cached read is denied on her next request", async () => {
    await cached(peter.cpr, 'allowed');
    await changeAndWait(
      peter.cpr,
      `UPDATE consents SET withdrawn_at = ${Date.now()}, withdrawn_by = 'import' WHERE id = 'CON-000001'`,
    );
    expect(await readSocialCase(gateway.url, peter.cpr)).toBe('denied');
  });

  it("Mette's consent row deleted from another process: Anna's cached read is denied on her next request", async () => {
    await cached(mette.cpr, 'allowed');
    await changeAndWait(mette.cpr, "DELETE FROM consents WHERE id = 'CON-000002'");
    expect(await readSocialCase(gateway.url, mette.cpr)).toBe('denied');
  });

  it("a consent for Jonas inserted from another process: Anna's cached denial becomes an allow on her next request", async () => {
    await cached(jonas.cpr, 'denied');
    // A copy of Peter's written consent (EMPLOYMENT⇄SOCIAL for CASE, PLAN, BENEFITS), given by Jonas, in force.
    await changeAndWait(
      jonas.cpr,
      `INSERT INTO consents SELECT 'CON-IMPORT-1', '${jonas.cpr}', '${jonas.cpr}', grantor_capacity, purpose, valid_from,
         valid_until, provisions, evidence_method, recorded_by, recorded_at, document_ref, NULL, NULL, NULL, NULL, NULL, NULL
       FROM consents WHERE id = 'CON-000001'`,
    );
    expect(await readSocialCase(gateway.url, jonas.cpr)).toBe('allowed');
  });

  it('while the consent file cannot be watched the gateway trusts no cached decision, and it caches again once it can', async () => {
    await cached(lars.cpr, 'allowed');
    // The journal renamed away: changes can no longer be seen, so the consent service ends its feed.
    await sqlFromAnotherProcess(consentFile, 'ALTER TABLE consent_changes RENAME TO consent_changes_away');
    expect(
      await eventually(
        async () => gateway.consentFeed.live,
        (live) => !live,
        5_000,
      ),
    ).toBe(false);
    const calls = gateway.consentClient.decisionCalls;
    expect(await readSocialCase(gateway.url, lars.cpr)).toBe('allowed');
    expect(gateway.consentClient.decisionCalls).toBe(calls + 1); // decided by the consent service, not the cache
    await sqlFromAnotherProcess(
      consentFile,
      `UPDATE consents SET withdrawn_at = ${Date.now()}, withdrawn_by = 'import' WHERE id = 'CON-000005'`,
    );
    expect(await readSocialCase(gateway.url, lars.cpr)).toBe('denied');

    await sqlFromAnotherProcess(consentFile, 'ALTER TABLE consent_changes_away RENAME TO consent_changes');
    expect(await eventually(async () => gateway.consentFeed.live, Boolean, 5_000)).toBe(true);
    await cached(lars.cpr, 'denied');
  });
});
