import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CategoryClassifier, DATA_CATEGORIES, REPO_ROOT, errors, type DataCategory, type Decision } from '@enplan/lib';
import type { DecisionSet } from '../consent/DecisionCache';
import { EntityFetch, type Requirement } from './EntityFetch';
import { answerFetch, planFetch, recordsToWrite, type FetchPlanInput, type SendOutcome, type Verdict } from './FetchPlanner';

const index = CategoryClassifier.of(readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'));
const QUERY = `query AnnaReadsPeter__social__1($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen { cpr social { kind benefits { kind } healthNotes { summary } } }
  }
}`;
const fetch = new EntityFetch(QUERY, index);
const PETER = '0101804321';
const METTE = '1502854562';
const JONAS = '1111750011';

/** A consent verdict allowing exactly these categories, decided by CON-1. */
function consent(...allowed: DataCategory[]): Verdict {
  const decisions = Object.fromEntries(
    DATA_CATEGORIES.map((c): [DataCategory, Decision] => [
      c,
      {
        allowed: allowed.includes(c),
        consentId: 'CON-1',
        reason: allowed.includes(c) ? 'permitted' : 'not covered',
        validUntil: null,
        nextChangeAt: null,
      },
    ]),
  ) as DecisionSet;
  return {
    kind: 'consent',
    allowed: new Set<Requirement>(allowed),
    allowedKey: DATA_CATEGORIES.filter((c) => allowed.includes(c)).join(','),
    decisions,
  };
}
const forbidden = errors.forbidden('A citizen can only see their own data.');
const refused: Verdict = { kind: 'refused', error: () => forbidden };
const whole: Verdict = { kind: 'whole' };

function inputFor(...verdicts: Array<[string, Verdict]>): FetchPlanInput {
  return {
    fetch,
    query: QUERY,
    operationName: 'AnnaReadsPeter__social__1',
    representations: verdicts.map(([cpr]) => ({ __typename: 'Citizen', cpr })),
    verdicts: verdicts.map(([, v]) => v),
    owner: 'SOCIAL',
    actor: { id: 'cw-emp-1', name: 'Anna Mortensen', department: 'EMPLOYMENT' },
    clientOperationName: 'AnnaReadsPeter',
    errors: {
      consentRequired: (missing) => errors.consentRequired('SOCIAL', missing as DataCategory[]),
      departmentUnavailable: () => errors.departmentUnavailable('SOCIAL'),
      notRecorded: () => errors.consentUnavailable('SOCIAL', 'the access log could not be written.'),
    },
  };
}
const record = (cpr: string, decision: 'DISCLOSED' | 'DENIED', categories: DataCategory[]) =>
  expect.objectContaining({
    cpr,
    decision,
    categories,
    ownerDepartment: 'SOCIAL',
    actorDepartment: 'EMPLOYMENT',
    operationName: 'AnnaReadsPeter',
  });

describe('the fetch planner: what to send, what to answer with null, what to record', () => {
  test.each([
    {
      name: 'own data: sent whole, nothing recorded',
      verdicts: [[PETER, whole]] as Array<[string, Verdict]>,
      sends: [{ indexes: [0], allowed: 'ALL', hasHealth: true }],
      refused: [],
      denials: [],
    },
    {
      name: 'consent for CASE and BENEFITS: health notes left out and their denial recorded',
      verdicts: [[PETER, consent('CASE', 'BENEFITS')]] as Array<[string, Verdict]>,
      sends: [{ indexes: [0], allowed: ['BENEFITS', 'CASE'], hasHealth: false }],
      refused: [],
      denials: [record(PETER, 'DENIED', ['HEALTH'])],
    },
    {
      name: 'no consent at all: the citizen is not sent, the denial recorded',
      verdicts: [[JONAS, consent()]] as Array<[string, Verdict]>,
      sends: [],
      refused: [0],
      denials: [record(JONAS, 'DENIED', ['BENEFITS', 'CASE', 'HEALTH'])],
    },
    {
      name: 'a mix: one send per distinct consent, refusals answered at once',
      verdicts: [
        [PETER, consent('CASE', 'BENEFITS')],
        [METTE, consent('CASE', 'BENEFITS', 'HEALTH')],
        [JONAS, refused],
        ['0303950008', consent('BENEFITS', 'CASE')],
      ] as Array<[string, Verdict]>,
      // Peter's and Sofie's consents allow the same: one send, one query.
      sends: [
        { indexes: [0, 3], allowed: ['BENEFITS', 'CASE'], hasHealth: false },
        { indexes: [1], allowed: ['BENEFITS', 'CASE', 'HEALTH'], hasHealth: true },
      ],
      refused: [2],
      denials: [record(PETER, 'DENIED', ['HEALTH']), record('0303950008', 'DENIED', ['HEALTH'])],
    },
  ])('$name', ({ verdicts, sends, refused: refusedIndexes, denials }) => {
    const plan = planFetch(inputFor(...verdicts));

    expect(
      plan.sends.map((s) => ({ indexes: s.indexes, allowed: s.allowed, hasHealth: s.query.includes('healthNotes') })),
    ).toEqual(sends);
    expect(plan.refusals.map((r) => r.index)).toEqual(refusedIndexes);
    expect(plan.denials).toEqual(denials);
  });

  test('records a disclosure only when its data arrived, and answers a failed send DEPARTMENT_UNAVAILABLE', () => {
    const input = inputFor([PETER, consent('CASE', 'BENEFITS')], [METTE, consent('CASE', 'BENEFITS', 'HEALTH')]);
    const plan = planFetch(input);
    const outcomes: SendOutcome[] = [
      {
        ok: true,
        entities: [{ __typename: 'Citizen', cpr: PETER, social: { kind: 'Socialpædagogisk støtte', benefits: [] } }],
        errors: [],
      },
      { ok: false },
    ];

    expect(recordsToWrite(plan, outcomes)).toEqual([
      record(PETER, 'DENIED', ['HEALTH']),
      record(PETER, 'DISCLOSED', ['BENEFITS', 'CASE']),
    ]);
    const answer = answerFetch(input, plan, outcomes, true);
    expect(answer.data._entities).toEqual([
      { __typename: 'Citizen', cpr: PETER, social: { kind: 'Socialpædagogisk støtte', benefits: [], healthNotes: null } },
      { __typename: 'Citizen', social: null },
    ]);
    expect(answer.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['_entities.1.social', 'DEPARTMENT_UNAVAILABLE'],
      ['_entities.0.social.healthNotes', 'CONSENT_REQUIRED'],
    ]);
  });

  test('withholds what arrived when its record could not be written (rule 5), and still answers own data', () => {
    const input = inputFor([PETER, consent('CASE')], [METTE, whole]);
    const plan = planFetch(input);
    const outcomes: SendOutcome[] = plan.sends.map((send) => ({
      ok: true,
      entities: send.indexes.map((i) => ({ __typename: 'Citizen', cpr: [PETER, METTE][i], social: { kind: 'Bostøtte' } })),
      errors: [],
    }));

    const answer = answerFetch(input, plan, outcomes, false);
    expect(answer.data._entities).toEqual([
      { __typename: 'Citizen', social: null },
      { __typename: 'Citizen', cpr: METTE, social: { kind: 'Bostøtte' } },
    ]);
    expect(answer.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['_entities.0.social', 'CONSENT_UNAVAILABLE'],
    ]);
  });

  test('tells, per send, what was allowed: the list a subgraph can check its fetch against', () => {
    const plan = planFetch(inputFor([PETER, consent('CASE', 'PLAN')], [METTE, whole]));

    expect(plan.sends.map((s) => s.allowed)).toEqual([['CASE', 'PLAN'], 'ALL']);
  });
});
