import { CASEWORKERS, PERSONAS, type DataCategory, type Department } from '@enplan/lib';
import type { ConsentRecord, ConsentStatus, DecisionQuestion, EvidenceMethod, GrantorCapacity, Provision } from './consentModel';
import { consentStatus, decide, decisionReasonLabel } from './decide';

const PETER = PERSONAS.peter.cpr;
const LARS = PERSONAS.lars.cpr;
const METTE = PERSONAS.mette.cpr;

/** The consent is valid [T0, T1); W is the moment it is withdrawn, in the cases that withdraw it. */
const T0 = Date.UTC(2026, 0, 1, 8, 0, 0);
const T1 = Date.UTC(2027, 0, 1, 8, 0, 0);
const W = Date.UTC(2026, 5, 15, 12, 30, 0);
const MID = Date.UTC(2026, 2, 1);

const ALL_CATEGORIES: DataCategory[] = ['CASE', 'PLAN', 'BENEFITS', 'HEALTH', 'SUBSTANCE_ABUSE', 'FAMILY'];
const BOTH_WAYS = {
  ownerDepartments: ['EMPLOYMENT', 'SOCIAL'],
  recipientDepartments: ['EMPLOYMENT', 'SOCIAL'],
} satisfies Partial<Provision>;

const permit = (
  categories: DataCategory[],
  parties: Pick<Provision, 'ownerDepartments' | 'recipientDepartments'> = BOTH_WAYS,
): Provision => ({
  effect: 'PERMIT',
  ...parties,
  categories,
});
const deny = (categories: DataCategory[]): Provision => ({ effect: 'DENY', ...BOTH_WAYS, categories });

function consent(
  id: string,
  fields: Partial<Omit<ConsentRecord, 'evidence' | 'grantor'>> & { method?: EvidenceMethod; capacity?: GrantorCapacity } = {},
): ConsentRecord {
  const { method = 'WRITTEN', capacity = 'SELF', ...rest } = fields;
  const cpr = rest.cpr ?? PETER;
  return {
    id,
    cpr,
    // A custody holder, guardian or attorney is someone else: Mette stands in for them.
    grantor: { cpr: capacity === 'SELF' ? cpr : METTE, capacity },
    purpose: 'ONE_PLAN',
    validFrom: T0,
    validUntil: T1,
    provisions: [permit(ALL_CATEGORIES)],
    evidence: {
      method,
      recordedBy: CASEWORKERS.anna.id,
      recordedAt: T0,
      documentRef: method === 'WRITTEN' ? `ESDH-${id}` : null,
    },
    withdrawnAt: null,
    withdrawnBy: null,
    supersedes: null,
    supersededBy: null,
    givenByRepresentative: null,
    withdrawnByRepresentative: null,
    ...rest,
  };
}

function question(category: DataCategory, fields: Partial<DecisionQuestion> = {}): DecisionQuestion {
  return { cpr: PETER, owner: 'EMPLOYMENT', recipient: 'SOCIAL', category, purpose: 'ONE_PLAN', ...fields };
}

const REGION_PARTIES = {
  ownerDepartments: ['EMPLOYMENT', 'SOCIAL', 'PSYCHIATRY'],
  recipientDepartments: ['EMPLOYMENT', 'SOCIAL', 'PSYCHIATRY'],
} satisfies Partial<Provision>;

const PETERS = consent('CON-PETER');
const WITHDRAWN_AT_W = consent('CON-PETER-W', { withdrawnAt: W, withdrawnBy: PETER });
const LARS_ORAL = consent('CON-LARS', {
  cpr: LARS,
  method: 'ORAL',
  provisions: [permit(['CASE', 'PLAN', 'HEALTH', 'SUBSTANCE_ABUSE'])],
});

type Expected = { allowed: true; consentId: string; validUntil: number } | { allowed: false; consentId?: string | null };

const cases: Array<[string, ConsentRecord[], DecisionQuestion, number, Expected]> = [
  // validity period [T0, T1)
  ['allowed at validFrom exactly', [PETERS], question('PLAN'), T0, { allowed: true, consentId: 'CON-PETER', validUntil: T1 }],
  [
    'allowed 1 ms before validUntil',
    [PETERS],
    question('PLAN'),
    T1 - 1,
    { allowed: true, consentId: 'CON-PETER', validUntil: T1 },
  ],
  ['denied 1 ms before validFrom', [PETERS], question('PLAN'), T0 - 1, { allowed: false, consentId: null }],
  ['denied at validUntil exactly', [PETERS], question('PLAN'), T1, { allowed: false, consentId: null }],
  // withdrawal at W
  // A clock that ran ahead when the withdrawal was stored (or another replica's) must not undo it (issue #32).
  [
    'denied before the instant the withdrawal records',
    [WITHDRAWN_AT_W],
    question('CASE'),
    W - 60_000,
    { allowed: false, consentId: null },
  ],
  ['denied at the instant of withdrawal', [WITHDRAWN_AT_W], question('CASE'), W, { allowed: false, consentId: null }],
  ['denied after withdrawal', [WITHDRAWN_AT_W], question('CASE'), T1 - 1, { allowed: false, consentId: null }],
  // DENY overrides PERMIT, also across consents
  [
    'a DENY in one active consent overrides a PERMIT in another',
    [PETERS, consent('CON-PETER-DENY', { provisions: [deny(['SUBSTANCE_ABUSE'])] })],
    question('SUBSTANCE_ABUSE'),
    MID,
    { allowed: false, consentId: 'CON-PETER-DENY' },
  ],
  [
    'a DENY overrides a PERMIT in the same consent',
    [consent('CON-PETER-BOTH', { provisions: [permit(ALL_CATEGORIES), deny(['SUBSTANCE_ABUSE'])] })],
    question('SUBSTANCE_ABUSE'),
    MID,
    { allowed: false, consentId: 'CON-PETER-BOTH' },
  ],
  [
    'a DENY for another category leaves the PERMIT in force',
    [PETERS, consent('CON-PETER-DENY', { provisions: [deny(['SUBSTANCE_ABUSE'])] })],
    question('BENEFITS'),
    MID,
    { allowed: true, consentId: 'CON-PETER', validUntil: T1 },
  ],
  [
    'a DENY in a withdrawn consent no longer applies',
    [PETERS, consent('CON-PETER-DENY', { provisions: [deny(['SUBSTANCE_ABUSE'])], withdrawnAt: T0, withdrawnBy: PETER })],
    question('SUBSTANCE_ABUSE'),
    MID,
    { allowed: true, consentId: 'CON-PETER', validUntil: T1 },
  ],
  // another organisation (rule 11): the region's psychiatry takes part only under explicit evidence, both ways
  ...(['ORAL', 'WRITTEN', 'MITID', 'DIGITAL_CONSENT_SERVICE'] as const).flatMap((method) =>
    (['CASE', 'PLAN', 'HEALTH'] as const).flatMap((category) =>
      (
        [
          ['PSYCHIATRY', 'EMPLOYMENT'],
          ['SOCIAL', 'PSYCHIATRY'],
        ] as const
      ).map(([owner, recipient]): [string, ConsentRecord[], DecisionQuestion, number, Expected] => [
        `${method} ${method === 'ORAL' ? 'never covers' : 'covers'} ${category} from ${owner} to ${recipient}`,
        [
          consent(`CON-REGION-${method}`, {
            cpr: METTE,
            method,
            provisions: [permit(['CASE', 'PLAN', 'HEALTH'], REGION_PARTIES)],
          }),
        ],
        question(category, { cpr: METTE, owner, recipient }),
        MID,
        method === 'ORAL'
          ? { allowed: false, consentId: null }
          : { allowed: true, consentId: `CON-REGION-${method}`, validUntil: T1 },
      ]),
    ),
  ),
  [
    'a consent naming the region for EMPLOYMENT and SOCIAL does not make HOUSING a party',
    [consent('CON-REGION', { cpr: METTE, method: 'MITID', provisions: [permit(['CASE'], REGION_PARTIES)] })],
    question('CASE', { cpr: METTE, owner: 'PSYCHIATRY', recipient: 'HOUSING' }),
    MID,
    { allowed: false, consentId: null },
  ],
  // evidence: ORAL does not cover the special categories (Lars)
  ['ORAL does not cover HEALTH', [LARS_ORAL], question('HEALTH', { cpr: LARS }), MID, { allowed: false, consentId: null }],
  [
    'ORAL does not cover SUBSTANCE_ABUSE',
    [LARS_ORAL],
    question('SUBSTANCE_ABUSE', { cpr: LARS }),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    'ORAL covers PLAN',
    [LARS_ORAL],
    question('PLAN', { cpr: LARS }),
    MID,
    { allowed: true, consentId: 'CON-LARS', validUntil: T1 },
  ],
  [
    'MITID covers HEALTH',
    [consent('CON-METTE', { cpr: METTE, method: 'MITID' })],
    question('HEALTH', { cpr: METTE }),
    MID,
    { allowed: true, consentId: 'CON-METTE', validUntil: T1 },
  ],
  // grantor capacity: FAMILY only under the citizen's own consent
  [
    'FAMILY is covered when the citizen consents for themself',
    [consent('CON-SELF')],
    question('FAMILY'),
    MID,
    { allowed: true, consentId: 'CON-SELF', validUntil: T1 },
  ],
  [
    'FAMILY is not covered under a CUSTODY_HOLDER',
    [consent('CON-CUSTODY', { capacity: 'CUSTODY_HOLDER' })],
    question('FAMILY'),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    'FAMILY is not covered under a GUARDIAN',
    [consent('CON-GUARDIAN', { capacity: 'GUARDIAN' })],
    question('FAMILY'),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    'FAMILY is not covered under a POWER_OF_ATTORNEY',
    [consent('CON-POA', { capacity: 'POWER_OF_ATTORNEY' })],
    question('FAMILY'),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    'PLAN is covered under a CUSTODY_HOLDER',
    [consent('CON-CUSTODY', { capacity: 'CUSTODY_HOLDER' })],
    question('PLAN'),
    MID,
    { allowed: true, consentId: 'CON-CUSTODY', validUntil: T1 },
  ],
  // supersession
  [
    'a superseded consent is not active',
    [consent('CON-OLD', { supersededBy: 'CON-NEW' })],
    question('PLAN'),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    'the consent that supersedes it decides',
    [
      consent('CON-OLD', { supersededBy: 'CON-NEW' }),
      consent('CON-NEW', { supersedes: 'CON-OLD', validFrom: MID, validUntil: T1 + 1 }),
    ],
    question('PLAN'),
    MID,
    { allowed: true, consentId: 'CON-NEW', validUntil: T1 + 1 },
  ],
  // who, and in which direction
  [
    'a consent from EMPLOYMENT to SOCIAL does not cover SOCIAL to EMPLOYMENT',
    [
      consent('CON-ONE-WAY', {
        provisions: [permit(['PLAN'], { ownerDepartments: ['EMPLOYMENT'], recipientDepartments: ['SOCIAL'] })],
      }),
    ],
    question('PLAN', { owner: 'SOCIAL', recipient: 'EMPLOYMENT' }),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    'CHILDREN is not a party to a consent between EMPLOYMENT and SOCIAL',
    [PETERS],
    question('PLAN', { recipient: 'CHILDREN' }),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    "another citizen's consent does not count",
    [consent('CON-METTE', { cpr: METTE })],
    question('PLAN'),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    'own department is never decided by consent',
    [PETERS],
    question('PLAN', { recipient: 'EMPLOYMENT' }),
    MID,
    { allowed: false, consentId: null },
  ],
  [
    'of two covering consents the longer-lasting decides',
    [PETERS, consent('CON-PETER-LONG', { validUntil: T1 + 5_000 })],
    question('PLAN'),
    MID,
    { allowed: true, consentId: 'CON-PETER-LONG', validUntil: T1 + 5_000 },
  ],
];

describe('consent decisions', () => {
  it.each(cases)('%s', (_name, consents, q, now, expected) => {
    const decision = decide(consents, q, now);
    expect(decision).toMatchObject(expected.allowed ? expected : { ...expected, validUntil: null });
  });

  it.each<[string, ConsentStatus, ConsentRecord, number]>([
    ['before validFrom', 'SCHEDULED', PETERS, T0 - 1],
    ['at validFrom', 'ACTIVE', PETERS, T0],
    ['1 ms before validUntil', 'ACTIVE', PETERS, T1 - 1],
    ['at validUntil', 'EXPIRED', PETERS, T1],
    ['withdrawn, read before the instant it records (a clock stepped back)', 'WITHDRAWN', WITHDRAWN_AT_W, W - 1],
    ['at withdrawal', 'WITHDRAWN', WITHDRAWN_AT_W, W],
    ['withdrawn, after it would have expired', 'WITHDRAWN', WITHDRAWN_AT_W, T1 + 1],
    ['superseded', 'SUPERSEDED', consent('CON-OLD', { supersededBy: 'CON-NEW' }), MID],
  ])('a consent %s is %s', (_name, status, record, now) => {
    expect(consentStatus(record, now)).toBe(status);
  });

  it('denies every department pair with no consent at all (deny by default)', () => {
    const departments: Department[] = ['EMPLOYMENT', 'SOCIAL', 'CHILDREN'];
    for (const owner of departments) {
      for (const recipient of departments) {
        for (const category of ALL_CATEGORIES) {
          expect(decide([], question(category, { owner, recipient }), MID).allowed).toBe(false);
        }
      }
    }
  });
});

describe('the reason label of a decision (a metrics label: fixed values, no consent id)', () => {
  it.each<[string, ConsentRecord[], DecisionQuestion, string]>([
    ["permitted by Peter's consent", [PETERS], question('PLAN'), 'permitted'],
    [
      'denied by a DENY provision',
      [consent('CON-DENY', { provisions: [deny(['SUBSTANCE_ABUSE'])] })],
      question('SUBSTANCE_ABUSE'),
      'denied_by_provision',
    ],
    ['an ORAL consent cannot cover HEALTH (Lars)', [LARS_ORAL], question('HEALTH', { cpr: LARS }), 'not_coverable'],
    [
      "FAMILY only under the parent's own consent",
      [consent('CON-CUSTODY', { capacity: 'CUSTODY_HOLDER' })],
      question('FAMILY'),
      'not_coverable',
    ],
    ['no consent at all (Jonas)', [], question('CASE', { cpr: PERSONAS.jonas.cpr }), 'no_consent'],
    ['a withdrawn consent', [WITHDRAWN_AT_W], question('CASE'), 'no_consent'],
    ['a question within one department', [PETERS], question('CASE', { recipient: 'EMPLOYMENT' }), 'same_department'],
  ])('%s → %s', (_name, consents, q, label) => {
    expect(decisionReasonLabel(decide(consents, q, W + 1))).toBe(label);
  });
});
