import { ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';

/** One difference between the committed and the proposed API schema, as @graphql-inspector/core classifies it. */
export interface SchemaChange {
  /** BREAKING fails the check; DANGEROUS is a warning (e.g. a new enum value a client may not handle). */
  criticality: CriticalityLevel;
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  message: string;
  /** Schema coordinate of what changed, e.g. `EmploymentCase.kind`. */
  path?: string;
  /** For a removed field (`FIELD_REMOVED`): whether it was `@deprecated`, so usage may say it can go (usageStep.ts). */
  deprecated?: boolean;
}

/** Classifies every change of the API schema, most critical first, so a report leads with what fails. */
export async function diffApiSchemas(committed: GraphQLSchema, proposed: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(committed, proposed);
  return changes
    .map(({ criticality, type, message, path, meta }) => ({
      criticality: criticality.level,
      type,
      message,
      path,
      ...(type === ChangeType.FieldRemoved && { deprecated: Boolean(meta.isRemovedFieldDeprecated) }),
    }))
    .sort((a, b) => CRITICALITY_ORDER.indexOf(a.criticality) - CRITICALITY_ORDER.indexOf(b.criticality));
}

const CRITICALITY_ORDER: readonly CriticalityLevel[] = [
  CriticalityLevel.Breaking,
  CriticalityLevel.Dangerous,
  CriticalityLevel.NonBreaking,
];
