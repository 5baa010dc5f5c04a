import { useId, useState } from 'react';
import { useAction } from '../../api/useAction';
import { useDraft } from '../../auth/drafts';
import { graphql } from '../../gql';
import { copenhagenToInstant } from '../../copenhagenTime';
import { useTexts } from '../../i18n';
import { DEPARTMENTS, type Department } from '../../vocabulary';
import { Choices } from '../Choices';
import { EditForm, useChangeFields, type EditProps } from './EditForm';

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

export function MeetingForm({ cpr, joint, onChanged }: EditProps) {
  const { t, department } = useTexts();
  const id = useId();
  const [at, setAt] = useDraft(`meeting.at:${cpr}`, '');
  const [place, setPlace] = useDraft(`meeting.place:${cpr}`, '');
  const [participants, setParticipants] = useDraft<Department[]>(`meeting.participants:${cpr}`, []);
  const [bisidder, setBisidder] = useDraft(`meeting.bisidder:${cpr}`, '');
  const { run, refuse, outcome, busy } = useAction(ScheduleJointMeetingDocument, useChangeFields());
  const save = async () => {
    if (!at || !place.trim() || !participants.length) return refuse(t.fillIn);
    // datetime-local has no zone: it is read as Copenhagen time, the API takes an instant.
    const meeting = {
      at: copenhagenToInstant(at),
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

const InviteProviderDocument = graphql(`
  mutation WebInviteProviderToMeeting($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {
    inviteProviderToMeeting(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, organisation: $organisation) {
      id
      version
    }
  }
`);

const WithdrawProviderInvitationDocument = graphql(`
  mutation WebWithdrawProviderInvitation($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {
    withdrawProviderInvitation(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, organisation: $organisation) {
      id
      version
    }
  }
`);

/**
 * Inviting a provider that carries out an agreement of the plan to a meeting still to come, or
 * withdrawing the invitation (docs/design.md rule 12): its staff see the meetings they are invited
 * to. The button says which, from the meeting and provider chosen. Only the coordinator and the
 * department that assigned the agreement may; the server says so to anyone else.
 */
export function ProviderInvitationForm({ cpr, joint, onChanged }: EditProps) {
  const { t, dateTime } = useTexts();
  const id = useId();
  const upcoming = joint.meetings.filter((m) => m.minutes == null);
  const providers = [
    ...new Map(joint.agreements.flatMap((a) => (a.provider ? [[a.provider.organisation, a.provider.name] as const] : []))),
  ];
  const [meetingId, setMeetingId] = useDraft(`invitation.meeting:${cpr}`, upcoming[0]?.id ?? '');
  const [organisation, setOrganisation] = useDraft(`invitation.provider:${cpr}`, providers[0]?.[0] ?? '');
  const byField = { ...useChangeFields(), meetingId: t.fillIn, organisation: t.fillIn };
  const invite = useAction(InviteProviderDocument, byField);
  const withdraw = useAction(WithdrawProviderInvitationDocument, byField);
  const [last, setLast] = useState<'invite' | 'withdraw'>('invite');
  if (upcoming.length === 0 || providers.length === 0) return null;
  const invited = upcoming.find((m) => m.id === meetingId)?.invitedOrganisations.includes(organisation) ?? false;
  const action = invited ? withdraw : invite;
  const save = async () => {
    if (!meetingId || !organisation) return action.refuse(t.fillIn);
    setLast(invited ? 'withdraw' : 'invite');
    const variables = { cpr, expectedVersion: joint.version, meetingId, organisation };
    if (await action.run(variables, () => (invited ? t.invitationWithdrawn : t.providerInvited))) onChanged();
  };
  const shown = last === 'withdraw' ? withdraw : invite;
  return (
    <EditForm
      title={t.inviteProvider}
      submit={invited ? t.withdrawInvitation : t.invite}
      busy={invite.busy || withdraw.busy}
      outcome={shown.outcome}
      onReload={onChanged}
      onSubmit={save}
    >
      <p className="hint">{t.inviteProviderLead}</p>
      <div className="field">
        <label htmlFor={`${id}-meeting`}>{t.meeting}</label>
        <select id={`${id}-meeting`} value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
          {upcoming.map((m) => (
            <option key={m.id} value={m.id}>
              {`${dateTime(m.at)} · ${m.place}`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-provider`}>{t.provider}</label>
        <select id={`${id}-provider`} value={organisation} onChange={(e) => setOrganisation(e.target.value)}>
          {providers.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </EditForm>
  );
}

export function MinutesForm({ cpr, joint, onChanged }: EditProps) {
  const { t, dateTime } = useTexts();
  const id = useId();
  const [meetingId, setMeetingId] = useDraft(`minutes.meeting:${cpr}`, joint.meetings[0]?.id ?? '');
  const [minutes, setMinutes] = useDraft(`minutes.text:${cpr}`, '');
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
