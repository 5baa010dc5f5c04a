import { CASEWORKERS, PERSONAS, POWERS, REPRESENTATIVES } from '@enplan/lib';
import type { PowerRecord } from './PowerStore';

const DAY = 86_400_000;

/**
 * The demo's powers (docs/design.md): Lars gives his daughter Sara the powers to read his plan and
 * his log and to give or withdraw consents, for one year, with MitID; Jonas's personal ombud Ole
 * holds every power but consents, recorded by Anna from Jonas's signed form.
 */
export function* powerSeed(now: number): Generator<PowerRecord> {
  const from = now - 30 * DAY;
  yield {
    id: 'FM-000001',
    cpr: PERSONAS.lars.cpr,
    citizenName: PERSONAS.lars.name,
    representativeKind: 'PERSON',
    representativeRef: REPRESENTATIVES.sara.cpr,
    representativeName: REPRESENTATIVES.sara.name,
    organisation: null,
    powers: ['READ_PLAN', 'READ_ACCESS_LOG', 'MANAGE_CONSENTS'],
    validFrom: from,
    validUntil: from + 365 * DAY,
    evidence: { method: 'MITID', recordedBy: `citizen-${PERSONAS.lars.cpr.slice(0, 6)}`, recordedAt: from, documentRef: null },
    revokedAt: null,
    revokedBy: null,
    supersedes: null,
  };
  yield {
    id: 'FM-000002',
    cpr: PERSONAS.jonas.cpr,
    citizenName: PERSONAS.jonas.name,
    representativeKind: 'PERSONAL_OMBUD',
    representativeRef: REPRESENTATIVES.ole.id,
    representativeName: REPRESENTATIVES.ole.name,
    organisation: REPRESENTATIVES.ole.organisation,
    powers: POWERS.filter((p) => p !== 'MANAGE_CONSENTS'),
    validFrom: from,
    validUntil: from + 365 * DAY,
    evidence: { method: 'WRITTEN', recordedBy: CASEWORKERS.anna.id, recordedAt: from, documentRef: 'ESDH-FULDMAGT-JONAS' },
    revokedAt: null,
    revokedBy: null,
    supersedes: null,
  };
}
