import { CASEWORKERS, PERSONAS, syntheticCitizens } from '@enplan/lib';
import type { JointPlanRecord, JointMeeting } from './planModel';

const SEEDED_AT = Date.parse('2026-10-01T08:00:00Z');

function plan(
  cpr: string,
  fields: Partial<JointPlanRecord> & Pick<JointPlanRecord, 'coordinatingCaseworkerId' | 'status'>,
): JointPlanRecord {
  return {
    id: `PLAN-${cpr}`,
    cpr,
    version: 1,
    citizenGoals: [],
    agreements: [],
    meetings: [],
    nextFollowUp: null,
    endedReason: null,
    createdAt: SEEDED_AT,
    ...fields,
  };
}

function meeting(id: string, at: string, place: string, participants: JointMeeting['participants']): JointMeeting {
  return { id, at, place, participants, bisidder: null, minutes: null };
}

/**
 * Joint plans exist for the personas whose consent allows one, and for every synthetic citizen.
 * A goal is the citizen's own words, but what the joint part holds is shared with every party:
 * a goal that names Peter's son would be FAMILY data, which his consent does not cover and which
 * children and family services (not a party) hold. So his joint goals keep to work and housing.
 */
export function* planSeed(synthetic: number): Generator<JointPlanRecord> {
  yield plan(PERSONAS.peter.cpr, {
    coordinatingCaseworkerId: CASEWORKERS.anna.id,
    status: 'ACTIVE',
    citizenGoals: [
      { id: 'GOAL-P1', text: 'Jeg vil have et arbejde og min egen lejlighed.' },
      { id: 'GOAL-P2', text: 'Jeg vil kunne stå op om morgenen og holde mine aftaler.' },
    ],
    agreements: [
      {
        id: 'AGR-P1',
        what: 'Virksomhedspraktikken følges op på det fælles møde.',
        responsibleDepartment: 'EMPLOYMENT',
        dueDate: '2026-12-08',
        actionRef: { department: 'EMPLOYMENT', actionId: 'EMP-000001-A1' },
      },
      {
        // Carried out by a provider (rule 12): SOCIAL assigned its § 85 support to Bostedet Lærkehøj.
        id: 'AGR-P2',
        what: 'Bostøtte 4 timer om ugen',
        responsibleDepartment: 'SOCIAL',
        dueDate: null,
        actionRef: { department: 'SOCIAL', actionId: 'SOC-000001-A1' },
        provider: { organisation: 'BOSTEDET_LAERKEHOEJ', assignedBy: 'SOCIAL', assignedAt: SEEDED_AT },
        servesGoalIds: ['GOAL-P2'],
      },
    ],
    meetings: [meeting('MEET-P1', '2026-12-08T09:00:00.000Z', 'Jobcentret, mødelokale 2', ['EMPLOYMENT', 'SOCIAL'])],
    nextFollowUp: '2026-12-08',
  });
  yield plan(PERSONAS.mette.cpr, {
    coordinatingCaseworkerId: CASEWORKERS.anna.id,
    status: 'ACTIVE',
    citizenGoals: [{ id: 'GOAL-M1', text: 'Jeg vil tilbage på arbejde uden at få ondt.' }],
    meetings: [meeting('MEET-M1', '2026-12-03T10:00:00.000Z', 'Jobcentret, mødelokale 1', ['EMPLOYMENT', 'SOCIAL'])],
    nextFollowUp: '2026-12-03',
  });
  yield plan(PERSONAS.lars.cpr, {
    coordinatingCaseworkerId: CASEWORKERS.bo.id,
    status: 'DRAFT',
    citizenGoals: [{ id: 'GOAL-L1', text: 'Jeg vil have noget at stå op til.' }],
    meetings: [meeting('MEET-L1', '2026-12-17T13:00:00.000Z', 'Socialcenter Nord', ['EMPLOYMENT', 'SOCIAL'])],
    nextFollowUp: '2026-12-17',
  });
  for (const citizen of syntheticCitizens(synthetic)) {
    yield plan(citizen.cpr, {
      coordinatingCaseworkerId: CASEWORKERS.anna.id,
      status: 'ACTIVE',
      citizenGoals: [{ id: `GOAL-${citizen.cpr}`, text: 'Et job og en stabil hverdag.' }],
      meetings: [meeting(`MEET-${citizen.cpr}`, '2026-12-20T09:00:00.000Z', 'Jobcentret', ['EMPLOYMENT', 'SOCIAL'])],
      nextFollowUp: '2026-12-20',
    });
  }
}
