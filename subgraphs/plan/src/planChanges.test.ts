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

describe('inviting a provider to a joint meeting (rule 12)', () => {
  const LAERKEHOEJ = { code: 'BOSTEDET_LAERKEHOEJ', name: 'Bostedet Lærkehøj' };
  const OTHER = { code: 'BOSTOETTE_NORD', name: 'Bostøtte Nord' };
  const anna = { id: 'cw-emp-1', department: 'EMPLOYMENT' as const };
  const bo = { id: 'cw-soc-1', department: 'SOCIAL' as const };
  const otherEmployment = { id: 'cw-emp-2', department: 'EMPLOYMENT' as const };
  const meeting = {
    id: 'MEET-1',
    at: '2026-12-15T09:00:00.000Z',
    place: 'Jobcentret',
    participants: [],
    bisidder: null,
    minutes: null,
  };
  const plan: JointPlanRecord = {
    ...draft,
    status: 'ACTIVE',
    agreements: [
      {
        id: 'AGR-1',
        what: 'Bostøtte 4 timer om ugen',
        responsibleDepartment: 'SOCIAL',
        dueDate: null,
        actionRef: null,
        provider: { organisation: LAERKEHOEJ.code, assignedBy: 'SOCIAL', assignedAt: 0 },
      },
    ],
    meetings: [meeting, { ...meeting, id: 'MEET-0', minutes: 'Holdt.' }],
  };

  it.each([
    ['the coordinator', anna, 'OK'],
    ['the department that assigned the agreement', bo, 'OK'],
    ['another caseworker of a party department', otherEmployment, { code: 'FORBIDDEN' }],
  ])('%s may invite → %j', (_who, by, expected) => {
    expect(codeOf(() => planChanges.inviteProvider(plan, 'MEET-1', LAERKEHOEJ, by))).toEqual(expected);
  });

  it.each([
    ['a provider carrying out no agreement of the plan', 'MEET-1', OTHER, 'organisation'],
    ['a meeting the plan does not have', 'MEET-9', LAERKEHOEJ, 'meetingId'],
    ['a meeting that has taken place', 'MEET-0', LAERKEHOEJ, 'meetingId'],
  ])('refuses %s: BAD_USER_INPUT', (_what, meetingId, provider, field) => {
    expect(codeOf(() => planChanges.inviteProvider(plan, meetingId, provider, anna))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('invites once, withdraws once; ending the last assignment withdraws its invitations', () => {
    const invited = planChanges.inviteProvider(plan, 'MEET-1', LAERKEHOEJ, anna);
    expect(invited.plan.meetings[0]!.invitedOrganisations).toEqual([LAERKEHOEJ.code]);
    expect(invited.change).toMatchObject({
      kind: 'PROVIDER_INVITED',
      facts: { organisation: 'Bostedet Lærkehøj', meetingAt: meeting.at },
    });
    expect(codeOf(() => planChanges.inviteProvider(invited.plan, 'MEET-1', LAERKEHOEJ, bo))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'organisation',
    });
    const withdrawn = planChanges.withdrawInvitation(invited.plan, 'MEET-1', LAERKEHOEJ, bo);
    expect(withdrawn.plan.meetings[0]!.invitedOrganisations).toEqual([]);
    expect(withdrawn.change.kind).toBe('PROVIDER_INVITATION_WITHDRAWN');
    expect(codeOf(() => planChanges.withdrawInvitation(withdrawn.plan, 'MEET-1', LAERKEHOEJ, bo))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'organisation',
    });
    const ended = planChanges.endAssignment(invited.plan, 'AGR-1', 'SOCIAL', () => LAERKEHOEJ.name);
    expect(ended.plan.meetings[0]!.invitedOrganisations).toEqual([]);
  });
});
