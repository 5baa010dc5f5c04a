import { syntheticCitizen } from '@enplan/lib';
import { demoClaims, issueDemoToken } from '@enplan/gateway/src/auth/demoTokens';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_JWT_SECRET } from '@enplan/gateway/src/config';

/** A demo bearer token, as `npm run token` prints it (valid 8 h: longer than any run). */
export async function tokenFor(who: string): Promise<string> {
  const claims = demoClaims(who);
  if (!claims) throw new Error(`no demo identity "${who}"`);
  return issueDemoToken(claims, { secret: DEV_JWT_SECRET, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE });
}

const SECTION = 'caseworker { name } goals { description } actions { title legalBasis startDate followUpDate } nextFollowUp';

/**
 * (1) and (3): Bo (adult social services) reads one citizen's whole plan. The consent covers
 * EMPLOYMENT→SOCIAL for CASE, PLAN, BENEFITS, HEALTH; CHILDREN is no party, so `plan.children` and
 * `family` come back null with CONSENT_REQUIRED from enplan (and with data from the plain gateways).
 */
export const ONE_PLAN_QUERY = `query OnePlan($cpr: ID!) { citizen(cpr: $cpr) {
  plan { joint { coordinatingCaseworker { name } citizenGoals { text } status nextJointMeeting }
    employment { ${SECTION} } social { ${SECTION} } children { ${SECTION} } }
  employment { kind status caseworker { name } benefits { kind monthlyAmountDkk } healthNotes { summary } }
  social { kind status benefits { kind } }
  family { kind } } }`;

/** (2): Anna (jobcentre, coordinating caseworker of every synthetic plan) opens her caseload. */
export const CASELOAD_QUERY = `query Caseload($cprs: [ID!]!) { citizens(cprs: $cprs) { cpr
  plan { joint { status nextJointMeeting } employment { goals { description } nextFollowUp } social { goals { description } nextFollowUp } }
  employment { kind status } social { kind status } } }`;

export type WorkloadId = 'one-plan' | 'caseload-50' | 'one-plan-uncached';

export const WORKLOADS: ReadonlyArray<{ id: WorkloadId; title: string; who: string }> = [
  {
    id: 'one-plan',
    title: "(1) one citizen's whole plan, Bo (SOCIAL), 50 citizens rotating (decisions cached)",
    who: 'cw-soc-1',
  },
  { id: 'caseload-50', title: '(2) caseload of 50 citizens with plans, Anna (EMPLOYMENT)', who: 'cw-emp-1' },
  {
    id: 'one-plan-uncached',
    title: '(3) as (1), every request a citizen not seen before by that gateway (decision not cached)',
    who: 'cw-soc-1',
  },
];

export const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
export const cprs = (from: number, count: number) => Array.from({ length: count }, (_, i) => syntheticCitizen(from + i).cpr);

/**
 * Which synthetic citizens each part uses (indexes into the 10,000). The uncached workload needs a
 * citizen never asked about before by the gateway under test: each enplan gateway (memory, Redis)
 * gets its own disjoint slice per round and for its warm-up. The plain gateways keep no decisions,
 * so they are given the memory gateway's slices (a repeat costs them nothing extra).
 */
export function citizenPlan(total: number, rounds: number, enplanGateways: number) {
  const cached = { onePlan: 0, caseload: 50, count: 50 };
  const counting = { from: 100, count: 300 };
  const uncachedFrom = 400;
  const warmUp = 100;
  const perRun = Math.floor((total - uncachedFrom - enplanGateways * warmUp) / (enplanGateways * rounds));
  if (perRun < 200) throw new Error(`too few synthetic citizens (${total}) for ${rounds} rounds of the uncached workload`);
  const uncached = (gateway: number, round: number | 'warm-up') =>
    round === 'warm-up'
      ? { from: uncachedFrom + gateway * warmUp, count: warmUp }
      : { from: uncachedFrom + enplanGateways * warmUp + (gateway * rounds + round) * perRun, count: perRun };
  return { cached, counting, uncached, perRun };
}
