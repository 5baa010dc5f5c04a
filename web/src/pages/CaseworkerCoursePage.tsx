import { useId, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useOperation';
import { ComplaintStatus, MeasureList } from '../components/course/DecisionView';
import { DocumentDownload } from '../components/course/DocumentDownload';
import { OutcomeMessage } from '../components/OutcomeMessage';
import { Failed, Loading } from '../components/Status';
import { maskCpr } from '../cpr';
import { graphql } from '../gql';
import type { LifeArea, MeasureOutcome, WebCourseQuery } from '../gql/graphql';
import { useTexts } from '../i18n';
import { Link } from '../router';

const CourseDocument = graphql(`
  query WebCourse($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      plan {
        cpr
        assessment {
          version
          entries {
            id
            lifeArea
            text
            authorName
            authorDepartment
            at
          }
        }
        decision {
          version
          status
          issuedVersion
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
        }
        complaint {
          version
          text
          parts {
            department
            measureIds
            status
            dueAt
            overdue
            reasons
          }
        }
      }
    }
  }
`);

const WriteAssessmentDocument = graphql(`
  mutation WebWriteAssessment($cpr: ID!, $expectedVersion: Int!, $lifeArea: LifeArea!, $text: String!) {
    writeAssessment(cpr: $cpr, expectedVersion: $expectedVersion, lifeArea: $lifeArea, text: $text) {
      version
    }
  }
`);

const DraftDecisionDocument = graphql(`
  mutation WebDraftJointDecision($cpr: ID!) {
    draftJointDecision(cpr: $cpr) {
      version
    }
  }
`);

const DecideMeasureDocument = graphql(`
  mutation WebDecideMeasure($cpr: ID!, $expectedVersion: Int!, $measureId: ID!, $decision: MeasureDecisionInput!) {
    decideMeasure(cpr: $cpr, expectedVersion: $expectedVersion, measureId: $measureId, decision: $decision) {
      version
      status
    }
  }
`);

const ReassessDocument = graphql(`
  mutation WebReassessComplaint(
    $cpr: ID!
    $expectedVersion: Int!
    $outcome: ReassessmentOutcome!
    $reasons: String!
    $changes: [MeasureChangeInput!]
  ) {
    reassessComplaint(cpr: $cpr, expectedVersion: $expectedVersion, outcome: $outcome, reasons: $reasons, changes: $changes) {
      version
    }
  }
`);

type Plan = NonNullable<NonNullable<WebCourseQuery['citizen']>['plan']>;
const LIFE_AREAS: readonly LifeArea[] = [
  'WORK_AND_EDUCATION',
  'ECONOMY',
  'HOUSING',
  'HEALTH',
  'SUBSTANCE_USE',
  'NETWORK_AND_FAMILY',
  'DAILY_LIFE',
];

/**
 * The course after the plan, for a caseworker of a party department: the shared assessment (what
 * the consent lets them see, and their department's part to write), the joint decision (drafted by
 * the coordinator, each department deciding its own measures), the complaint's parts, and the PDF.
 */
export function CaseworkerCoursePage({ cpr }: { cpr: string }) {
  const { t } = useTexts();
  const [state, reload] = useQuery(CourseDocument, { cpr });
  const plan = state.status === 'done' ? state.data.citizen?.plan : undefined;
  return (
    <>
      <h1 tabIndex={-1}>
        {t.courseOf} {maskCpr(cpr)}
      </h1>
      <p>
        <Link to="/caseworker/plan" cpr={cpr}>
          {t.backToPlan}
        </Link>
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && state.errors.length > 0 && <p role="status">{t.errConsentRequired}</p>}
      {plan && (
        <>
          <Assessment cpr={cpr} plan={plan} onSaved={reload} />
          <Decision cpr={cpr} plan={plan} onSaved={reload} />
          {plan.complaint && <Complaint cpr={cpr} plan={plan} onSaved={reload} />}
          <DocumentDownload cpr={cpr} purposes={['COMPLETE', 'PENSION_CASE']} />
        </>
      )}
    </>
  );
}

function Assessment({ cpr, plan, onSaved }: { cpr: string; plan: Plan; onSaved: () => void }) {
  const { t, department, dateTime } = useTexts();
  const id = useId();
  const { run, refuse, outcome, busy } = useAction(WriteAssessmentDocument, { text: t.assessmentTextMissing });
  const [lifeArea, setLifeArea] = useState<LifeArea>('WORK_AND_EDUCATION');
  const [text, setText] = useState('');
  const save = async () => {
    if (!text.trim()) return refuse(t.assessmentTextMissing);
    const done = await run({ cpr, expectedVersion: plan.assessment?.version ?? 0, lifeArea, text }, () => t.saved);
    if (done) {
      setText('');
      onSaved();
    }
  };
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t.assessment}</h2>
      {plan.assessment ? (
        <dl data-testid="assessment">
          {plan.assessment.entries.map((e) => (
            <div key={e.id}>
              <dt>{t.lifeArea(e.lifeArea)}</dt>
              <dd>
                {e.text}{' '}
                <small>
                  ({e.authorName}, {e.authorDepartment ? department(e.authorDepartment) : t.citizenOwnWords}, {dateTime(e.at)})
                </small>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t.noAssessmentYet}</p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label htmlFor={`${id}-area`}>{t.lifeAreaLabel}</label>
        <select id={`${id}-area`} value={lifeArea} onChange={(e) => setLifeArea(e.target.value as LifeArea)}>
          {LIFE_AREAS.map((area) => (
            <option key={area} value={area}>
              {t.lifeArea(area)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-text`}>{t.yourDepartmentsPart}</label>
        <textarea id={`${id}-text`} rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} />
        <button type="submit" disabled={busy}>
          {t.saveAssessment}
        </button>
        <OutcomeMessage outcome={outcome} onReload={onSaved} />
      </form>
    </section>
  );
}

function Decision({ cpr, plan, onSaved }: { cpr: string; plan: Plan; onSaved: () => void }) {
  const { t, enumValue } = useTexts();
  const { user } = useSignedIn();
  const draft = useAction(DraftDecisionDocument);
  const decision = plan.decision;
  return (
    <section aria-labelledby="joint-decision" className="card">
      <h2 id="joint-decision">{t.jointDecision}</h2>
      {!decision ? (
        <>
          <p>{t.noDecisionDrafted}</p>
          <button
            type="button"
            disabled={draft.busy}
            onClick={() => void draft.run({ cpr }, () => t.decisionDrafted).then((done) => done && onSaved())}
          >
            {t.draftDecision}
          </button>
          <OutcomeMessage outcome={draft.outcome} />
        </>
      ) : (
        <>
          <p>
            {enumValue(decision.status)}
            {decision.issuedVersion ? `, version ${decision.issuedVersion}` : ''}
          </p>
          <MeasureList measures={decision.measures} />
          {decision.status === 'DRAFT' &&
            decision.measures
              .filter((m) => m.department === user.department && !m.decision)
              .map((m) => <MeasureForm key={m.id} cpr={cpr} expectedVersion={decision.version} measure={m} onSaved={onSaved} />)}
        </>
      )}
    </section>
  );
}

interface MeasureInput {
  outcome: MeasureOutcome;
  legalBasis: string;
  reasons: string;
  start: string;
  end: string | null;
}

const NEW_DECISION: MeasureInput = { outcome: 'GRANTED', legalBasis: '', reasons: '', start: '', end: null };

/** The fields of a department's decision on a measure: outcome, legal basis, reasons, start and end. */
function MeasureFields({ value, onChange }: { value: MeasureInput; onChange: (next: MeasureInput) => void }) {
  const { t, enumValue } = useTexts();
  const id = useId();
  const input = value;
  const set = (field: keyof MeasureInput) => (text: string) =>
    onChange({ ...value, [field]: text || (field === 'end' ? null : '') });
  return (
    <>
      <label htmlFor={`${id}-outcome`}>{t.outcome}</label>
      <select id={`${id}-outcome`} value={input.outcome} onChange={(e) => set('outcome')(e.target.value)}>
        {(['GRANTED', 'REFUSED', 'CHANGED'] as const).map((o) => (
          <option key={o} value={o}>
            {enumValue(o)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-basis`}>{t.legalBasis}</label>
      <input id={`${id}-basis`} required value={input.legalBasis} onChange={(e) => set('legalBasis')(e.target.value)} />
      <label htmlFor={`${id}-reasons`}>{t.reasons}</label>
      <textarea id={`${id}-reasons`} rows={3} value={input.reasons} onChange={(e) => set('reasons')(e.target.value)} />
      <label htmlFor={`${id}-start`}>{t.startDate}</label>
      <input id={`${id}-start`} type="date" required value={input.start} onChange={(e) => set('start')(e.target.value)} />
      <label htmlFor={`${id}-end`}>{t.endDate}</label>
      <input id={`${id}-end`} type="date" value={input.end ?? ''} onChange={(e) => set('end')(e.target.value)} />
    </>
  );
}

/** A department's decision on one of its measures. */
function MeasureForm({
  cpr,
  expectedVersion,
  measure,
  onSaved,
}: {
  cpr: string;
  expectedVersion: number;
  measure: { id: string; what: string };
  onSaved: () => void;
}) {
  const { t } = useTexts();
  const id = useId();
  const { run, outcome, busy } = useAction(DecideMeasureDocument, { reasons: t.reasonsRequired });
  const [input, setInput] = useState<MeasureInput>(NEW_DECISION);
  return (
    <form
      aria-labelledby={`${id}-h`}
      onSubmit={(event) => {
        event.preventDefault();
        void run({ cpr, expectedVersion, measureId: measure.id, decision: input }, () => t.saved).then(
          (done) => done && onSaved(),
        );
      }}
    >
      <h3 id={`${id}-h`}>
        {t.decideMeasure}: {measure.what}
      </h3>
      <MeasureFields value={input} onChange={setInput} />
      <button type="submit" disabled={busy}>
        {t.approveMeasure}
      </button>
      <OutcomeMessage outcome={outcome} onReload={onSaved} />
    </form>
  );
}

function Complaint({ cpr, plan, onSaved }: { cpr: string; plan: Plan; onSaved: () => void }) {
  const { t } = useTexts();
  const { user } = useSignedIn();
  const id = useId();
  const complaint = plan.complaint!;
  const mine = complaint.parts.find((p) => p.department === user.department && p.status === 'REASSESSING');
  const { run, refuse, outcome, busy } = useAction(ReassessDocument, { reasons: t.reasonsRequired });
  const [reasons, setReasons] = useState('');
  const [mode, setMode] = useState<'UPHOLD' | 'CHANGE'>('UPHOLD');
  const [change, setChange] = useState<MeasureInput>({ ...NEW_DECISION, outcome: 'CHANGED' });
  const reassess = async () => {
    if (!mine) return;
    if (!reasons.trim()) return refuse(t.reasonsRequired);
    // A change applies to each of the department's measures the complaint names.
    const changes = mode === 'CHANGE' ? mine.measureIds.map((measureId) => ({ measureId, decision: change })) : null;
    const done = await run({ cpr, expectedVersion: complaint.version, outcome: mode, reasons, changes }, () =>
      mode === 'CHANGE' ? t.complaintChanged : t.complaintUpheld,
    );
    if (done) onSaved();
  };
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t.complaintHeading}</h2>
      <p>
        <q>{complaint.text}</q>
      </p>
      <ComplaintStatus parts={complaint.parts} />
      {mine && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void reassess();
          }}
        >
          <h3>{t.reassessYourPart}</h3>
          <p>{t.reassessHint}</p>
          <fieldset>
            <legend>{t.reassessment}</legend>
            {(['UPHOLD', 'CHANGE'] as const).map((value) => (
              <div key={value} className="choice">
                <input
                  id={`${id}-${value}`}
                  type="radio"
                  name={`${id}-mode`}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                />
                <label htmlFor={`${id}-${value}`}>{value === 'UPHOLD' ? t.upholdAndForward : t.changeDecision}</label>
              </div>
            ))}
          </fieldset>
          {mode === 'CHANGE' && <MeasureFields value={change} onChange={setChange} />}
          <label htmlFor={`${id}-reasons`}>{t.reassessmentReasons}</label>
          <textarea id={`${id}-reasons`} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
          <button type="submit" disabled={busy}>
            {t.sendReassessment}
          </button>
          <OutcomeMessage outcome={outcome} onReload={onSaved} />
        </form>
      )}
    </section>
  );
}
