import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASEWORKERS, PERSONAS } from '../personas';
import { demoCaseworkers } from '../registry';
import { caseSeed } from './caseSeed';
import { departmentResolvers } from './departmentResolvers';
import { SqliteDepartmentStore } from './SqliteDepartmentStore';

/** The real store over a real file, counting its case reads. */
class CountingStore extends SqliteDepartmentStore {
  reads = 0;
  override caseOf(cpr: string) {
    this.reads += 1;
    return super.caseOf(cpr);
  }
}

describe("a department's resolvers read a citizen's case once per request", () => {
  const dir = mkdtempSync(join(tmpdir(), 'enplan-resolvers-'));
  const store = new CountingStore('SOCIAL', join(dir, 'social.db'));
  store.seed(
    [...demoCaseworkers()],
    [caseSeed('SOC', 1, PERSONAS.peter, { kind: 'Bostøtte', openedOn: '2022-06-13', caseworkerId: CASEWORKERS.bo.id })],
  );
  const resolvers = departmentResolvers(store, {
    citizenField: 'social',
    planField: 'social',
    caseType: 'SocialCase',
    caseFields: [],
  });
  const peter = { cpr: PERSONAS.peter.cpr };
  afterAll(() => {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("Peter's case and his plan's social part in one call read his case once, and answer from it", () => {
    store.reads = 0;
    const request = {};
    const citizenCase = resolvers.Citizen!.social!(peter, {}, request) as { id: string };
    const section = resolvers.OnePlan!.social!(peter, {}, request) as { caseRecord: { id: string } };
    expect(citizenCase.id).toBe('SOC-000001');
    expect(section.caseRecord).toBe(citizenCase);
    expect(store.reads).toBe(1);
  });

  it('the next request reads the case again: nothing is kept between requests', () => {
    store.reads = 0;
    resolvers.Citizen!.social!(peter, {}, {});
    resolvers.Citizen!.social!(peter, {}, {});
    expect(store.reads).toBe(2);
  });

  it('a citizen without a case here is null in both fields, also read once', () => {
    store.reads = 0;
    const request = {};
    const mette = { cpr: PERSONAS.mette.cpr };
    expect(resolvers.Citizen!.social!(mette, {}, request)).toBeNull();
    expect(resolvers.OnePlan!.social!(mette, {}, request)).toBeNull();
    expect(store.reads).toBe(1);
  });
});
