import { CASEWORKERS, PERSONAS, syntheticCitizens } from '@enplan/lib';
import type { OnePlanRecord } from './PlanStore';

/** Joint plans exist for the personas whose consent allows one, and for every synthetic citizen. */
export function* planSeed(synthetic: number): Generator<OnePlanRecord> {
  yield {
    cpr: PERSONAS.peter.cpr,
    coordinatingCaseworkerId: CASEWORKERS.anna.id,
    citizenGoals: ['Jeg vil have et arbejde og min egen lejlighed.', 'Jeg vil være der for Mikkel.'],
    status: 'ACTIVE',
    nextJointMeeting: '2026-12-08',
  };
  yield {
    cpr: PERSONAS.mette.cpr,
    coordinatingCaseworkerId: CASEWORKERS.anna.id,
    citizenGoals: ['Jeg vil tilbage på arbejde uden at få ondt.'],
    status: 'ACTIVE',
    nextJointMeeting: '2026-12-03',
  };
  yield {
    cpr: PERSONAS.lars.cpr,
    coordinatingCaseworkerId: CASEWORKERS.bo.id,
    citizenGoals: ['Jeg vil have noget at stå op til.'],
    status: 'DRAFT',
    nextJointMeeting: '2026-12-17',
  };
  for (const citizen of syntheticCitizens(synthetic)) {
    yield {
      cpr: citizen.cpr,
      coordinatingCaseworkerId: CASEWORKERS.anna.id,
      citizenGoals: ['Et job og en stabil hverdag.'],
      status: 'ACTIVE',
      nextJointMeeting: '2026-12-20',
    };
  }
}
