import type { Cpr } from '../cpr';
import type { DataCategory, Department } from '../departments';

export interface CaseworkerRecord {
  id: string;
  name: string;
  department: Department;
  phone: string | null;
}

export interface CaseRecord {
  id: string;
  cpr: Cpr;
  /** The citizen's name as this department's case records it (CASE data, like the case itself). */
  citizenName: string | null;
  kind: string;
  status: 'OPEN' | 'CLOSED';
  openedOn: string;
  caseworkerId: string | null;
  nextFollowUp: string | null;
}

export interface GoalRecord {
  id: string;
  description: string;
}

/** An action (indsats). Its category decides which field shows it: most are PLAN, § 101 treatment is SUBSTANCE_ABUSE. */
export interface ActionRecord {
  id: string;
  category: DataCategory;
  title: string;
  legalBasis: string;
  responsibleId: string | null;
  startDate: string | null;
  endDate: string | null;
  followUpDate: string | null;
}

export interface BenefitRecord {
  kind: string;
  legalBasis: string;
  monthlyAmountDkk: number;
  since: string;
}

export interface HealthNoteRecord {
  summary: string;
  source: string;
  recordedOn: string;
}

/** Everything a department holds about one citizen's case, as seeded. */
export interface DepartmentCaseSeed {
  case: CaseRecord;
  goals: GoalRecord[];
  actions: ActionRecord[];
  benefits: BenefitRecord[];
  healthNotes: HealthNoteRecord[];
}

/** One department's case data. The SQLite implementation is the default; others can follow the interface. */
export interface DepartmentStore {
  readonly department: Department;
  caseOf(cpr: string): CaseRecord | undefined;
  caseworker(id: string): CaseworkerRecord | undefined;
  goals(cpr: string): GoalRecord[];
  actions(cpr: string, category: DataCategory): ActionRecord[];
  benefits(cpr: string): BenefitRecord[];
  healthNotes(cpr: string): HealthNoteRecord[];
  isEmpty(): boolean;
  seed(caseworkers: CaseworkerRecord[], cases: Iterable<DepartmentCaseSeed>): void;
  close(): void;
}
