import type { DataCategory, Department, Purpose } from '@enplan/lib/core';

export type ProvisionEffect = 'PERMIT' | 'DENY';
export type EvidenceMethod = 'WRITTEN' | 'ORAL' | 'MITID' | 'DIGITAL_CONSENT_SERVICE';
export type GrantorCapacity = 'SELF' | 'CUSTODY_HOLDER' | 'GUARDIAN' | 'POWER_OF_ATTORNEY';
export type ConsentStatus = 'SCHEDULED' | 'ACTIVE' | 'WITHDRAWN' | 'SUPERSEDED' | 'EXPIRED';

export interface Provision {
  effect: ProvisionEffect;
  ownerDepartments: Department[];
  recipientDepartments: Department[];
  categories: DataCategory[];
}

/** A consent as stored. Times are epoch milliseconds; the API shows them as ISO 8601. */
export interface ConsentRecord {
  id: string;
  cpr: string;
  grantor: { cpr: string; capacity: GrantorCapacity };
  purpose: Purpose;
  validFrom: number;
  validUntil: number;
  provisions: Provision[];
  evidence: { method: EvidenceMethod; recordedBy: string; recordedAt: number; documentRef: string | null };
  withdrawnAt: number | null;
  withdrawnBy: string | null;
  supersedes: string | null;
  supersededBy: string | null;
}

export type { Decision, DecisionQuestion } from '@enplan/lib/core';
