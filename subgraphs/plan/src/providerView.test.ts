import { PERSONAS } from '@enplan/lib';
import type { JointPlanRecord } from './planModel';
import { providerView } from './providerView';
import { planSeed } from './seed';

const LAERKEHOEJ = 'BOSTEDET_LAERKEHOEJ';
const peters = [...planSeed(0)].find((p) => p.cpr === PERSONAS.peter.cpr)!;
const unassigned: JointPlanRecord = { ...peters, agreements: peters.agreements.map((a) => ({ ...a, provider: null })) };
const invited: JointPlanRecord = {
  ...peters,
  meetings: peters.meetings.map((m) => ({ ...m, invitedOrganisations: [LAERKEHOEJ] })),
};

describe('what a provider sees of a joint plan (rule 12)', () => {
  it.each([
    ["Peter's plan, § 85 support assigned", peters, LAERKEHOEJ, { agreements: ['AGR-P2'], goals: ['GOAL-P2'], meetings: [] }],
    [
      'the same, invited to the joint meeting',
      invited,
      LAERKEHOEJ,
      { agreements: ['AGR-P2'], goals: ['GOAL-P2'], meetings: ['MEET-P1'] },
    ],
    ['another provider', peters, 'ANOTHER_PROVIDER', null],
    ['the assignment ended', unassigned, LAERKEHOEJ, null],
    ['the plan ended', { ...peters, status: 'ENDED', endedReason: 'Peter flyttede.' }, LAERKEHOEJ, null],
  ] as const)('%s', (_, plan, organisation, expected) => {
    const view = providerView(plan as JointPlanRecord, organisation);
    expect(
      view && {
        agreements: view.agreements.map((a) => a.id),
        goals: view.citizenGoals.map((g) => g.id),
        meetings: view.meetings.map((m) => m.id),
      },
    ).toEqual(expected);
  });
});
