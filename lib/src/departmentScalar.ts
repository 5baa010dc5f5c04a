import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { departmentCodes } from './registry';

function department(value: unknown): string {
  if (typeof value === 'string' && departmentCodes().includes(value)) return value;
  throw new GraphQLError(
    `Not a department of this federation: ${JSON.stringify(value)}. Known: ${departmentCodes().join(', ')}.`,
  );
}

/**
 * The `Department` scalar of every subgraph: a department code of the registry. Input may be a
 * string or, as when `Department` was an enum, a bare name (`ownerDepartments: [SOCIAL]`).
 */
export const DepartmentScalar = new GraphQLScalarType({
  name: 'Department',
  description: 'A department code of the federation registry, e.g. "EMPLOYMENT".',
  serialize: department,
  parseValue: department,
  parseLiteral: (node) => department(node.kind === Kind.STRING || node.kind === Kind.ENUM ? node.value : undefined),
});
