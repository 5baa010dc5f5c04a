import { CASEWORKERS, PERSONAS, syntheticCitizens } from '@enplan/lib';
import type { ConsentRecord, Provision } from './consentModel';

const DAY = 86_400_000;
type Parties = Pick<Provision, 'ownerDepartments' | 'recipientDepartments'>;
const employmentAndSocial = (): Parties => ({
  ownerDepartments: ['EMPLOYMENT', 'SOCIAL'],
  recipientDepartments: ['EMPLOYMENT', 'SOCIAL'],
});

function consent(
  sequence: number,
  cpr: string,
  now: number,
  fields: Pick<ConsentRecord, 'provisions'> & Partial<ConsentRecord> & { method: ConsentRecord['evidence']['method'] },
): ConsentRecord {
  const validFrom = fields.validFrom ?? now - 60 * DAY;
  const { method, ...rest } = fields;
  return {
    id: `CON-${String(sequence).padStart(6, '0')}`,
    cpr,
    grantor: { cpr, capacity: 'SELF' },
    purpose: 'ONE_PLAN',
    validFrom,
    validUntil: now + 300 * DAY,
    evidence: {
      method,
      recordedBy: method === 'MITID' ? cpr : CASEWORKERS.anna.id,
      recordedAt: validFrom,
      documentRef: method === 'WRITTEN' ? `ESDH-${sequence}-SAMTYKKE` : null,
    },
    withdrawnAt: null,
    withdrawnBy: null,
    supersedes: null,
    supersededBy: null,
    givenByRepresentative: null,
    withdrawnByRepresentative: null,
    ...rest,
  };
}

function permit(categories: Provision['categories'], parties: Parties = employmentAndSocial()): Provision {
  return { effect: 'PERMIT', ...parties, categories };
}

/**
 * The personas' consents (docs/design.md), with times relative to `now` so the demo stays valid
 * whenever it is seeded. Synthetic citizens get a MitID consent between EMPLOYMENT and SOCIAL.
 */
export function* consentSeed(now: number, synthetic: number): Generator<ConsentRecord> {
  yield consent(1, PERSONAS.peter.cpr, now, {
    method: 'WRITTEN',
    provisions: [
      permit(['CASE', 'PLAN', 'BENEFITS']),
      {
        effect: 'DENY',
        ownerDepartments: ['EMPLOYMENT', 'SOCIAL', 'CHILDREN'],
        recipientDepartments: ['EMPLOYMENT', 'SOCIAL', 'CHILDREN'],
        categories: ['SUBSTANCE_ABUSE'],
      },
    ],
  });
  yield consent(2, PERSONAS.mette.cpr, now, {
    method: 'MITID',
    provisions: [
      permit(['CASE', 'PLAN', 'BENEFITS', 'HEALTH', 'SUBSTANCE_ABUSE', 'FAMILY']),
      // Housing support takes part in her plan: its case and plan, and theirs, but not her health.
      permit(['CASE', 'PLAN'], {
        ownerDepartments: ['EMPLOYMENT', 'SOCIAL', 'HOUSING'],
        recipientDepartments: ['EMPLOYMENT', 'SOCIAL', 'HOUSING'],
      }),
      // The region's psychiatry (another data controller, rule 11) takes part with the jobcentre and
      // social services: her course there and their cases and plans, health included, both ways.
      permit(['CASE', 'PLAN', 'HEALTH'], {
        ownerDepartments: ['EMPLOYMENT', 'SOCIAL', 'PSYCHIATRY'],
        recipientDepartments: ['EMPLOYMENT', 'SOCIAL', 'PSYCHIATRY'],
      }),
    ],
  });
  yield consent(3, PERSONAS.ali.cpr, now, {
    method: 'WRITTEN',
    validFrom: now - 200 * DAY,
    provisions: [
      permit(['CASE', 'PLAN', 'BENEFITS', 'FAMILY'], {
        ownerDepartments: ['EMPLOYMENT', 'CHILDREN'],
        recipientDepartments: ['EMPLOYMENT', 'CHILDREN'],
      }),
    ],
    withdrawnAt: now - 20 * DAY,
    withdrawnBy: PERSONAS.ali.cpr,
  });
  yield consent(4, PERSONAS.sofie.cpr, now, {
    method: 'WRITTEN',
    validFrom: now - 400 * DAY,
    validUntil: now - 35 * DAY,
    provisions: [permit(['CASE', 'PLAN', 'BENEFITS'])],
  });
  yield consent(5, PERSONAS.lars.cpr, now, {
    method: 'ORAL',
    provisions: [permit(['CASE', 'PLAN', 'HEALTH'])],
  });
  for (const citizen of syntheticCitizens(synthetic)) {
    yield consent(1000 + citizen.index, citizen.cpr, now, {
      method: 'MITID',
      provisions: [permit(['CASE', 'PLAN', 'BENEFITS', 'HEALTH'])],
    });
  }
}
