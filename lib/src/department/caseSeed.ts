import type { Cpr } from '../cpr';
import type { ActionRecord, BenefitRecord, CaseRecord, DepartmentCaseSeed, HealthNoteRecord } from './DepartmentStore';

export interface CaseSeedInput {
  kind: string;
  openedOn: string;
  caseworkerId: string;
  nextFollowUp?: string;
  goals?: string[];
  actions?: Array<
    Omit<ActionRecord, 'id' | 'category' | 'responsibleId'> & Partial<Pick<ActionRecord, 'category' | 'responsibleId'>>
  >;
  benefits?: BenefitRecord[];
  healthNotes?: HealthNoteRecord[];
  status?: CaseRecord['status'];
}

/** Whom a case is about: a demo persona (lib/src/personas.ts) or a synthetic citizen (lib/src/synthetic.ts). */
export interface CaseCitizen {
  cpr: Cpr;
  name: string;
}

/**
 * A case as a department seeds it, with ids derived from a prefix and a sequence number (never
 * from the CPR, so ids are safe to log). Actions default to PLAN and to the case's caseworker.
 */
export function caseSeed(
  idPrefix: string,
  sequence: number,
  { cpr, name }: CaseCitizen,
  input: CaseSeedInput,
): DepartmentCaseSeed {
  const id = `${idPrefix}-${String(sequence).padStart(6, '0')}`;
  return {
    case: {
      id,
      cpr,
      citizenName: name,
      kind: input.kind,
      status: input.status ?? 'OPEN',
      openedOn: input.openedOn,
      caseworkerId: input.caseworkerId,
      nextFollowUp: input.nextFollowUp ?? null,
    },
    goals: (input.goals ?? []).map((description, i) => ({ id: `${id}-G${i + 1}`, description })),
    actions: (input.actions ?? []).map((action, i) => ({
      category: 'PLAN',
      responsibleId: input.caseworkerId,
      ...action,
      id: `${id}-A${i + 1}`,
    })),
    benefits: input.benefits ?? [],
    healthNotes: input.healthNotes ?? [],
  };
}
