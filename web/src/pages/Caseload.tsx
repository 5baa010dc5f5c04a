import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '../api/useOperation';
import { NoLongerShared } from '../components/NoLongerShared';
import { Failed, Loading } from '../components/Status';
import { citizenLabel, normaliseCpr } from '../cpr';
import { caseOf, useOwnCaseDocument, useOwnCaseField } from '../departments';
import { graphql } from '../gql';
import type { WebCaseloadQuery } from '../gql/graphql';
import { useTexts } from '../i18n';
import { Link, useRouter } from '../router';
import { PlanRequestsDocument } from './PlanRequestsPage';

const CaseloadDocument = graphql(`
  query WebCaseload {
    myCoordinatedPlans {
      cpr
      ...OwnDepartmentCase
      plan {
        joint {
          status
          nextJointMeeting
          coordinatingCaseworker {
            name
          }
        }
      }
      consents {
        id
        status
      }
    }
  }
`);

type CaseloadRow = WebCaseloadQuery['myCoordinatedPlans'][number];

/**
 * Whether a row matches what the caseworker searches for: the CPR number's digits (with or
 * without the dash, whole or in part) or the words shown in the row (name, status, consent).
 */
function matches(row: CaseloadRow, shown: readonly string[], query: string): boolean {
  const digits = query.replace(/\D/g, '');
  const words = query.trim().toLowerCase();
  if (!words) return true;
  if (digits && digits.length === words.replace(/[\s-]/g, '').length) return row.cpr.includes(digits);
  return shown.some((text) => text.toLowerCase().includes(words));
}

/** The caseworker's start page: the plans they coordinate (searchable), and a way to open any citizen's plan by CPR. */
export function Caseload() {
  const { t } = useTexts();
  const [state] = useQuery(useOwnCaseDocument(CaseloadDocument), {});
  const [requests] = useQuery(PlanRequestsDocument, {});
  const openRequests = requests.status === 'done' ? requests.data.planRequestsForMyDepartment.length : 0;
  const { navigate } = useRouter();
  const [cprInput, setCprInput] = useState('');
  const [cprError, setCprError] = useState<string>();
  const [search, setSearch] = useState('');
  const searchId = useId();
  const open = (event: FormEvent) => {
    event.preventDefault();
    const cpr = normaliseCpr(cprInput);
    if (!cpr) return setCprError(t.invalidCpr);
    setCprError(undefined);
    navigate('/caseworker/plan', cpr);
  };
  return (
    <>
      <h1 tabIndex={-1}>{t.caseload}</h1>
      <p>{t.caseloadLead}</p>
      {openRequests > 0 && (
        <p className="notice">
          <Link to="/caseworker/requests">{t.openRequests(openRequests)}</Link>
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' &&
        (state.data.myCoordinatedPlans.length === 0 ? (
          <p>{t.caseloadEmpty}</p>
        ) : (
          <CaseloadTable rows={state.data.myCoordinatedPlans} search={search} searchId={searchId} onSearch={setSearch} />
        ))}
      <NoLongerShared />
      <section aria-labelledby="open-citizen" className="card">
        <h2 id="open-citizen">{t.openCitizen}</h2>
        <form onSubmit={open} noValidate>
          <div className="field">
            <label htmlFor="cpr">{t.cprLabel}</label>
            <input
              id="cpr"
              inputMode="numeric"
              autoComplete="off"
              value={cprInput}
              onChange={(e) => setCprInput(e.target.value)}
              aria-describedby="cpr-hint cpr-error"
              aria-invalid={cprError ? true : undefined}
            />
            <p id="cpr-hint" className="hint">
              {t.cprHint}
            </p>
            <p id="cpr-error" className="error" aria-live="polite">
              {cprError}
            </p>
          </div>
          <button type="submit">{t.open}</button>
        </form>
      </section>
    </>
  );
}

/** The caseload as a table, with a search field above it; how many rows match is announced. */
function CaseloadTable({
  rows,
  search,
  searchId,
  onSearch,
}: {
  rows: readonly CaseloadRow[];
  search: string;
  searchId: string;
  onSearch(query: string): void;
}) {
  const { t, date, enumValue } = useTexts();
  const ownCase = useOwnCaseField();
  const shown = rows.map((citizen) => {
    const active = citizen.consents.find((c) => c.status === 'ACTIVE');
    const label = citizenLabel(citizen.cpr, caseOf(citizen, ownCase)?.citizenName);
    const cells = [
      citizen.plan?.joint ? enumValue(citizen.plan.joint.status) : t.noPlan,
      citizen.plan?.joint?.nextJointMeeting ? date(citizen.plan.joint.nextJointMeeting) : '—',
      active ? `${enumValue(active.status)} (${active.id})` : enumValue(citizen.consents[0]?.status ?? '—'),
    ] as const;
    return { citizen, label, cells };
  });
  const found = shown.filter(({ citizen, label, cells }) => matches(citizen, [label, ...cells], search));
  return (
    <>
      <div className="field" role="search">
        <label htmlFor={searchId}>{t.searchCaseload}</label>
        <input
          id={searchId}
          type="search"
          autoComplete="off"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          aria-describedby={`${searchId}-hint`}
        />
        <p id={`${searchId}-hint`} className="hint">
          {t.searchCaseloadHint}
        </p>
      </div>
      <p role="status" data-testid="caseload-count">
        {search.trim() ? t.caseloadShown(found.length, rows.length) : ''}
      </p>
      <table className="caseload">
        <caption className="visually-hidden">{t.caseload}</caption>
        <thead>
          <tr>
            <th scope="col">{t.citizen}</th>
            <th scope="col">{t.planStatus}</th>
            <th scope="col">{t.nextJointMeeting}</th>
            <th scope="col">{t.consentStatus}</th>
          </tr>
        </thead>
        <tbody>
          {found.map(({ citizen, label, cells }) => (
            <tr key={citizen.cpr}>
              <td>
                <Link to="/caseworker/plan" cpr={citizen.cpr}>
                  {label}
                </Link>
              </td>
              {cells.map((text, i) => (
                <td key={i}>{text}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
