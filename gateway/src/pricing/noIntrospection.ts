import { ApolloServerValidationErrorCode } from '@apollo/server/errors';
import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Production refuses introspection, the schema is not for an attacker to map. Apollo Server's own
 * rule (`introspection: false`) would apply only where Apollo Server validates, and documents the
 * pricing stage validated skip that (OperationDocuments.ts): this rule is in the one list both use.
 * Like Apollo Server's, one error per `__schema` or `__type` field.
 */
export const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return;
    context.reportError(
      new GraphQLError(`Introspection is off in production; the operation asks for ${node.name.value}.`, {
        nodes: [node],
        extensions: { validationErrorCode: ApolloServerValidationErrorCode.INTROSPECTION_DISABLED },
      }),
    );
  },
});
