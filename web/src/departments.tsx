import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { GATEWAY_ORIGIN } from './api/client';
import { graphql } from './gql';
import { TypedDocumentString } from './gql/graphql';
import { useSignedIn } from './auth/session';
import { DEPARTMENTS } from './vocabulary';

/** A department as the gateway reads it from the supergraph (GET /web/departments, gateway/src/web/webDepartments.ts). */
export interface WebDepartment {
  code: string;
  name: string;
  /** Its `OnePlan` field (a PlanSection), if it has a section in the plan. */
  planSection?: string;
  /** Its `Citizen` field for its case, if it has one the app can show. */
  citizenCase?: string;
  /** Its organisation's name when that is not the municipality: a separate data controller. */
  organisation?: string;
}

/** What the app reads of a department's case (the gateway offers `citizenCase` only where these exist). */
export interface CaseSummary {
  kind: string;
  status: string;
  openedOn: string;
  caseworker?: { name: string } | null;
  /** The citizen's name as this department's case records it. */
  citizenName?: string | null;
}

interface DepartmentsValue {
  departments: readonly WebDepartment[];
  /** The list could not be loaded: pages show no department's section or case, and say so. */
  failed: boolean;
}

const DepartmentsContext = createContext<DepartmentsValue>({ departments: [], failed: false });

/** In the registry's order (federation.json, as the forms offer them); one the registry does not list, last. */
function inRegistryOrder(departments: WebDepartment[]): WebDepartment[] {
  const rank = (d: WebDepartment) => (DEPARTMENTS.includes(d.code) ? DEPARTMENTS.indexOf(d.code) : DEPARTMENTS.length);
  return departments.sort((a, b) => rank(a) - rank(b));
}

function isWebDepartment(value: unknown): value is WebDepartment {
  const v = value as Partial<WebDepartment> | null;
  return !!v && typeof v.code === 'string' && typeof v.name === 'string';
}

/**
 * The federation's departments, loaded once before the app renders: the app names none itself
 * (issue #24), so a department added to the federation appears with its name, section and case.
 */
export function DepartmentsProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<DepartmentsValue>();
  useEffect(() => {
    fetch(`${GATEWAY_ORIGIN}/web/departments`, { headers: { accept: 'application/json' } })
      .then((response) =>
        response.ok ? (response.json() as Promise<unknown>) : Promise.reject(new Error(String(response.status))),
      )
      .then(
        (list) =>
          setValue({
            departments: Array.isArray(list) ? inRegistryOrder(list.filter(isWebDepartment)) : [],
            failed: !Array.isArray(list),
          }),
        () => setValue({ departments: [], failed: true }),
      );
  }, []);
  return value ? <DepartmentsContext.Provider value={value}>{children}</DepartmentsContext.Provider> : null;
}

export function useDepartments(): DepartmentsValue {
  return useContext(DepartmentsContext);
}

/** Placeholder fragments a document spreads where each department's fields go (see withDepartmentFields). */
const PLACEHOLDERS = {
  planSections: /fragment DepartmentSections on OnePlan \{\s*__typename\s*\}/,
  citizenCases: /fragment DepartmentCases on Citizen \{\s*__typename\s*\}/,
  ownCase: /fragment OwnDepartmentCase on Citizen \{\s*__typename\s*\}/,
};
const CASE_SELECTION = '{ kind status openedOn caseworker { name } citizenName }';

/** Where the caseworker's own department's case goes (its `citizenName`): filled in by useOwnCaseDocument. */
export const OwnDepartmentCase = graphql(`
  fragment OwnDepartmentCase on Citizen {
    __typename
  }
`);

/** The caseworker's own department's `Citizen` field for its case, if it has one. */
export function useOwnCaseField(): string | undefined {
  const { departments } = useDepartments();
  const { user } = useSignedIn();
  return departments.find((d) => d.code === user.department)?.citizenCase;
}

/**
 * A query with the caseworker's own department's case (only the citizen's name) in place of the
 * placeholder fragment `OwnDepartmentCase`. Only the own department is asked: no other department
 * is fetched, so nothing is disclosed or logged, and whether another department knows the citizen
 * stays unsaid (rule 6).
 */
export function useOwnCaseDocument<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
): TypedDocumentString<TResult, TVariables> {
  const field = useOwnCaseField();
  return useMemo(
    () =>
      new TypedDocumentString<TResult, TVariables>(
        document
          .toString()
          .replace(
            PLACEHOLDERS.ownCase,
            `fragment OwnDepartmentCase on Citizen { __typename ${field ? `${field} { citizenName }` : ''} }`,
          ),
      ),
    [document, field],
  );
}

/** A department's case about the citizen, which the query holds under the department's own field. */
export function caseOf(citizen: object, field: string | undefined): CaseSummary | null | undefined {
  return field ? (citizen as Record<string, CaseSummary | null | undefined>)[field] : undefined;
}

/**
 * A query with each department's fields in place of the placeholder fragments `DepartmentSections`
 * (on OnePlan: every plan section, with `sectionFields`) and `DepartmentCases` (on Citizen: every
 * case). Fields keep their own names, so errors come at the paths they always had.
 */
export function withDepartmentFields<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  departments: readonly WebDepartment[],
  sectionFields: TypedDocumentString<unknown, unknown>,
): TypedDocumentString<TResult, TVariables> {
  const sections = departments.flatMap((d) => (d.planSection ? [`${d.planSection} { ...SectionFields }`] : []));
  const cases = departments.flatMap((d) => (d.citizenCase ? [`${d.citizenCase} ${CASE_SELECTION}`] : []));
  let text = document
    .toString()
    .replace(PLACEHOLDERS.planSections, `fragment DepartmentSections on OnePlan { __typename ${sections.join(' ')} }`)
    .replace(PLACEHOLDERS.citizenCases, `fragment DepartmentCases on Citizen { __typename ${cases.join(' ')} }`);
  if (sections.length && !text.includes('fragment SectionFields on')) text += `\n${sectionFields.toString()}`;
  return new TypedDocumentString<TResult, TVariables>(text);
}
