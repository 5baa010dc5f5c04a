import type { ApolloServerPlugin } from '@apollo/server';
import { errors } from '@enplan/lib';
import {
  getNamedType,
  isInputObjectType,
  isListType,
  isInputType,
  isNonNullType,
  typeFromAST,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** The scalar every subgraph names departments with (lib/src/departmentScalar.ts). */
const DEPARTMENT_SCALAR = 'Department';

/** Where an operation names departments: the literal values, and the variables whose type can hold one. */
interface DepartmentInputs {
  literals: string[];
  variables: Array<{ name: string; type: GraphQLInputType }>;
}

/**
 * A client naming a department the federation does not have (a typo, or a subgraph's name for its code) gets
 * `BAD_USER_INPUT` naming the known codes, before anything is fetched. The gateway's copy of the
 * `Department` scalar passes any string on (custom scalars are opaque to @apollo/gateway), and the
 * subgraph's refusal would reach the client as `DEPARTMENT_UNAVAILABLE`: a client's mistake
 * reported as an outage, and nothing recorded.
 *
 * `departments`: the codes the supergraph's departments declare. Checked in `didResolveOperation`,
 * like the operation limits (operationLimits.ts), so the error keeps its HTTP 400.
 */
export function departmentInput(departments: readonly string[]): ApolloServerPlugin {
  const known = new Set([...departments].sort());
  const refuse = (value: unknown) =>
    errors.badUserInput(`Not a department of this federation: ${JSON.stringify(value)}. Known: ${[...known].join(', ')}.`, {
      http: { status: 400 },
    });
  // The same parsed document comes back for a repeated query: each operation is looked at once.
  const found = new WeakMap<OperationDefinitionNode, DepartmentInputs>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          let inputs = found.get(operation);
          if (!inputs) {
            inputs = departmentInputs(schema, document, operation);
            found.set(operation, inputs);
          }
          const literal = inputs.literals.find((value) => !known.has(value));
          if (literal !== undefined) throw refuse(literal);
          for (const { name, type } of inputs.variables) {
            const unknown = unknownDepartment(type, request.variables?.[name], known);
            if (unknown !== undefined) throw refuse(unknown.value);
          }
        },
      };
    },
  };
}

function departmentInputs(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): DepartmentInputs {
  const literals: string[] = [];
  const typeInfo = new TypeInfo(schema);
  const atDepartment = () => getNamedType(typeInfo.getInputType())?.name === DEPARTMENT_SCALAR;
  // Fragments too: a literal in a fragment the operation spreads names a department all the same.
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue: (node) => void (atDepartment() && literals.push(node.value)),
      EnumValue: (node) => void (atDepartment() && literals.push(node.value)),
    }),
  );
  const variables = (operation.variableDefinitions ?? []).flatMap((definition) => {
    const type = typeFromAST(schema, definition.type);
    return isInputType(type) && mayHoldDepartment(type, new Set()) ? [{ name: definition.variable.name.value, type }] : [];
  });
  return { literals, variables };
}

function mayHoldDepartment(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (named.name === DEPARTMENT_SCALAR) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => mayHoldDepartment(field.type, seen));
}

/** The first value in a variable that sits where a department goes and is not one; undefined when all are. */
function unknownDepartment(type: GraphQLInputType, value: unknown, known: ReadonlySet<string>): { value: unknown } | undefined {
  if (value === undefined || value === null) return undefined;
  if (isNonNullType(type)) return unknownDepartment(type.ofType, value, known);
  if (isListType(type)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const unknown = unknownDepartment(type.ofType, item, known);
      if (unknown) return unknown;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return undefined; // the wrong shape is GraphQL's own error
    for (const field of Object.values(type.getFields())) {
      const unknown = unknownDepartment(field.type, (value as Record<string, unknown>)[field.name], known);
      if (unknown) return unknown;
    }
    return undefined;
  }
  return type.name === DEPARTMENT_SCALAR && !(typeof value === 'string' && known.has(value)) ? { value } : undefined;
}
