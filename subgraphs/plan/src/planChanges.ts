import { errors, isDepartment, type Department } from '@enplan/lib';
import { described, type DescribedChange } from './planChangeEvents';
import type { Agreement, JointMeeting, JointPlanRecord, ProgressNote } from './planModel';

/** The result of a change: the plan as it will be, and what its history records. */
export interface Changed {
  plan: JointPlanRecord;
  change: DescribedChange;
}

const MAX_GOALS = 20;
const MAX_TEXT = 2_000;

function text(value: string, field: string, max = MAX_TEXT): string {
  const trimmed = value.trim();
  if (trimmed === '') throw errors.badUserInput(`${field} must not be empty.`, { field });
  if (trimmed.length > max) throw errors.badUserInput(`${field} may be at most ${max} characters.`, { field });
  return trimmed;
}

function optionalText(value: string | null | undefined, field: string, max = MAX_TEXT): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : text(value, field, max);
}

/** YYYY-MM-DD, a real calendar date. */
function isoDate(value: string, field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match && new Date(`${value}T00:00:00Z`);
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw errors.badUserInput(`${field} must be a date as YYYY-MM-DD.`, { field });
  }
  return value;
}

/** An ISO 8601 instant with a time zone, normalised to UTC. */
function isoInstant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(ms)) {
    throw errors.badUserInput(`${field} must be an ISO 8601 instant with a time zone, e.g. 2026-12-08T09:00:00+01:00.`, {
      field,
    });
  }
  return new Date(ms).toISOString();
}

function departments(values: readonly string[], field: string): Department[] {
  if (values.length === 0) throw errors.badUserInput(`${field} must name at least one department.`, { field });
  if (!values.every(isDepartment)) throw errors.badUserInput(`${field} names an unknown department.`, { field });
  return [...new Set(values)];
}

function goals(texts: readonly string[], newId: () => string) {
  if (texts.length > MAX_GOALS) throw errors.badUserInput(`At most ${MAX_GOALS} goals.`, { field: 'goals' });
  return texts.map((t, i) => ({ id: newId(), text: text(t, `goals.${i}`) }));
}

/** The agreement `id`, which only its responsible department may give to or take from a provider. */
function responsibleFor(plan: JointPlanRecord, id: string, department: Department): Agreement {
  const agreement = plan.agreements.find((a) => a.id === id);
  if (!agreement) throw errors.badUserInput('The plan has no agreement with that id.', { field: 'agreementId' });
  if (agreement.responsibleDepartment !== department)
    throw errors.forbidden('Only the department responsible for the agreement can assign it to a provider.');
  return agreement;
}

/** Who invites providers to a meeting (rule 12): the coordinator, or a department that assigned the provider an agreement. */
export interface Inviter {
  id: string;
  department: Department;
}

/**
 * The meeting `meetingId`, still to take place, to which `inviter` may invite or uninvite `provider`:
 * only a provider carrying out an agreement of this plan is invited.
 */
function invitable(plan: JointPlanRecord, meetingId: string, provider: string, inviter: Inviter): JointMeeting {
  const meeting = plan.meetings.find((m) => m.id === meetingId);
  if (!meeting) throw errors.badUserInput('The plan has no meeting with that id.', { field: 'meetingId' });
  const assigned = plan.agreements.filter((a) => a.provider?.organisation === provider);
  if (inviter.id !== plan.coordinatingCaseworkerId && !assigned.some((a) => a.responsibleDepartment === inviter.department))
    throw errors.forbidden('Only the coordinator, or the department that assigned the provider an agreement, invites it.');
  if (assigned.length === 0)
    throw errors.badUserInput('The provider carries out no agreement of this plan: assign it one first.', {
      field: 'organisation',
    });
  if (meeting.minutes !== null)
    throw errors.badUserInput('The meeting has taken place; its invitations are closed.', { field: 'meetingId' });
  return meeting;
}

const withMeeting = (plan: JointPlanRecord, meeting: JointMeeting): JointPlanRecord => ({
  ...plan,
  meetings: plan.meetings.map((m) => (m.id === meeting.id ? meeting : m)),
});

const withAgreement = (plan: JointPlanRecord, agreement: Agreement): JointPlanRecord => ({
  ...plan,
  agreements: plan.agreements.map((a) => (a.id === agreement.id ? agreement : a)),
});

/**
 * The changes a joint plan can undergo, as pure functions of the plan: each validates its input
 * and says what it did as a kind of change with its facts. Who may make them is decided before (JointPlanWrites.ts).
 */
export const planChanges = {
  setCitizenGoals(plan: JointPlanRecord, texts: readonly string[], newId: () => string): Changed {
    return {
      plan: { ...plan, citizenGoals: goals(texts, newId) },
      change: described({ kind: 'GOALS_SET', facts: { count: String(texts.length) } }),
    };
  },

  activate(plan: JointPlanRecord): Changed {
    if (plan.status !== 'DRAFT')
      throw errors.badUserInput(`Only a DRAFT plan can be made ACTIVE; this one is ${plan.status}.`, { field: 'status' });
    return { plan: { ...plan, status: 'ACTIVE' }, change: described({ kind: 'PLAN_ACTIVATED', facts: {} }) };
  },

  end(plan: JointPlanRecord, reason: string): Changed {
    const endedReason = text(reason, 'reason', 1_000);
    return {
      plan: { ...plan, status: 'ENDED', endedReason },
      change: described({ kind: 'PLAN_ENDED', facts: { reason: endedReason } }),
    };
  },

  handOver(plan: JointPlanRecord, to: { id: string; name: string; department: Department }): Changed {
    if (to.id === plan.coordinatingCaseworkerId)
      throw errors.badUserInput('That caseworker already coordinates the plan.', { field: 'toCaseworkerId' });
    return {
      plan: { ...plan, coordinatingCaseworkerId: to.id },
      change: described({ kind: 'COORDINATION_HANDED_OVER', facts: { coordinator: to.name, department: to.department } }),
    };
  },

  addAgreement(
    plan: JointPlanRecord,
    input: {
      what: string;
      responsibleDepartment: string;
      dueDate?: string | null;
      actionRef?: { department: string; actionId: string } | null;
    },
    newId: () => string,
  ): Changed {
    const [responsibleDepartment] = departments([input.responsibleDepartment], 'agreement.responsibleDepartment') as [Department];
    const ref = input.actionRef;
    const agreement: Agreement = {
      id: newId(),
      what: text(input.what, 'agreement.what'),
      responsibleDepartment,
      dueDate: input.dueDate ? isoDate(input.dueDate, 'agreement.dueDate') : null,
      actionRef: ref
        ? {
            department: (departments([ref.department], 'agreement.actionRef.department') as [Department])[0],
            actionId: text(ref.actionId, 'agreement.actionRef.actionId', 100),
          }
        : null,
    };
    return {
      plan: { ...plan, agreements: [...plan.agreements, agreement] },
      change: described({ kind: 'AGREEMENT_ADDED', facts: { department: responsibleDepartment, what: agreement.what } }),
    };
  },

  scheduleMeeting(
    plan: JointPlanRecord,
    input: { at: string; place: string; participants: readonly string[]; bisidder?: string | null },
    newId: () => string,
  ): Changed {
    const meeting: JointMeeting = {
      id: newId(),
      at: isoInstant(input.at, 'meeting.at'),
      place: text(input.place, 'meeting.place', 300),
      participants: departments(input.participants, 'meeting.participants'),
      bisidder: optionalText(input.bisidder, 'meeting.bisidder', 200),
      minutes: null,
    };
    const meetings = [...plan.meetings, meeting].sort((a, b) => a.at.localeCompare(b.at));
    return {
      plan: { ...plan, meetings },
      change: described({ kind: 'MEETING_SCHEDULED', facts: { at: meeting.at, place: meeting.place } }),
    };
  },

  recordMinutes(plan: JointPlanRecord, meetingId: string, minutes: string): Changed {
    if (!plan.meetings.some((m) => m.id === meetingId))
      throw errors.badUserInput('The plan has no meeting with that id.', { field: 'meetingId' });
    const written = text(minutes, 'minutes', 20_000);
    return {
      plan: { ...plan, meetings: plan.meetings.map((m) => (m.id === meetingId ? { ...m, minutes: written } : m)) },
      change: described({ kind: 'MINUTES_RECORDED', facts: { meetingAt: plan.meetings.find((m) => m.id === meetingId)!.at } }),
    };
  },

  /** The responsible department (`by`) assigns an agreement to a provider (`organisation`: its registry name as the history says it). */
  assign(
    plan: JointPlanRecord,
    agreementId: string,
    by: Department,
    provider: { code: string; name: string },
    at: number,
  ): Changed {
    const agreement = responsibleFor(plan, agreementId, by);
    if (agreement.provider)
      throw errors.badUserInput('The agreement is already assigned; end that first.', { field: 'agreementId' });
    return {
      plan: withAgreement(plan, { ...agreement, provider: { organisation: provider.code, assignedBy: by, assignedAt: at } }),
      change: described({ kind: 'AGREEMENT_ASSIGNED', facts: { organisation: provider.name, what: agreement.what } }),
    };
  },

  /** The responsible department ends the assignment: the provider sees the agreement no more. */
  endAssignment(plan: JointPlanRecord, agreementId: string, by: Department, providerName: (code: string) => string): Changed {
    const agreement = responsibleFor(plan, agreementId, by);
    if (!agreement.provider) throw errors.badUserInput('The agreement is not assigned to a provider.', { field: 'agreementId' });
    const ended = withAgreement(plan, { ...agreement, provider: null });
    const { organisation } = agreement.provider;
    // Its last agreement here: its invitations go too, so a later assignment does not bring old meetings back.
    const stillAssigned = ended.agreements.some((a) => a.provider?.organisation === organisation);
    const meetings = stillAssigned
      ? ended.meetings
      : ended.meetings.map((m) =>
          m.invitedOrganisations?.includes(organisation)
            ? { ...m, invitedOrganisations: m.invitedOrganisations.filter((o) => o !== organisation) }
            : m,
        );
    return {
      plan: { ...ended, meetings },
      change: described({
        kind: 'ASSIGNMENT_ENDED',
        facts: { organisation: providerName(agreement.provider.organisation), what: agreement.what },
      }),
    };
  },

  /** The coordinator, or a department that assigned it an agreement, invites a provider to a joint meeting: its staff see the meeting. */
  inviteProvider(plan: JointPlanRecord, meetingId: string, provider: { code: string; name: string }, by: Inviter): Changed {
    const meeting = invitable(plan, meetingId, provider.code, by);
    const invited = meeting.invitedOrganisations ?? [];
    if (invited.includes(provider.code))
      throw errors.badUserInput('The provider is already invited to that meeting.', { field: 'organisation' });
    return {
      plan: withMeeting(plan, { ...meeting, invitedOrganisations: [...invited, provider.code] }),
      change: described({ kind: 'PROVIDER_INVITED', facts: { organisation: provider.name, meetingAt: meeting.at } }),
    };
  },

  /** The same people withdraw the invitation: the provider's staff see the meeting no more. */
  withdrawInvitation(plan: JointPlanRecord, meetingId: string, provider: { code: string; name: string }, by: Inviter): Changed {
    const meeting = plan.meetings.find((m) => m.id === meetingId);
    if (!meeting?.invitedOrganisations?.includes(provider.code))
      throw errors.badUserInput('The provider is not invited to that meeting.', { field: 'organisation' });
    invitable(plan, meetingId, provider.code, by);
    return {
      plan: withMeeting(plan, {
        ...meeting,
        invitedOrganisations: meeting.invitedOrganisations.filter((o) => o !== provider.code),
      }),
      change: described({ kind: 'PROVIDER_INVITATION_WITHDRAWN', facts: { organisation: provider.name, meetingAt: meeting.at } }),
    };
  },

  /** A dated note by the provider carrying the agreement out; the caller checked it is assigned to them. */
  addProgressNote(plan: JointPlanRecord, agreementId: string, note: ProgressNote, providerName: string): Changed {
    const agreement = plan.agreements.find((a) => a.id === agreementId)!;
    const written: ProgressNote = { ...note, text: text(note.text, 'text', 5_000) };
    return {
      plan: withAgreement(plan, { ...agreement, progressNotes: [...(agreement.progressNotes ?? []), written] }),
      change: described({ kind: 'PROGRESS_NOTE_ADDED', facts: { organisation: providerName, what: agreement.what } }),
    };
  },

  setNextFollowUp(plan: JointPlanRecord, date: string): Changed {
    const nextFollowUp = isoDate(date, 'date');
    return { plan: { ...plan, nextFollowUp }, change: described({ kind: 'NEXT_FOLLOW_UP_SET', facts: { date: nextFollowUp } }) };
  },
};
