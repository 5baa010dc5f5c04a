import { useState } from 'react';
import { useSignedIn } from '../auth/session';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useOperation';
import { Choices } from '../components/Choices';
import { ComplaintStatus, MeasureList } from '../components/course/DecisionView';
import { DocumentDownload } from '../components/course/DocumentDownload';
import { OutcomeMessage } from '../components/OutcomeMessage';
import { Failed, Loading } from '../components/Status';
import { graphql } from '../gql';
import { useTexts } from '../i18n';

const MyDecisionDocument = graphql(`
  query WebMyDecision($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      plan {
        cpr
        decision {
          id
          status
          issuedVersion
          issuedAt
          measures {
            id
            what
            department
            decision {
              outcome
              legalBasis
              reasons
              start
              end
            }
          }
          complaintGuidance {
            text
            deadline
          }
        }
        complaint {
          id
          text
          filedAt
          parts {
            department
            status
            dueAt
            reasons
          }
        }
      }
    }
  }
`);

const FileComplaintDocument = graphql(`
  mutation WebFileComplaint($cpr: ID!, $measureIds: [ID!]!, $text: String!) {
    fileComplaint(cpr: $cpr, measureIds: $measureIds, text: $text) {
      id
    }
  }
`);

/**
 * The citizen's joint decision: one document with every department's measures, one complaint
 * guidance, one form to complain (*Klag*), the complaint's status per department, and the plan as a PDF.
 */
export function CitizenDecisionPage() {
  const { user } = useSignedIn();
  const cpr = user.cpr ?? '';
  const { t, dateTime } = useTexts();
  const [state, reload] = useQuery(MyDecisionDocument, { cpr });
  const plan = state.status === 'done' ? state.data.citizen?.plan : undefined;
  const decision = plan?.decision?.status === 'ISSUED' ? plan.decision : undefined;
  return (
    <>
      <h1 tabIndex={-1}>{t.myDecision}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && !decision && <p>{t.noDecisionYet}</p>}
      {decision && (
        <>
          <p>{t.decisionIssued(dateTime(decision.issuedAt), decision.issuedVersion ?? 1)}</p>
          <MeasureList measures={decision.measures} />
          <section aria-labelledby="complaint-guidance" className="card">
            <h2 id="complaint-guidance">{t.complaintGuidance}</h2>
            <p>{decision.complaintGuidance.text}</p>
            <p>
              {t.complaintDeadline}: {dateTime(decision.complaintGuidance.deadline)}
            </p>
          </section>
          {plan?.complaint ? (
            <section aria-labelledby="my-complaint">
              <h2 id="my-complaint">{t.myComplaint}</h2>
              <p>
                {t.complaintFiled(dateTime(plan.complaint.filedAt))}: <q>{plan.complaint.text}</q>
              </p>
              <ComplaintStatus parts={plan.complaint.parts} />
            </section>
          ) : (
            <ComplaintForm cpr={cpr} measures={decision.measures} onFiled={reload} />
          )}
        </>
      )}
      <DocumentDownload cpr={cpr} purposes={['COMPLETE', 'PENSION_CASE']} />
    </>
  );
}

/** *Klag*: one form, the measures chosen, the reasons in the citizen's own words. */
function ComplaintForm({
  cpr,
  measures,
  onFiled,
}: {
  cpr: string;
  measures: ReadonlyArray<{ id: string; what: string }>;
  onFiled: () => void;
}) {
  const { t } = useTexts();
  const { run, refuse, outcome, busy } = useAction(FileComplaintDocument, { measureIds: t.chooseMeasures, text: t.sayWhy });
  const [chosen, setChosen] = useState<string[]>([]);
  const [text, setText] = useState('');
  const names = new Map(measures.map((m) => [m.id, m.what]));
  const submit = async () => {
    if (chosen.length === 0) return refuse(t.chooseMeasures);
    if (!text.trim()) return refuse(t.sayWhy);
    if (await run({ cpr, measureIds: chosen, text }, () => t.complaintSent)) onFiled();
  };
  return (
    <form
      aria-labelledby="complain"
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="complain">{t.complain}</h2>
      <Choices
        legend={t.complainAbout}
        hint={t.complainHint}
        options={measures.map((m) => m.id)}
        label={(id) => names.get(id) ?? id}
        chosen={chosen}
        onChange={setChosen}
      />
      <label htmlFor="complaint-text">{t.complaintText}</label>
      <textarea id="complaint-text" value={text} onChange={(e) => setText(e.target.value)} rows={5} maxLength={5000} />
      <button type="submit" disabled={busy}>
        {t.sendComplaint}
      </button>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
