import fc from 'fast-check';
import { DATA_CATEGORIES, departmentCodes, PERSONAS, SPECIAL_CATEGORIES } from '@enplan/lib';
import type { ConsentRecord, DecisionQuestion, EvidenceMethod, GrantorCapacity, Provision } from './consentModel';
import { consentStatus, decide } from './decide';

const PETER = PERSONAS.peter.cpr;
const METTE = PERSONAS.mette.cpr;
const T = Date.UTC(2026, 0, 1);

/**
 * Instants on a coarse grid, each possibly nudged by 1 ms, so that validFrom, validUntil,
 * withdrawnAt and now often coincide or sit 1 ms apart: the boundaries are where mistakes hide.
 */
const instant = fc
  .tuple(fc.integer({ min: -4, max: 4 }), fc.constantFrom(-1, 0, 0, 1))
  .map(([k, nudge]) => T + k * 60_000 + nudge);
const department = fc.constantFrom(...departmentCodes());
const category = fc.constantFrom(...DATA_CATEGORIES);

/** Often every department or category, otherwise any subset: whole-list provisions make matches common. */
const someOf = <T>(all: readonly T[]): fc.Arbitrary<T[]> => fc.oneof(fc.constant<T[]>([...all]), fc.subarray<T>([...all]));

const provision: fc.Arbitrary<Provision> = fc.record({
  effect: fc.constantFrom('PERMIT', 'PERMIT', 'DENY'),
  ownerDepartments: someOf(departmentCodes()),
  recipientDepartments: someOf(departmentCodes()),
  categories: someOf(DATA_CATEGORIES),
});

/**
 * How long a consent lasts: mostly past the end of the grid (so that it is often in force), but
 * also empty, 1 ms, backwards, and a few grid steps.
 */
const duration = fc.oneof(
  { arbitrary: fc.constant(1_000_000), weight: 6 },
  { arbitrary: fc.constantFrom(-1, 0, 1, 60_000, 120_000, 240_000), weight: 3 },
);

const consentWithoutId = fc
  .record({
    cpr: fc.constantFrom(PETER, PETER, PETER, METTE),
    capacity: fc.constantFrom<GrantorCapacity>('SELF', 'SELF', 'CUSTODY_HOLDER', 'GUARDIAN', 'POWER_OF_ATTORNEY'),
    method: fc.constantFrom<EvidenceMethod>('WRITTEN', 'ORAL', 'MITID', 'DIGITAL_CONSENT_SERVICE'),
    // Often well before every `now` of the grid, so that many consents are in force.
    validFrom: fc.oneof({ arbitrary: fc.constant(T - 600_000), weight: 1 }, { arbitrary: instant, weight: 1 }),
    lasts: duration,
    provisions: fc.array(provision, { minLength: 1, maxLength: 3 }),
    // Withdrawn in about one consent of four, at some instant before, at or after `now`.
    withdrawnAt: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: instant, weight: 1 }),
    superseded: fc.nat({ max: 7 }).map((n) => n === 0),
  })
  .map(({ cpr, capacity, method, validFrom, lasts, provisions, withdrawnAt, superseded }): Omit<ConsentRecord, 'id'> => ({
    cpr,
    grantor: { cpr: capacity === 'SELF' ? cpr : METTE, capacity },
    purpose: 'ONE_PLAN',
    validFrom,
    validUntil: validFrom + lasts,
    provisions,
    evidence: { method, recordedBy: 'cw-emp-1', recordedAt: validFrom, documentRef: null },
    withdrawnAt,
    withdrawnBy: withdrawnAt === null ? null : cpr,
    supersedes: null,
    supersededBy: superseded ? 'CON-LATER' : null,
    givenByRepresentative: null,
    withdrawnByRepresentative: null,
  }));

const consents = fc
  .array(consentWithoutId, { maxLength: 5 })
  .map((list) => list.map((c, i): ConsentRecord => ({ ...c, id: `CON-${i}` })));

const question: fc.Arbitrary<DecisionQuestion> = fc.record({
  cpr: fc.constantFrom(PETER, PETER, PETER, METTE),
  owner: department,
  recipient: department,
  category,
  purpose: fc.constant('ONE_PLAN' as const),
});

// The oracle: docs/design.md's rules written out independently of decide.ts.

/** Given, not withdrawn (whatever instant the withdrawal records), not superseded, and validFrom <= now < validUntil. */
function isActive(c: ConsentRecord, now: number): boolean {
  return c.withdrawnAt === null && c.supersededBy === null && c.validFrom <= now && now < c.validUntil;
}

const matches = (p: Provision, q: DecisionQuestion) =>
  p.ownerDepartments.includes(q.owner) && p.recipientDepartments.includes(q.recipient) && p.categories.includes(q.category);

/** The region's department (federation.json): another data controller than the municipality (rule 11). */
const REGION = 'PSYCHIATRY';

/** ORAL never covers a special category, nor anything to or from the region; FAMILY only under the citizen's own consent. */
function mayCover(c: ConsentRecord, { category, owner, recipient }: DecisionQuestion): boolean {
  if (SPECIAL_CATEGORIES.has(category) && c.evidence.method === 'ORAL') return false;
  if ((owner === REGION || recipient === REGION) && c.evidence.method === 'ORAL') return false;
  if (category === 'FAMILY' && c.grantor.capacity !== 'SELF') return false;
  return true;
}

function oracle(all: readonly ConsentRecord[], q: DecisionQuestion, now: number) {
  const active = all.filter((c) => c.cpr === q.cpr && c.purpose === q.purpose && isActive(c, now));
  const denying = active.filter((c) => c.provisions.some((p) => p.effect === 'DENY' && matches(p, q)));
  const permitting = active.filter((c) => c.provisions.some((p) => p.effect === 'PERMIT' && matches(p, q)) && mayCover(c, q));
  return { denying, permitting };
}

const RUNS = 5_000;

describe('consent decisions, for any consents, question and instant', () => {
  it('agree with docs/design.md on when a consent is active', () => {
    fc.assert(
      fc.property(consents, instant, (all, now) => all.every((c) => (consentStatus(c, now) === 'ACTIVE') === isActive(c, now))),
      { numRuns: RUNS },
    );
  });

  it('never allow what no active, eligible PERMIT covers, nor what an active DENY forbids', () => {
    let allowed = 0;
    fc.assert(
      fc.property(consents, question, instant, (all, q, now) => {
        const decision = decide(all, q, now);
        if (!decision.allowed) {
          expect(decision.validUntil).toBeNull();
          return;
        }
        allowed += 1;
        const { denying, permitting } = oracle(all, q, now);
        expect(q.owner).not.toBe(q.recipient);
        expect(denying).toEqual([]);
        const decidingConsent = permitting.find((c) => c.id === decision.consentId);
        expect(decidingConsent).toBeDefined();
        expect(consentStatus(decidingConsent!, now)).toBe('ACTIVE');
        if (SPECIAL_CATEGORIES.has(q.category)) expect(decidingConsent!.evidence.method).not.toBe('ORAL');
        if (q.owner === REGION || q.recipient === REGION) expect(decidingConsent!.evidence.method).not.toBe('ORAL');
        if (q.category === 'FAMILY') expect(decidingConsent!.grantor.capacity).toBe('SELF');
        expect(decision.validUntil).toBe(decidingConsent!.validUntil);
        expect(decision.validUntil!).toBeGreaterThan(now);
      }),
      { numRuns: RUNS },
    );
    // The property says nothing if nothing is ever allowed: make sure the generators reach it.
    expect(allowed).toBeGreaterThan(RUNS / 25); // about 9 % in practice
  });

  it('allow whenever an active, eligible PERMIT covers the question and no active DENY does (deny by default, not by accident)', () => {
    let checked = 0;
    fc.assert(
      fc.property(consents, question, instant, (all, q, now) => {
        const { denying, permitting } = oracle(all, q, now);
        if (q.owner === q.recipient || denying.length > 0 || permitting.length === 0) return;
        checked += 1;
        const decision = decide(all, q, now);
        expect(decision.allowed).toBe(true);
        // Of several, the longest-lasting covering consent decides (the cache may keep its answer longest).
        expect(decision.validUntil).toBe(Math.max(...permitting.map((c) => c.validUntil)));
      }),
      { numRuns: RUNS },
    );
    expect(checked).toBeGreaterThan(RUNS / 25);
  });

  it('never allow a department to ask about its own data', () => {
    fc.assert(
      fc.property(consents, question, instant, (all, q, now) => !decide(all, { ...q, recipient: q.owner }, now).allowed),
      { numRuns: RUNS },
    );
  });

  it('never allow a question about a citizen from another citizen’s consents', () => {
    fc.assert(
      fc.property(
        consents,
        question,
        instant,
        (all, q, now) =>
          !decide(
            all.filter((c) => c.cpr !== q.cpr),
            q,
            now,
          ).allowed,
      ),
      { numRuns: RUNS },
    );
  });
});
