import { useId, useState } from 'react';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useOperation';
import { OutcomeMessage } from '../components/OutcomeMessage';
import { Failed, Loading } from '../components/Status';
import { graphql } from '../gql';
import type { WebFindingCandidatesQuery } from '../gql/graphql';
import { useTexts } from '../i18n';

const FindingStatusDocument = graphql(`
  query WebFindingStatus {
    finding {
      enabled
      legalBasis
      threshold
      retentionDays
    }
  }
`);

const FindingCandidatesDocument = graphql(`
  query WebFindingCandidates {
    findingCandidates {
      id
      maskedCpr
      departmentCount
      foundAt
      invitedAt
    }
  }
`);

const InviteCandidateDocument = graphql(`
  mutation WebInviteFindingCandidate($id: ID!) {
    inviteFindingCandidate(id: $id) {
      id
      invitedAt
    }
  }
`);

type Candidate = WebFindingCandidatesQuery['findingCandidates'][number];

/**
 * The coordinating function's page: whether the candidate finder is on and on what legal basis,
 * and the citizens it found, as a masked CPR and a count only. Its one action is the invitation.
 */
export function CandidatesPage() {
  const { t } = useTexts();
  const [status] = useQuery(FindingStatusDocument, {});
  return (
    <>
      <h1 tabIndex={-1}>{t.candidates}</h1>
      {status.status === 'loading' && <Loading />}
      {status.status === 'failed' && <Failed failure={status.failure} />}
      {status.status === 'done' && !status.data.finding.enabled && <p>{t.findingOff}</p>}
      {status.status === 'done' && status.data.finding.enabled && (
        <>
          <p>{t.candidatesLead(status.data.finding.threshold ?? 0, status.data.finding.retentionDays)}</p>
          <p>
            {t.legalBasis}: {status.data.finding.legalBasis}
          </p>
          <CandidateList />
        </>
      )}
    </>
  );
}

function CandidateList() {
  const { t } = useTexts();
  const [state] = useQuery(FindingCandidatesDocument, {});
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') return <Failed failure={state.failure} />;
  if (state.data.findingCandidates.length === 0) return <p>{t.noCandidates}</p>;
  return (
    <ul className="plain-list">
      {state.data.findingCandidates.map((candidate) => (
        <CandidateItem key={candidate.id} candidate={candidate} />
      ))}
    </ul>
  );
}

function CandidateItem({ candidate }: { candidate: Candidate }) {
  const { t, dateTime } = useTexts();
  const id = useId();
  const { run, outcome, busy } = useAction(InviteCandidateDocument, { id: t.candidateGone });
  const [invitedAt, setInvitedAt] = useState(candidate.invitedAt ?? undefined);
  const invite = async () => {
    const done = await run({ id: candidate.id }, () => t.invitationSent);
    if (done?.inviteFindingCandidate.invitedAt) setInvitedAt(done.inviteFindingCandidate.invitedAt);
  };
  return (
    <li className="card" data-testid="finding-candidate" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {t.citizen} {candidate.maskedCpr}
      </h2>
      <p>{t.candidateDepartments(candidate.departmentCount)}</p>
      <p>
        {t.found} <time dateTime={candidate.foundAt}>{dateTime(candidate.foundAt)}</time>
      </p>
      {invitedAt ? (
        <p>
          {t.invited} <time dateTime={invitedAt}>{dateTime(invitedAt)}</time>
        </p>
      ) : (
        <button type="button" disabled={busy} onClick={() => void invite()}>
          {t.sendInvitation}
        </button>
      )}
      <OutcomeMessage outcome={outcome} />
    </li>
  );
}
