import type { DataCategory, Department } from '@enplan/lib';
import type { ChangeAuthor } from '../planModel';

/**
 * The life areas of the shared assessment (udredning), after the Voksenudredningsmetoden's areas
 * and the 2025 employment reform's "samlet beskrivelse af borgerens forudsætninger".
 */
export const LIFE_AREAS = [
  'WORK_AND_EDUCATION',
  'ECONOMY',
  'HOUSING',
  'HEALTH',
  'SUBSTANCE_USE',
  'NETWORK_AND_FAMILY',
  'DAILY_LIFE',
] as const;
export type LifeArea = (typeof LIFE_AREAS)[number];

/**
 * What kind of data a department's part about a life area is: the category the citizen's consent
 * must cover before another department reads it (rule 2). Health and substance use are GDPR art. 9
 * data; network and family is FAMILY; the rest is plan data, economy aside.
 */
export const LIFE_AREA_CATEGORY: Readonly<Record<LifeArea, DataCategory>> = {
  WORK_AND_EDUCATION: 'PLAN',
  ECONOMY: 'BENEFITS',
  HOUSING: 'PLAN',
  HEALTH: 'HEALTH',
  SUBSTANCE_USE: 'SUBSTANCE_ABUSE',
  NETWORK_AND_FAMILY: 'FAMILY',
  DAILY_LIFE: 'PLAN',
};

/** One text of the assessment: a department's part about a life area, or the citizen's own words. */
export interface AssessmentEntry {
  id: string;
  lifeArea: LifeArea;
  text: string;
  /** Who wrote it; `actorDepartment` null = the citizen. */
  author: ChangeAuthor;
  /** Epoch ms. */
  at: number;
  /** The id of the entry that replaced this one, when the same author wrote the area again. */
  replacedBy: string | null;
}

/** A versioned document of the plan's course, as the course store keeps it. */
export interface CourseDocument {
  planId: string;
  cpr: string;
  /** Increases with every change; a write names the version it read (`CONFLICT`). */
  version: number;
}

/** The shared assessment: every entry ever written (sources kept); the current ones have no `replacedBy`. */
export interface AssessmentRecord extends CourseDocument {
  entries: AssessmentEntry[];
}

export type MeasureOutcome = 'GRANTED' | 'REFUSED' | 'CHANGED';

/** A department's decision on one of its measures (forvaltningsloven §§ 22–24: legal basis and reasons). */
export interface MeasureDecision {
  outcome: MeasureOutcome;
  legalBasis: string;
  /** The reasons (begrundelse); may be empty only when the measure is granted in full (§ 22). */
  reasons: string;
  /** YYYY-MM-DD */
  start: string;
  /** YYYY-MM-DD, or null when open-ended. */
  end: string | null;
  decidedBy: ChangeAuthor;
  /** Epoch ms. */
  decidedAt: number;
}

/** One measure of the joint decision, drawn from an agreement of the plan; its department decides it. */
export interface Measure {
  id: string;
  agreementId: string;
  what: string;
  department: Department;
  decision: MeasureDecision | null;
}

/** The joint decision (samlet afgørelse): one document gathering each department's own decisions. */
export interface DecisionRecord extends CourseDocument {
  id: string;
  status: 'DRAFT' | 'ISSUED';
  draftedBy: ChangeAuthor;
  draftedAt: number;
  measures: Measure[];
  /** 1 when issued; one more with every measure a department changes after a complaint. */
  issuedVersion: number | null;
  /** Epoch ms of the first issue: the complaint deadline runs from it. */
  issuedAt: number | null;
  /** Every issued version: when, and which measures changed. */
  revisions: Array<{ issuedVersion: number; at: number; changedMeasureIds: string[]; by: ChangeAuthor | null }>;
}

export type ComplaintPartStatus = 'REASSESSING' | 'CHANGED' | 'UPHELD_FORWARDED';

/** The package an upheld part goes on to Ankestyrelsen with: the complaint and its case file. */
export interface ForwardedPackage {
  id: string;
  /** Epoch ms. */
  createdAt: number;
  /** SHA-256 of `contentJson`. */
  sha256: string;
  contentJson: string;
}

/** The part of the complaint one responsible department reassesses (genvurdering, retssikkerhedsloven § 66). */
export interface ComplaintPart {
  department: Department;
  measureIds: string[];
  status: ComplaintPartStatus;
  /** Epoch ms by which the department must have reassessed. */
  dueAt: number;
  answeredAt: number | null;
  answeredBy: ChangeAuthor | null;
  reasons: string | null;
  forwardedPackage: ForwardedPackage | null;
}

/** The citizen's one complaint about the issued joint decision, split per responsible department. */
export interface ComplaintRecord extends CourseDocument {
  id: string;
  decisionId: string;
  /** In the citizen's own words. */
  text: string;
  filedAt: number;
  parts: ComplaintPart[];
  /**
   * The representative who filed it for the citizen under a FILE_COMPLAINT power (docs/design.md
   * rule 13), and the power; absent when the citizen filed it (and in complaints from before).
   */
  filedByRepresentative?: { name: string; powerId: string } | null;
}
