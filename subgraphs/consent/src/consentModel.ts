import type { DataCategory, Department, Purpose, RepresentativeKind } from '@enplan/lib/core';

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
  /** The representative who gave it for the citizen (docs/design.md rule 13); null when nobody acted for them. */
  givenByRepresentative: RepresentativeAct | null;
  /** The representative who withdrew it for the citizen; null when nobody did. */
  withdrawnByRepresentative: RepresentativeAct | null;
}

/**
 * A representative's act for the citizen on a consent, and the power it rested on, as the consent
 * service's own power store had it at that moment (never as a token claims it).
 */
export interface RepresentativeAct {
  powerId: string;
  kind: RepresentativeKind;
  /** A person's CPR (whole in the store, masked wherever shown or logged) or a personal ombud's staff id. */
  ref: string;
  name: string;
  organisation: string | null;
  citizenName: string;
}

export type { Decision, DecisionQuestion } from '@enplan/lib/core';
