import type { AccessKind } from '@enplan/lib';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The fields of the joint plan a caseload or other list shows: that there is a plan, its status,
 * who coordinates it and when the next meeting is. Reading only these is an overview of the plan.
 */
const OVERVIEW_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'version',
  'status',
  'coordinatingCaseworker',
  'nextJointMeeting',
  'nextFollowUp',
  'createdAt',
]);

/** The field names selected directly in `selectionSet`, through inline and named fragments. */
function selectedFields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): string[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectedFields(selection.selectionSet, info);
    return selectedFields(info.fragments[selection.name.value]?.selectionSet, info);
  });
}

/**
 * What reading `OnePlan.joint` with this selection discloses, for the access log: an `OVERVIEW` when
 * every field asked for is one a list shows, else a `READ` of the plan. Derived from the fields the
 * query selects, so a client cannot make a read look like an overview by naming its operation.
 */
export function jointPlanAccessKind(info: GraphQLResolveInfo): AccessKind {
  const fields = info.fieldNodes.flatMap((node) => selectedFields(node.selectionSet, info));
  return fields.every((field) => OVERVIEW_FIELDS.has(field)) ? 'OVERVIEW' : 'READ';
}
