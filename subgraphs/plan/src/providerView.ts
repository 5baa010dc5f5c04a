import type { JointPlanRecord } from './planModel';

/**
 * What a provider organisation's staff see of a joint plan (docs/design.md rule 12): the agreements
 * assigned to it, the citizen goals those serve, the meetings it is invited to; no history, no reason
 * for an ending. Null when nothing is assigned to it (or the plan has ended): then they see nothing,
 * exactly as for a citizen they do not know.
 */
export function providerView(plan: JointPlanRecord, organisation: string): JointPlanRecord | null {
  if (plan.status === 'ENDED') return null;
  const agreements = plan.agreements.filter((a) => a.provider?.organisation === organisation);
  if (agreements.length === 0) return null;
  const served = new Set(agreements.flatMap((a) => a.servesGoalIds ?? []));
  return {
    ...plan,
    agreements,
    citizenGoals: plan.citizenGoals.filter((g) => served.has(g.id)),
    meetings: plan.meetings.filter((m) => m.invitedOrganisations?.includes(organisation)),
    endedReason: null,
  };
}
