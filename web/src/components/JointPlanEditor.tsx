import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useAction, type Outcome } from '../api/useAction';
import { graphql } from '../gql';
import type { PlanViewFieldsFragment } from '../gql/graphql';
import { useTexts } from '../i18n';
import { DEPARTMENTS, type Department } from '../vocabulary';
import { Choices } from './Choices';
import { OutcomeMessage } from './OutcomeMessage';

type Joint = NonNullable<PlanViewFieldsFragment['joint']>;

const SetCitizenGoalsDocument = graphql(`
  mutation WebSetCitizenGoals($cpr: ID!, $expectedVersion: Int!, $goals: [String!]!) {
    setCitizenGoals(cpr: $cpr, expectedVersion: $expectedVersion, goals: $goals) {
      id
      version
    }
  }
`);

const AddAgreementDocument = graphql(`
  mutation WebAddAgreement($cpr: ID!, $expectedVersion: Int!, $agreement: AgreementInput!) {
    addAgreement(cpr: $cpr, expectedVersion: $expectedVersion, agreement: $agreement) {
      id
      version
    }
  }
`);

const ScheduleJointMeetingDocument = graphql(`
  mutation WebScheduleJointMeeting($cpr: ID!, $expectedVersion: Int!, $meeting: JointMeetingInput!) {
    scheduleJointMeeting(cpr: $cpr, expectedVersion: $expectedVersion, meeting: $meeting) {
      id
      version
    }
  }
`);

const RecordMeetingMinutesDocument = graphql(`
  mutation WebRecordMeetingMinutes($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $minutes: String!) {
    recordMeetingMinutes(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, minutes: $minutes) {
      id
      version
    }
  }
`);

const ActivateOnePlanDocument = graphql(`
  mutation WebActivateOnePlan($cpr: ID!, $expectedVersion: Int!) {
    activateOnePlan(cpr: $cpr, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`);

const EndOnePlanDocument = graphql(`
  mutation WebEndOnePlan($cpr: ID!, $expectedVersion: Int!, $reason: String!) {
    endOnePlan(cpr: $cpr, expectedVersion: $expectedVersion, reason: $reason) {
      id
      version
    }
  }
`);

const SetNextFollowUpDocument = graphql(`
  mutation WebSetNextFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {
    setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) {
      id
      version
    }
  }
`);

/** What the edits of one plan share: the citizen, the version they were based on, and the reload after a change. */
interface EditProps {
  cpr: string;
  joint: Joint;
  onChanged(): void;
}

/** One form of the editor: its heading, its fields, its submit button and its outcome (a CONFLICT offers the reload). */
function EditForm({
  title,
  submit,
  busy,
  outcome,
  onReload,
  onSubmit,
  children,
}: {
  title: string;
  submit: string;
  busy: boolean;
  outcome: Outcome | undefined;
  onReload(): void;
  onSubmit(): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="card edit-form">
      <h3 id={id}>{title}</h3>
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        <OutcomeMessage outcome={outcome} onReload={onReload} />
      </form>
    </section>
  );
}

/** The problems a change to an existing plan can have with one of its inputs, in words. */
function useChangeFields(): Record<string, string> {
  const { t } = useTexts();
  return { cpr: t.planCannotChange };
}

/** The citizen's goals: written by the citizen, or by a caseworker writing down the citizen's words. */
function GoalsForm({ cpr, joint, onChanged, asCitizen }: EditProps & { asCitizen: boolean }) {
  const { t } = useTexts();
  const id = useId();
  const [text, setText] = useState(() => joint.citizenGoals.map((g) => g.text).join('\n'));
  const { run, outcome, busy } = useAction(SetCitizenGoalsDocument, useChangeFields());
  const save = async () => {
    const goals = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (await run({ cpr, expectedVersion: joint.version, goals }, () => t.saved)) onChanged();
  };
  return (
    <EditForm
      title={asCitizen ? t.myGoals : t.citizenGoals}
      submit={t.saveGoals}
      busy={busy}
      outcome={outcome}
      onReload={onChanged}
      onSubmit={save}
    >
      <div className="field">
        <label htmlFor={`${id}-goals`}>{asCitizen ? t.myGoalsLabel : t.citizenGoalsLabel}</label>
        <textarea id={`${id}-goals`} rows={3} cols={60} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
    </EditForm>
  );
}

function AgreementForm({ cpr, joint, onChanged }: EditProps) {
  const { t, department } = useTexts();
  const id = useId();
  const [what, setWhat] = useState('');
  const [responsible, setResponsible] = useState<Department>(DEPARTMENTS[0] ?? '');
  const [dueDate, setDueDate] = useState('');
  const { run, refuse, outcome, busy } = useAction(AddAgreementDocument, useChangeFields());
  const save = async () => {
    if (!what.trim()) return refuse(t.fillIn);
    const agreement = { what: what.trim(), responsibleDepartment: responsible, ...(dueDate && { dueDate }) };
    if (await run({ cpr, expectedVersion: joint.version, agreement }, () => t.saved)) {
      setWhat('');
      setDueDate('');
      onChanged();
    }
  };
  return (
    <EditForm title={t.addAgreement} submit={t.addAgreement} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-what`}>{t.agreementWhat}</label>
        <textarea id={`${id}-what`} rows={2} cols={60} required value={what} onChange={(e) => setWhat(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-responsible`}>{t.responsibleDepartment}</label>
        <select id={`${id}-responsible`} value={responsible} onChange={(e) => setResponsible(e.target.value)}>
          {DEPARTMENTS.map((d) => (
            <option key={d} value={d}>
              {department(d)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t.dueDate}</label>
        <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      </div>
    </EditForm>
  );
}

function MeetingForm({ cpr, joint, onChanged }: EditProps) {
  const { t, department } = useTexts();
  const id = useId();
  const [at, setAt] = useState('');
  const [place, setPlace] = useState('');
  const [participants, setParticipants] = useState<Department[]>([]);
  const [bisidder, setBisidder] = useState('');
  const { run, refuse, outcome, busy } = useAction(ScheduleJointMeetingDocument, useChangeFields());
  const save = async () => {
    if (!at || !place.trim() || !participants.length) return refuse(t.fillIn);
    // datetime-local is the caseworker's local time (Copenhagen); the API takes an instant.
    const meeting = {
      at: new Date(at).toISOString(),
      place: place.trim(),
      participants,
      ...(bisidder.trim() && { bisidder: bisidder.trim() }),
    };
    if (await run({ cpr, expectedVersion: joint.version, meeting }, () => t.saved)) {
      setAt('');
      setPlace('');
      setParticipants([]);
      setBisidder('');
      onChanged();
    }
  };
  return (
    <EditForm
      title={t.scheduleMeeting}
      submit={t.scheduleMeeting}
      busy={busy}
      outcome={outcome}
      onReload={onChanged}
      onSubmit={save}
    >
      <div className="field">
        <label htmlFor={`${id}-at`}>{t.meetingAt}</label>
        <input id={`${id}-at`} type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-place`}>{t.place}</label>
        <input id={`${id}-place`} required value={place} onChange={(e) => setPlace(e.target.value)} />
      </div>
      <Choices<Department>
        legend={t.participants}
        options={DEPARTMENTS}
        label={department}
        chosen={participants}
        onChange={setParticipants}
      />
      <div className="field">
        <label htmlFor={`${id}-bisidder`}>{t.bisidder}</label>
        <input
          id={`${id}-bisidder`}
          aria-describedby={`${id}-bisidder-hint`}
          value={bisidder}
          onChange={(e) => setBisidder(e.target.value)}
        />
        <p id={`${id}-bisidder-hint`} className="hint">
          {t.bisidderHint}
        </p>
      </div>
    </EditForm>
  );
}

function MinutesForm({ cpr, joint, onChanged }: EditProps) {
  const { t, dateTime } = useTexts();
  const id = useId();
  const [meetingId, setMeetingId] = useState(joint.meetings[0]?.id ?? '');
  const [minutes, setMinutes] = useState('');
  const { run, refuse, outcome, busy } = useAction(RecordMeetingMinutesDocument, {
    ...useChangeFields(),
    meetingId: t.fillIn,
  });
  const save = async () => {
    if (!meetingId || !minutes.trim()) return refuse(t.fillIn);
    if (await run({ cpr, expectedVersion: joint.version, meetingId, minutes: minutes.trim() }, () => t.saved)) {
      setMinutes('');
      onChanged();
    }
  };
  return (
    <EditForm title={t.minutes} submit={t.saveMinutes} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-meeting`}>{t.meetings}</label>
        <select id={`${id}-meeting`} value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
          {joint.meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {t.minutesFor(`${dateTime(m.at)} · ${m.place}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-minutes`}>{t.minutes}</label>
        <textarea id={`${id}-minutes`} rows={3} cols={60} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </div>
    </EditForm>
  );
}

function FollowUpForm({ cpr, joint, onChanged }: EditProps) {
  const { t } = useTexts();
  const id = useId();
  const [date, setDate] = useState(joint.nextFollowUp?.slice(0, 10) ?? '');
  const { run, refuse, outcome, busy } = useAction(SetNextFollowUpDocument, { ...useChangeFields(), date: t.fillIn });
  const save = async () => {
    if (!date) return refuse(t.fillIn);
    if (await run({ cpr, expectedVersion: joint.version, date }, () => t.saved)) onChanged();
  };
  return (
    <EditForm title={t.nextFollowUpLabel} submit={t.save} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t.nextFollowUpLabel}</label>
        <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
    </EditForm>
  );
}

/** DRAFT → ACTIVE: the citizen agrees to the plan (or a caseworker records that they did). */
function ActivateForm({ cpr, joint, onChanged, asCitizen }: EditProps & { asCitizen: boolean }) {
  const { t } = useTexts();
  const { run, outcome, busy } = useAction(ActivateOnePlanDocument, useChangeFields());
  const save = async () => {
    if (await run({ cpr, expectedVersion: joint.version }, () => t.planActivated)) onChanged();
  };
  return (
    <EditForm
      title={t.agreeToPlan}
      submit={asCitizen ? t.iAgree : t.citizenAgreed}
      busy={busy}
      outcome={outcome}
      onReload={onChanged}
      onSubmit={save}
    >
      <p>{asCitizen ? t.agreeLead : t.citizenAgreedLead}</p>
    </EditForm>
  );
}

/** A party ends the plan, saying why (the citizen is told). */
function EndForm({ cpr, joint, onChanged }: EditProps) {
  const { t } = useTexts();
  const id = useId();
  const [reason, setReason] = useState('');
  const { run, refuse, outcome, busy } = useAction(EndOnePlanDocument, { ...useChangeFields(), reason: t.fillIn });
  const save = async () => {
    if (!reason.trim()) return refuse(t.fillIn);
    if (await run({ cpr, expectedVersion: joint.version, reason: reason.trim() }, () => t.planEnded)) onChanged();
  };
  return (
    <EditForm title={t.endPlan} submit={t.endPlan} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t.endReason}</label>
        <textarea id={`${id}-reason`} rows={2} cols={60} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
    </EditForm>
  );
}

/** The citizen's own part in their plan: their goals in their own words, and agreeing to it while it is a draft. */
export function CitizenPlanEditor(props: EditProps) {
  const { t } = useTexts();
  if (props.joint.status === 'ENDED') return null;
  return (
    <section aria-labelledby="citizen-edit" data-testid="citizen-editor">
      <h2 id="citizen-edit">{t.myPart}</h2>
      <div className="sections">
        <GoalsForm {...props} asCitizen />
        {props.joint.status === 'DRAFT' && <ActivateForm {...props} asCitizen />}
      </div>
    </section>
  );
}

/**
 * The caseworker's work on the joint part: the citizen's goals (written down in their words),
 * agreements, a joint meeting with its bisidder, minutes, the next follow-up, recording the
 * citizen's agreement, ending the plan. Every change is based
 * on the version shown; when someone else changed the plan first, the form says so and offers a reload.
 */
export function JointPlanEditor(props: EditProps) {
  const { t } = useTexts();
  if (props.joint.status === 'ENDED') return null;
  return (
    <section aria-labelledby="edit-joint" data-testid="joint-editor">
      <h2 id="edit-joint">{t.editJointPart}</h2>
      <div className="sections">
        <GoalsForm {...props} asCitizen={false} />
        <AgreementForm {...props} />
        <MeetingForm {...props} />
        {props.joint.meetings.length > 0 && <MinutesForm {...props} />}
        <FollowUpForm {...props} />
        {props.joint.status === 'DRAFT' && <ActivateForm {...props} asCitizen={false} />}
        <EndForm {...props} />
      </div>
    </section>
  );
}
