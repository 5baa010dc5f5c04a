import { PERSONAS } from '@enplan/lib';
import { planChanges } from './planChanges';
import { nextJointMeeting, type JointPlanRecord } from './planModel';

const draft: JointPlanRecord = {
  id: 'PLAN-1',
  cpr: PERSONAS.jonas.cpr,
  version: 1,
  status: 'DRAFT',
  coordinatingCaseworkerId: 'cw-emp-1',
  citizenGoals: [],
  agreements: [],
  meetings: [],
  nextFollowUp: null,
  endedReason: null,
  createdAt: 0,
};
let ids = 0;
const newId = () => `ID-${++ids}`;
const codeOf = (change: () => unknown) => {
  try {
    change();
    return 'OK';
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
};

describe('the changes a joint plan can undergo', () => {
  it.each([
    ['an empty goal', () => planChanges.setCitizenGoals(draft, ['  '], newId), 'goals.0'],
    ['21 goals', () => planChanges.setCitizenGoals(draft, Array(21).fill('mål'), newId), 'goals'],
    ['activating an ACTIVE plan', () => planChanges.activate({ ...draft, status: 'ACTIVE' }), 'status'],
    ['ending without a reason', () => planChanges.end(draft, ''), 'reason'],
    [
      'an agreement for an unknown department',
      () => planChanges.addAgreement(draft, { what: 'x', responsibleDepartment: 'POLICE' }, newId),
      'agreement.responsibleDepartment',
    ],
    [
      'an agreement due on 31 February',
      () => planChanges.addAgreement(draft, { what: 'x', responsibleDepartment: 'SOCIAL', dueDate: '2027-02-31' }, newId),
      'agreement.dueDate',
    ],
    [
      'a meeting without a time zone',
      () => planChanges.scheduleMeeting(draft, { at: '2026-12-15T10:00', place: 'x', participants: ['SOCIAL'] }, newId),
      'meeting.at',
    ],
    [
      'a meeting without participants',
      () => planChanges.scheduleMeeting(draft, { at: '2026-12-15T10:00Z', place: 'x', participants: [] }, newId),
      'meeting.participants',
    ],
    ['minutes for a meeting the plan does not have', () => planChanges.recordMinutes(draft, 'MEET-X', 'referat'), 'meetingId'],
    ['a follow-up that is not a date', () => planChanges.setNextFollowUp(draft, 'next week'), 'date'],
  ])('refuses %s with BAD_USER_INPUT naming the field', (_, change, field) => {
    expect(codeOf(change)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('keeps meetings in time order; the next joint meeting is the earliest without minutes', () => {
    const later = planChanges.scheduleMeeting(
      draft,
      { at: '2027-01-05T09:00:00+01:00', place: 'Jobcentret', participants: ['EMPLOYMENT'] },
      newId,
    ).plan;
    const both = planChanges.scheduleMeeting(
      later,
      { at: '2026-12-15T10:00:00+01:00', place: 'Socialcenter', participants: ['SOCIAL', 'SOCIAL'] },
      newId,
    ).plan;
    expect(both.meetings.map((m) => [m.at, m.participants])).toEqual([
      ['2026-12-15T09:00:00.000Z', ['SOCIAL']],
      ['2027-01-05T08:00:00.000Z', ['EMPLOYMENT']],
    ]);
    expect(nextJointMeeting(both)).toBe('2026-12-15T09:00:00.000Z');
    const held = planChanges.recordMinutes(both, both.meetings[0]!.id, 'Vi aftalte praktik.');
    expect(nextJointMeeting(held.plan)).toBe('2027-01-05T08:00:00.000Z');
    expect(held.change).toEqual({
      kind: 'MINUTES_RECORDED',
      facts: { meetingAt: '2026-12-15T09:00:00.000Z' },
      summary: 'Minutes recorded for the meeting of 2026-12-15T09:00:00.000Z.',
    });
  });

  it('an agreement refers to a department action by id only', () => {
    const { plan, change } = planChanges.addAgreement(
      draft,
      {
        what: ' Praktik i 13 uger ',
        responsibleDepartment: 'EMPLOYMENT',
        dueDate: '2027-03-31',
        actionRef: { department: 'EMPLOYMENT', actionId: 'EMP-000005-A1' },
      },
      newId,
    );
    expect(plan.agreements).toEqual([
      {
        id: expect.any(String),
        what: 'Praktik i 13 uger',
        responsibleDepartment: 'EMPLOYMENT',
        dueDate: '2027-03-31',
        actionRef: { department: 'EMPLOYMENT', actionId: 'EMP-000005-A1' },
      },
    ]);
    // The history keeps the kind and the facts (the words as the caseworker wrote them); the English summary is for older clients.
    expect(change).toEqual({
      kind: 'AGREEMENT_ADDED',
      facts: { department: 'EMPLOYMENT', what: 'Praktik i 13 uger' },
      summary: 'Agreement added for EMPLOYMENT: Praktik i 13 uger',
    });
  });

  it('leaves the plan it was given untouched', () => {
    planChanges.setCitizenGoals(draft, ['Et job'], newId);
    planChanges.end(draft, 'Flyttet');
    expect(draft).toMatchObject({ status: 'DRAFT', citizenGoals: [], endedReason: null });
  });
});
