import { errors, maskCpr, type Actor, type SubgraphContext } from '@enplan/lib';
import type { FindingCandidateRecord } from '../planModel';
import type { PlanStore } from '../PlanStore';
import type { CandidateFinder } from './CandidateFinder';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Only the coordinating function, and only while the finder is on. */
function assertCoordinator(actor: Actor, finder: CandidateFinder): void {
  if (actor.role !== 'COORDINATOR') throw errors.forbidden('Only the coordinating function sees the candidates for one plan.');
  if (!finder.enabled)
    throw errors.forbidden('The candidate finder is switched off: the municipality has not configured its legal basis.');
}

/** The finder in the graph: its switch, the coordinating function's list and invitation, the citizen's "do not look for me". */
export function findingResolvers(finder: CandidateFinder, store: PlanStore, now: () => number) {
  return {
    Query: {
      finding: () => finder.status,
      findingCandidates: async (_: unknown, __: unknown, { actor }: SubgraphContext) => {
        assertCoordinator(actor, finder);
        // Expired candidates are never shown, even between the finder's runs.
        await finder.deleteExpired();
        return store.candidates();
      },
    },
    Mutation: {
      inviteFindingCandidate: async (_: unknown, { id }: { id: string }, { actor }: SubgraphContext) => {
        assertCoordinator(actor, finder);
        await finder.deleteExpired();
        const invited = await finder.invite(id);
        if (!invited) throw errors.badUserInput('No candidate with that id waits for an invitation.', { field: 'id' });
        return invited;
      },
      setDoNotLookForMe: async (_: unknown, { doNotLookForMe }: { doNotLookForMe: boolean }, { actor }: SubgraphContext) => {
        if (actor.role !== 'CITIZEN') throw errors.forbidden('Only the citizen can say this.');
        await store.setFindingOptOut(actor.cpr, doNotLookForMe, now());
        return doNotLookForMe;
      },
    },
    FindingCandidate: {
      maskedCpr: (c: FindingCandidateRecord) => maskCpr(c.cpr),
      foundAt: (c: FindingCandidateRecord) => iso(c.foundAt),
      invitedAt: (c: FindingCandidateRecord) => iso(c.invitedAt),
    },
  };
}
