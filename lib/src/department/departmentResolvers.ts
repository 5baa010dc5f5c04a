import type { SubgraphResolvers } from '../subgraphServer';
import type { ActionRecord, CaseRecord, DepartmentStore } from './DepartmentStore';
import { FINDING_FIELD } from '../findingField';
import { perRequest } from '../perRequest';

interface CitizenRef {
  cpr: string;
}

/** The plan section as resolvers see it: the department's case, which the section is part of. */
interface PlanSectionParent {
  department: string;
  caseRecord: CaseRecord;
}

export interface DepartmentFieldNames {
  /** The department's field on `Citizen`, e.g. `employment`. */
  citizenField: string;
  /** The department's field on `OnePlan`, e.g. `employment`. */
  planField: string;
  /** The department's case type, e.g. `EmploymentCase`. */
  caseType: string;
  /** Which of the shared case fields the case type has. */
  caseFields: ReadonlyArray<'benefits' | 'healthNotes'>;
}

/**
 * Resolvers every department subgraph has in the same shape: the `Citizen` and `OnePlan` entities,
 * its case (caseworker, benefits, health notes) and its plan section. Subgraphs add their own on top.
 * A citizen without a case in this department resolves to `null` fields.
 */
export function departmentResolvers(
  store: DepartmentStore,
  { citizenField, planField, caseType, caseFields }: DepartmentFieldNames,
): SubgraphResolvers {
  const caseworker = (id: string | null) => (id ? (store.caseworker(id) ?? null) : null);
  // A citizen's case, read once per request: the gateway sends the Citizen and OnePlan fetches of one
  // query-plan step in one call, so both of a citizen's fields would otherwise read it.
  const casesOf = perRequest(() => new Map<string, CaseRecord | undefined>());
  const caseOf = (cpr: string, request: object): CaseRecord | undefined => {
    const cases = casesOf(request);
    if (!cases.has(cpr)) cases.set(cpr, store.caseOf(cpr));
    return cases.get(cpr);
  };
  return {
    Citizen: {
      __resolveReference: (ref: CitizenRef) => ({ cpr: ref.cpr }),
      [citizenField]: (citizen: CitizenRef, _: unknown, request: object) => caseOf(citizen.cpr, request) ?? null,
      // Yes or no, nothing more: the only answer the candidate finder gets (findingCheck.ts).
      [FINDING_FIELD]: (citizen: CitizenRef, _: unknown, request: object) => caseOf(citizen.cpr, request)?.status === 'OPEN',
    },
    OnePlan: {
      __resolveReference: (ref: CitizenRef) => ({ cpr: ref.cpr }),
      [planField]: (plan: CitizenRef, _: unknown, request: object): PlanSectionParent | null => {
        const caseRecord = caseOf(plan.cpr, request);
        return caseRecord ? { department: store.department, caseRecord } : null;
      },
    },
    [caseType]: {
      caseworker: (c: CaseRecord) => caseworker(c.caseworkerId),
      ...(caseFields.includes('benefits') && { benefits: (c: CaseRecord) => store.benefits(c.cpr) }),
      ...(caseFields.includes('healthNotes') && { healthNotes: (c: CaseRecord) => store.healthNotes(c.cpr) }),
    },
    PlanSection: {
      caseworker: (s: PlanSectionParent) => caseworker(s.caseRecord.caseworkerId),
      goals: (s: PlanSectionParent) => store.goals(s.caseRecord.cpr),
      actions: (s: PlanSectionParent) => store.actions(s.caseRecord.cpr, 'PLAN'),
      nextFollowUp: (s: PlanSectionParent) => s.caseRecord.nextFollowUp,
    },
    PlanAction: {
      responsible: (a: ActionRecord) => caseworker(a.responsibleId),
    },
  };
}
