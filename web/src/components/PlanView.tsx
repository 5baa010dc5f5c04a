import { withheldAt, type Withheld } from '../api/withheld';
import { graphql } from '../gql';
import { useMemo } from 'react';
import { useDepartments, withDepartmentFields } from '../departments';
import type { PlanViewFieldsFragment, SectionFieldsFragment, TypedDocumentString } from '../gql/graphql';
import { actorName } from './actorName';
import { useTexts, type Texts } from '../i18n';
import { planChangeText } from './planChangeText';
import { WithheldNotice } from './WithheldNotice';

export const SectionFields = graphql(`
  fragment SectionFields on PlanSection {
    department
    caseworker {
      name
    }
    goals {
      id
      description
    }
    actions {
      id
      title
      legalBasis
      followUpDate
    }
    nextFollowUp
  }
`);

export const PlanViewFields = graphql(`
  fragment PlanViewFields on OnePlan {
    joint {
      version
      status
      nextJointMeeting
      nextFollowUp
      citizenGoals {
        id
        text
      }
      coordinatingCaseworker {
        name
        department
      }
      handOverCandidates {
        id
        name
        department
      }
      agreements {
        id
        what
        responsibleDepartment
        dueDate
        provider {
          organisation
          name
        }
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
        participants
        bisidder
        minutes
        invitedProviders
        invitedOrganisations
      }
      history {
        version
        at
        actorName
        actorDepartment
        kind
        factsJson
        summary
        representativeName
        representedName
      }
    }
    ...DepartmentSections
  }
`);

/** Where each department's section goes: filled in from the federation's departments (departments.tsx). */
export const DepartmentSections = graphql(`
  fragment DepartmentSections on OnePlan {
    __typename
  }
`);

/** A query that shows a plan, with every department's section in it. */
export function usePlanDocument<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
): TypedDocumentString<TResult, TVariables> {
  const { departments } = useDepartments();
  return useMemo(() => withDepartmentFields(document, departments, SectionFields), [document, departments]);
}

/** A department's section of a plan, which the query holds under the department's own field. */
function sectionOf(plan: PlanViewFieldsFragment, field: string): SectionFieldsFragment | null | undefined {
  return (plan as unknown as Record<string, SectionFieldsFragment | null | undefined>)[field];
}

/**
 * One plan: the joint part, then each department's section side by side. A section the citizen's
 * consent does not cover is a "not shared" notice in its place (from the error at its path).
 */
export function PlanView({
  plan,
  withheld,
  path,
}: {
  plan: PlanViewFieldsFragment;
  withheld: ReadonlyMap<string, Withheld>;
  path: string;
}) {
  const { t, date, dateTime, enumValue, department } = useTexts();
  const { departments } = useDepartments();
  const jointWithheld = withheldAt(withheld, `${path}.joint`);
  return (
    <>
      <section aria-labelledby="joint-part" className="card">
        <h2 id="joint-part">{t.jointPart}</h2>
        {plan.joint ? (
          <>
            <dl className="facts">
              <dt>{t.planStatus}</dt>
              <dd>{enumValue(plan.joint.status)}</dd>
              <dt>{t.coordinator}</dt>
              <dd>
                {plan.joint.coordinatingCaseworker
                  ? `${plan.joint.coordinatingCaseworker.name} (${department(plan.joint.coordinatingCaseworker.department)})`
                  : '—'}
              </dd>
              <dt>{t.nextJointMeeting}</dt>
              <dd>{plan.joint.nextJointMeeting ? dateTime(plan.joint.nextJointMeeting) : '—'}</dd>
              <dt>{t.nextFollowUpLabel}</dt>
              <dd>{plan.joint.nextFollowUp ? date(plan.joint.nextFollowUp) : '—'}</dd>
            </dl>
            <h3>{t.citizenGoals}</h3>
            {plan.joint.citizenGoals.length ? (
              <ul>
                {plan.joint.citizenGoals.map((goal) => (
                  <li key={goal.id}>{goal.text}</li>
                ))}
              </ul>
            ) : (
              <p>{t.noGoals}</p>
            )}
            <h3>{t.agreements}</h3>
            {plan.joint.agreements.length ? (
              <ul data-testid="agreements">
                {plan.joint.agreements.map((agreement) => (
                  <li key={agreement.id}>
                    {t.agreementLine(agreement.what, department(agreement.responsibleDepartment))}
                    {agreement.dueDate && `, ${t.dueBy(date(agreement.dueDate))}`}
                    {agreement.provider && (
                      <>
                        <br />
                        {t.carriedOutBy(agreement.provider.name)}
                      </>
                    )}
                    {agreement.progressNotes.length > 0 && (
                      <ul aria-label={t.progressNotes}>
                        {agreement.progressNotes.map((note) => (
                          <li key={note.id}>{t.progressNoteLine(dateTime(note.at), note.authorName, note.text)}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t.noAgreements}</p>
            )}
            <h3>{t.meetings}</h3>
            {plan.joint.meetings.length ? (
              <ul data-testid="meetings">
                {plan.joint.meetings.map((meeting) => (
                  <li key={meeting.id}>
                    {t.meetingLine(dateTime(meeting.at), meeting.place, meeting.participants.map(department).join(', '))}
                    {meeting.bisidder && (
                      <>
                        <br />
                        {t.withBisidder(meeting.bisidder)}
                      </>
                    )}
                    {meeting.invitedProviders.length > 0 && (
                      <>
                        <br />
                        {t.invitedProviders(meeting.invitedProviders.join(', '))}
                      </>
                    )}
                    {meeting.minutes && (
                      <>
                        <br />
                        {t.minutes}: {meeting.minutes}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t.noMeetings}</p>
            )}
            <History history={plan.joint.history} />
          </>
        ) : jointWithheld ? (
          <WithheldNotice withheld={jointWithheld} />
        ) : (
          <p>{t.noPlan}</p>
        )}
      </section>
      <div className="sections">
        {departments.flatMap(({ planSection: field, code }) => {
          if (!field) return [];
          const section = sectionOf(plan, field);
          const notice = withheldAt(withheld, `${path}.${field}`);
          return (
            <section key={field} aria-labelledby={`section-${field}`} className="card section" data-testid={`section-${code}`}>
              <h2 id={`section-${field}`}>{department(code)}</h2>
              {section ? <Section section={section} /> : notice ? <WithheldNotice withheld={notice} /> : <p>{t.noSection}</p>}
            </section>
          );
        })}
      </div>
    </>
  );
}

type PlanChange = NonNullable<PlanViewFieldsFragment['joint']>['history'][number];

/** The plan's history, newest first: who changed what and when, each change said in the reader's language. */
function History({ history }: { history: readonly PlanChange[] }) {
  const texts = useTexts();
  const { t, dateTime, department } = texts;
  return (
    <details className="history">
      <summary>{t.historyOf(history.length)}</summary>
      <ol data-testid="history">
        {history.map((change) => (
          <li key={change.version}>
            {t.historyLine(
              dateTime(change.at),
              change.actorDepartment ? `${change.actorName} (${department(change.actorDepartment)})` : actorName(texts, change),
              changeText(texts, change),
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A change from before kinds were kept says itself only in English (`summary`, deprecated for all else). */
function changeText(texts: Texts, change: PlanChange): string {
  return planChangeText(texts, change.kind, change.factsJson) ?? change.summary;
}

function Section({ section }: { section: SectionFieldsFragment }) {
  const { t, date } = useTexts();
  return (
    <>
      <p>
        {t.caseworker}: {section.caseworker?.name ?? '—'}
      </p>
      <h3>{t.goals}</h3>
      <ul>
        {section.goals.map((goal) => (
          <li key={goal.id}>{goal.description}</li>
        ))}
      </ul>
      <h3>{t.actions}</h3>
      <ul>
        {section.actions.map((action) => (
          <li key={action.id}>
            {action.title}
            <br />
            <small>
              {t.legalBasis}: {action.legalBasis}
              {action.followUpDate && ` · ${t.followUp}: ${date(action.followUpDate)}`}
            </small>
          </li>
        ))}
      </ul>
      {section.nextFollowUp && (
        <p>
          {t.nextFollowUp}: {date(section.nextFollowUp)}
        </p>
      )}
    </>
  );
}
