import { useId } from 'react';
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
