import { Kind, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { VerifiedAssertion } from '../assertion';
import type { CoverageVerdict, Disclosure } from './coverageCheck';
import { FINDER_ISSUER, FINDING_FIELD } from '../findingField';

/** True when the operation names the finding field anywhere (fragments included), at any depth. */
export function selectsFindingField(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, { selectionSet: SelectionSetNode }>,
): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === FINDING_FIELD || (s.selectionSet !== undefined && visit(s.selectionSet));
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      return fragment !== undefined && visit(fragment.selectionSet);
    });
  return visit(operation.selectionSet);
}

/** `... on Citizen { activeCaseHere }` and nothing else (`__typename` aside). */
function onlyTheQuestion(set: SelectionSetNode | undefined): boolean {
  const [only, ...more] = set?.selections ?? [];
  if (!only || more.length > 0 || only.kind !== Kind.INLINE_FRAGMENT || only.typeCondition?.name.value !== 'Citizen')
    return false;
  const fields = only.selectionSet.selections.filter((s) => !(s.kind === Kind.FIELD && s.name.value === '__typename'));
  return fields.length === 1 && fields[0]!.kind === Kind.FIELD && fields[0]!.name.value === FINDING_FIELD && !fields[0]!.alias;
}

/**
 * A department's check of a call that selects the finding field, instead of `checkCoverage`: only
 * the finder, acting as itself, may ask it, and only it: a query of `_entities` over citizens
 * selecting that one field. A caseworker of any department (their own included), a citizen, an
 * auditor, or the finder asking anything more is refused. Each answer is recorded in the
 * department's disclosure log (categories CASE, no consent: the basis is the municipality's
 * configured legal basis, recorded in the citizen's access log by the finder). Pure.
 */
export function checkFindingCall(input: {
  operation: OperationDefinitionNode;
  variables: Readonly<Record<string, unknown>> | undefined;
  assertion: VerifiedAssertion;
}): CoverageVerdict {
  const { operation, variables, assertion } = input;
  const { actor } = assertion;
  if (assertion.issuer !== FINDER_ISSUER || actor.role !== 'SERVICE' || actor.id !== FINDER_ISSUER)
    return { ok: false, reason: `only the candidate finder may ask ${FINDING_FIELD}` };
  const roots = operation.selectionSet.selections;
  if (operation.operation !== 'query' || roots.length === 0)
    return { ok: false, reason: `${FINDING_FIELD} is asked in a query of its own` };
  const disclosures: Disclosure[] = [];
  for (const root of roots) {
    if (root.kind !== Kind.FIELD || root.name.value !== '_entities' || !onlyTheQuestion(root.selectionSet))
      return { ok: false, reason: `${FINDING_FIELD} is never asked together with anything else` };
    const field = root.alias?.value ?? root.name.value;
    const representations = representationsOf(root, variables);
    if (!representations) return { ok: false, reason: 'no representations' };
    for (const [index, rep] of representations.entries()) {
      const { __typename: typename, cpr } = (rep ?? {}) as { __typename?: unknown; cpr?: unknown };
      if (typename !== 'Citizen' || typeof cpr !== 'string')
        return { ok: false, reason: `representation ${index} is not a citizen` };
      disclosures.push({ field, index, cpr, typename, categories: ['CASE'], consentId: null });
    }
  }
  return { ok: true, disclosures };
}

function representationsOf(entities: FieldNode, variables: Readonly<Record<string, unknown>> | undefined): unknown[] | undefined {
  const argument = entities.arguments?.find((a) => a.name.value === 'representations');
  const value = argument && valueFromASTUntyped(argument.value, variables as Record<string, unknown> | undefined);
  return Array.isArray(value) ? value : undefined;
}
