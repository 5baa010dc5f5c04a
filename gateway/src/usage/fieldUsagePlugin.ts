import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { FieldUsageCounter } from './FieldUsageCounter';
import { usedFields } from './usedFields';

/**
 * Counts, per operation name, the fields each resolved operation asks for (FieldUsageCounter), so
 * that `schema:check --usage` can say whether a field is still used. After validation: an operation
 * the schema refuses asks for nothing. A document's fields are worked out once (the pricing stage
 * hands Apollo the same parsed document for the same text).
 */
export function fieldUsagePlugin(counter: FieldUsageCounter): ApolloServerPlugin {
  const fieldsOf = new WeakMap<DocumentNode, Map<OperationDefinitionNode, readonly string[]>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, schema }) {
          if (!operation) return;
          let byOperation = fieldsOf.get(document);
          if (!byOperation) fieldsOf.set(document, (byOperation = new Map()));
          let fields = byOperation.get(operation);
          if (!fields) byOperation.set(operation, (fields = [...usedFields(schema, document, operation)]));
          counter.record(operationName ?? undefined, fields);
        },
      };
    },
  };
}
