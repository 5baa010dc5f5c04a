import type { ApolloServerPlugin } from '@apollo/server';
import {
  errors,
  powerForField,
  REPRESENTED_ROOT_TYPES,
  type AccessLogInput,
  type CategoryClassifier,
  type ConsentClient,
  type DataCategory,
  type Power,
} from '@enplan/lib';
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';

/** What an operation asks of a representative: the powers it needs, the fields no power allows, the categories it reads. */
export interface RepresentedNeeds {
  powers: Set<Power>;
  never: string[];
  categories: Set<DataCategory>;
}

/** Pure: the fields of the operation (its fragments included) that are the citizen's, and what they need. */
export function representedNeeds(
  schema: GraphQLSchema,
  document: DocumentNode,
  classifier: CategoryClassifier,
): RepresentedNeeds {
  const needs: RepresentedNeeds = { powers: new Set(), never: [], categories: new Set() };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = node.name.value;
        if (!parent || field.startsWith('__')) return;
        const category = classifier.field(parent.name, field)?.category;
        if (category) needs.categories.add(category);
        if (!REPRESENTED_ROOT_TYPES.has(parent.name)) return;
        const power = powerForField(parent.name, field, category !== undefined);
        if (power === 'never') needs.never.push(`${parent.name}.${field}`);
        else if (power) needs.powers.add(power);
      },
    }),
  );
  return needs;
}

/**
 * One policy path for representatives (docs/design.md rule 13): the request is the citizen's (the
 * actor is the citizen, see ActFor.ts), and this stage, before anything is fetched, refuses what the
 * granted powers do not cover, and records every act in the citizen's access log as "X on behalf
 * of Y", refused ones too. If the record cannot be written, nothing is done (rule 5).
 */
export function representedPowers(
  classifier: CategoryClassifier,
  consentClient: ConsentClient,
): ApolloServerPlugin<GatewayContext> {
  const analysed = new WeakMap<OperationDefinitionNode, RepresentedNeeds>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          const { actor } = contextValue;
          if (actor.role !== 'CITIZEN' || !actor.representation || !operation) return;
          let needs = analysed.get(operation);
          if (!needs) {
            needs = representedNeeds(schema, document, classifier);
            analysed.set(operation, needs);
          }
          const granted = actor.representation.powers;
          const missing = [...needs.powers].filter((p) => !granted.includes(p));
          const refused = needs.never.length > 0 || missing.length > 0;
          const entry: AccessLogInput = {
            actorId: actor.id,
            actorName: actor.name,
            actorDepartment: null,
            cpr: actor.cpr,
            ownerDepartment: null,
            categories: [...needs.categories].sort(),
            purpose: 'ONE_PLAN',
            decision: refused ? 'DENIED' : 'DISCLOSED',
            kind: operation.operation === 'mutation' ? 'CHANGE' : 'READ',
            consentId: null,
            operationName: contextValue.operationName ?? operation.name?.value ?? null,
            reason: refused
              ? `representative (${actor.representation.powerId}) refused: ${[...missing, ...needs.never].join(', ')}`
              : `representative (${actor.representation.powerId}): ${[...needs.powers].sort().join(', ') || 'no power needed'}`,
          };
          try {
            await consentClient.writeAccessLog([entry]);
          } catch {
            throw errors.representationUnavailable();
          }
          if (refused)
            throw errors.forbidden(
              `Your power of representation does not cover this: ${[...missing, ...needs.never.map((f) => `${f} (not for representatives)`)].join(', ')}.`,
            );
        },
      };
    },
  };
}
