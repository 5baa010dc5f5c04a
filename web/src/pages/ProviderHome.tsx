import { useId, useState } from 'react';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useOperation';
import { OutcomeMessage } from '../components/OutcomeMessage';
import { Failed, Loading } from '../components/Status';
import { maskCpr } from '../cpr';
import { graphql } from '../gql';
import type { WebAssignedPlanQuery } from '../gql/graphql';
import { useTexts } from '../i18n';

const MyAssignmentsDocument = graphql(`
  query WebMyAssignments {
    myAssignedPlans {
      cpr
    }
  }
`);

// Each citizen's part on its own: a request's price is bounded (rule 10), and a list of plans with their notes is not.
const AssignedPlanDocument = graphql(`
  query WebAssignedPlan($cpr: ID!) {
    citizen(cpr: $cpr) {
      plan {
        joint {
          coordinatingCaseworker {
            name
            phone
          }
          citizenGoals {
            id
            text
          }
          agreements {
            id
            what
            progressNotes {
              id
              at
              authorName
              text
            }
          }
          meetings {
            id
            at
            place
          }
        }
      }
    }
  }
`);

const AddProgressNoteDocument = graphql(`
  mutation WebAddProgressNote($cpr: ID!, $agreementId: ID!, $text: String!) {
    addProgressNote(cpr: $cpr, agreementId: $agreementId, text: $text) {
      id
    }
  }
`);

type AssignedAgreement = NonNullable<
  NonNullable<NonNullable<WebAssignedPlanQuery['citizen']>['plan']>['joint']
>['agreements'][number];

/**
 * A provider's page (docs/design.md rule 12): the citizens whose plan assigns agreements to the
 * organisation, and of each only what the plan subgraph gives a provider (serviceloven § 141 stk. 5):
 * the agreements with their progress notes, the goals they serve, the meetings it is invited to, the
 * coordinator's name and phone. Every read is in the citizen's access log.
 */
export function ProviderHome() {
  const { t } = useTexts();
  const [state] = useQuery(MyAssignmentsDocument, {});
  return (
    <>
      <h1 tabIndex={-1}>{t.myAssignments}</h1>
      <p>{t.myAssignmentsLead}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && state.data.myAssignedPlans.length === 0 && <p>{t.noAssignments}</p>}
      {state.status === 'done' && state.data.myAssignedPlans.map(({ cpr }) => <AssignedPlan key={cpr} cpr={cpr} />)}
    </>
  );
}

function AssignedPlan({ cpr }: { cpr: string }) {
  const { t, dateTime } = useTexts();
  const id = useId();
  const [state, reload] = useQuery(AssignedPlanDocument, { cpr });
  const joint = state.status === 'done' ? state.data.citizen?.plan?.joint : undefined;
  return (
    <section className="card" data-testid="assigned-plan" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {t.citizen} {maskCpr(cpr)}
      </h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && !joint && <p>{t.assignmentGone}</p>}
      {joint && (
        <>
          {joint.coordinatingCaseworker && (
            <p>
              {t.coordinator}: {joint.coordinatingCaseworker.name}
              {joint.coordinatingCaseworker.phone && `, ${joint.coordinatingCaseworker.phone}`}
            </p>
          )}
          <h3>{t.goalsServed}</h3>
          <ul>
            {joint.citizenGoals.map((goal) => (
              <li key={goal.id}>{goal.text}</li>
            ))}
          </ul>
          <h3>{t.agreements}</h3>
          <ul className="plain-list">
            {joint.agreements.map((agreement) => (
              <AssignedAgreementItem key={agreement.id} cpr={cpr} agreement={agreement} onNote={reload} />
            ))}
          </ul>
          {joint.meetings.length > 0 && (
            <>
              <h3>{t.meetings}</h3>
              <ul>
                {joint.meetings.map((meeting) => (
                  <li key={meeting.id}>
                    {dateTime(meeting.at)} · {meeting.place}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function AssignedAgreementItem({ cpr, agreement, onNote }: { cpr: string; agreement: AssignedAgreement; onNote: () => void }) {
  const { t, dateTime } = useTexts();
  const id = useId();
  const [text, setText] = useState('');
  const { run, outcome, busy } = useAction(AddProgressNoteDocument);
  const add = async () => {
    if (await run({ cpr, agreementId: agreement.id, text }, () => t.progressNoteAdded)) {
      setText('');
      onNote();
    }
  };
  return (
    <li data-testid="assigned-agreement">
      <h4>{agreement.what}</h4>
      {agreement.progressNotes.length > 0 && (
        <ul aria-label={t.progressNotes}>
          {agreement.progressNotes.map((note) => (
            <li key={note.id}>{t.progressNoteLine(dateTime(note.at), note.authorName, note.text)}</li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label htmlFor={`${id}-note`}>{t.newProgressNote}</label>
        <textarea id={`${id}-note`} value={text} onChange={(event) => setText(event.target.value)} required />
        <button type="submit" disabled={busy}>
          {t.addProgressNote}
        </button>
      </form>
      <OutcomeMessage outcome={outcome} />
    </li>
  );
}
