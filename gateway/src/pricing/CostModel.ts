import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
  type ValueNode,
} from 'graphql';

/** Identity of the cost spec (Federation 2.9's `@cost` and `@listSize`, after IBM's GraphQL cost directive spec). */
const COST_SPEC_IDENTITY = 'https://specs.apollo.dev/cost';

interface ArgumentInfo {
  /** The argument is a list of IDs: a lookup by key, asking for one object per element. */
  idList: boolean;
  defaultValue: ConstValueNode | undefined;
  weight: number;
}

interface FieldCost {
  returnType: string;
  list: boolean;
  /** The field's own `@cost(weight:)`. */
  weight: number | undefined;
  listSize: { assumedSize: number | undefined; slicingArguments: readonly string[] } | undefined;
  args: ReadonlyMap<string, ArgumentInfo>;
}

export interface CostModelOptions {
  /** Assumed length of a list whose field has no `@listSize`. */
  defaultListSize: number;
}

function unwrap(type: TypeNode): { name: string; list: boolean } {
  if (type.kind === Kind.NAMED_TYPE) return { name: type.name.value, list: false };
  const inner = unwrap(type.type);
  return { name: inner.name, list: inner.list || type.kind === Kind.LIST_TYPE };
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function intArgument(directive: ConstDirectiveNode | undefined, name: string): number | undefined {
  const value = directive && argument(directive, name);
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}

/** The local names `@cost` and `@listSize` have in a supergraph: imported as is, renamed, or prefixed (`cost__cost`). */
function costDirectiveNames(document: DocumentNode): { cost: string; listSize: string } {
  const names = { cost: 'cost__cost', listSize: 'cost__listSize' };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const url = argument(link, 'url');
      if (link.name.value !== 'link' || url?.kind !== Kind.STRING || !url.value.startsWith(COST_SPEC_IDENTITY + '/')) continue;
      const imports = argument(link, 'import');
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (item.kind === Kind.STRING && (item.value === '@cost' || item.value === '@listSize')) {
          names[item.value === '@cost' ? 'cost' : 'listSize'] = item.value.slice(1);
        } else if (item.kind === Kind.OBJECT) {
          const field = (n: string) => item.fields.find((f) => f.name.value === n)?.value;
          const name = field('name');
          const as = field('as');
          if (name?.kind === Kind.STRING && as?.kind === Kind.STRING && (name.value === '@cost' || name.value === '@listSize')) {
            names[name.value === '@cost' ? 'cost' : 'listSize'] = as.value.replace(/^@/, '');
          }
        }
      }
    }
  }
  return names;
}

/**
 * The static price of an operation, read from the supergraph's `@cost` and `@listSize` directives
 * in the manner of IBM's GraphQL cost directive spec and Apollo Router's demand control:
 *
 * - every object (or interface, union) a field returns costs 1, a scalar or enum 0, unless
 *   `@cost(weight:)` on the field or its type says otherwise; an argument's `@cost` is added once;
 * - a list multiplies its element's cost (the element itself and its selections) by its size: the
 *   value of a `slicingArguments` argument (given, or its default), else `assumedSize`, else the
 *   configured default. A list of IDs given to the field (`citizens(cprs:)`) is a lookup by key and
 *   sizes the result by its length, never above `assumedSize` (the Federation cost spec only lets
 *   an `Int` be a slicing argument);
 * - a fragment costs what its fields cost each time it is spread (measured once, reused).
 *
 * Nothing is executed or validated: a document that validation would refuse is priced as well as
 * it can be (unknown fields cost nothing) and refused later by Apollo Server.
 */
export class CostModel {
  private readonly fields = new Map<string, Map<string, FieldCost>>();
  private readonly typeWeights = new Map<string, number>();
  private readonly compositeTypes = new Set<string>();
  private readonly rootTypes: Record<'query' | 'mutation' | 'subscription', string> = {
    query: 'Query',
    mutation: 'Mutation',
    subscription: 'Subscription',
  };

  constructor(
    supergraphSdl: string,
    private readonly options: CostModelOptions,
  ) {
    const document = parse(supergraphSdl);
    const names = costDirectiveNames(document);
    const directive = (node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: string) =>
      node.directives?.find((d) => d.name.value === name);
    for (const definition of document.definitions) {
      switch (definition.kind) {
        case Kind.SCHEMA_DEFINITION:
          for (const { operation, type } of definition.operationTypes) this.rootTypes[operation] = type.name.value;
          break;
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.OBJECT_TYPE_EXTENSION:
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_EXTENSION: {
          this.compositeTypes.add(definition.name.value);
          const weight = intArgument(directive(definition, names.cost), 'weight');
          if (weight !== undefined) this.typeWeights.set(definition.name.value, weight);
          const fields = this.fields.get(definition.name.value) ?? new Map<string, FieldCost>();
          for (const field of definition.fields ?? []) fields.set(field.name.value, this.fieldCost(field, names, directive));
          this.fields.set(definition.name.value, fields);
          break;
        }
        case Kind.UNION_TYPE_DEFINITION:
          this.compositeTypes.add(definition.name.value);
          break;
        case Kind.SCALAR_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_DEFINITION: {
          const weight = intArgument(directive(definition, names.cost), 'weight');
          if (weight !== undefined) this.typeWeights.set(definition.name.value, weight);
          break;
        }
        default:
          break;
      }
    }
  }

  private fieldCost(
    field: FieldDefinitionNode,
    names: { cost: string; listSize: string },
    directive: (node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: string) => ConstDirectiveNode | undefined,
  ): FieldCost {
    const { name: returnType, list } = unwrap(field.type);
    const listSize = directive(field, names.listSize);
    const slicing = listSize && argument(listSize, 'slicingArguments');
    return {
      returnType,
      list,
      weight: intArgument(directive(field, names.cost), 'weight'),
      listSize: listSize && {
        assumedSize: intArgument(listSize, 'assumedSize'),
        slicingArguments:
          slicing?.kind === Kind.LIST ? slicing.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [],
      },
      args: new Map(
        (field.arguments ?? []).map((arg) => {
          const type = unwrap(arg.type);
          return [
            arg.name.value,
            {
              idList: type.list && type.name === 'ID',
              defaultValue: arg.defaultValue,
              weight: intArgument(directive(arg, names.cost), 'weight') ?? 0,
            },
          ];
        }),
      ),
    };
  }

  /**
   * The estimated cost of the operation `operationName` (or the document's only one) with these
   * variables; 0 when there is no such operation (Apollo Server refuses the request itself).
   */
  estimate(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Readonly<Record<string, unknown>>,
  ): number {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName
      ? operations.find((o) => o.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
    if (!operation) return 0;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentCosts = new Map<string, number>();
    const onPath = new Set<string>();
    // A variable the client left out takes its default from the operation (`$first: Int = 100`).
    const variableDefaults = new Map(
      (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue] as const),
    );

    const valueOf = (node: ValueNode | undefined): unknown => {
      if (!node) return undefined;
      switch (node.kind) {
        case Kind.VARIABLE:
          return variables[node.name.value] ?? valueOf(variableDefaults.get(node.name.value));
        case Kind.INT:
          return Number(node.value);
        case Kind.LIST:
          return node.values;
        default:
          return undefined;
      }
    };

    const listSize = (field: FieldCost, given: ReadonlyMap<string, ValueNode>): number => {
      const assumed = field.listSize?.assumedSize;
      const slices = (field.listSize?.slicingArguments ?? [])
        .map((name) => valueOf(given.get(name)) ?? valueOf(field.args.get(name)?.defaultValue))
        .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (slices.length > 0) return Math.max(0, ...slices);
      for (const [name, info] of field.args) {
        const value = info.idList ? valueOf(given.get(name)) : undefined;
        if (Array.isArray(value)) return assumed === undefined ? value.length : Math.min(value.length, assumed);
      }
      return assumed ?? this.options.defaultListSize;
    };

    const selectionsCost = (selectionSet: SelectionSetNode, parentType: string): number => {
      let total = 0;
      for (const selection of selectionSet.selections) {
        switch (selection.kind) {
          case Kind.FIELD: {
            const field = this.fields.get(parentType)?.get(selection.name.value);
            if (!field) break;
            const given = new Map((selection.arguments ?? []).map((a) => [a.name.value, a.value] as const));
            const own =
              field.weight ?? this.typeWeights.get(field.returnType) ?? (this.compositeTypes.has(field.returnType) ? 1 : 0);
            const inner = selection.selectionSet ? selectionsCost(selection.selectionSet, field.returnType) : 0;
            const argumentsCost = [...given.keys()].reduce((sum, name) => sum + (field.args.get(name)?.weight ?? 0), 0);
            total += (field.list ? listSize(field, given) : 1) * (own + inner) + argumentsCost;
            break;
          }
          case Kind.INLINE_FRAGMENT:
            total += selectionsCost(selection.selectionSet, selection.typeCondition?.name.value ?? parentType);
            break;
          case Kind.FRAGMENT_SPREAD: {
            const name = selection.name.value;
            const fragment = fragments.get(name);
            // An unknown or cyclic fragment is a validation error: Apollo Server refuses the document.
            if (!fragment || onPath.has(name)) break;
            let cost = fragmentCosts.get(name);
            if (cost === undefined) {
              onPath.add(name);
              cost = selectionsCost(fragment.selectionSet, fragment.typeCondition.name.value);
              onPath.delete(name);
              fragmentCosts.set(name, cost);
            }
            total += cost;
            break;
          }
        }
      }
      return total;
    };

    return selectionsCost(operation.selectionSet, this.rootTypes[operation.operation]);
  }
}
