import type { ApolloServerPlugin } from '@apollo/server';
import { countRefusal, errors } from '@enplan/lib';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Limits on the shape of one GraphQL operation. Each is inclusive: a value equal to the limit passes. */
export interface OperationLimitsOptions {
  /**
   * Deepest field nesting. Root fields are depth 1, so `{ citizen { cpr } }` has depth 2.
   * Fragment spreads and inline fragments add no depth of their own; their fields count where spread.
   * Inside introspection `ofType` adds none either (see `measureOperation`).
   * @default 12
   */
  maxQueryDepth?: number;
  /** Aliased fields in the operation as executed (a fragment spread twice counts twice). @default 30 */
  maxAliases?: number;
  /** Directives in the operation as executed, wherever they stand (a fragment spread twice counts twice). @default 50 */
  maxDirectives?: number;
}

export const DEFAULT_OPERATION_LIMITS: Readonly<Required<OperationLimitsOptions>> = Object.freeze({
  maxQueryDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
});

interface Measures {
  /** `Infinity` when fragments spread each other in a cycle. */
  depth: number;
  aliases: number;
  directives: number;
  /** A fragment that spreads itself, directly or through others. */
  cycle?: string;
}

/**
 * Rejects operations deeper, more aliased or more directive-laden than the limits with
 * `BAD_USER_INPUT` and HTTP 400 before anything is executed.
 *
 * The checks run in `didResolveOperation`: it is the one hook before execution whose thrown
 * `GraphQLError` Apollo Server turns into a response with the error's own HTTP status; one thrown
 * from `didResolveSource` or `validationDidStart` becomes a masked 500. What can be refused before
 * parsing (query length, bracket nesting, tokens) is refused earlier, by the pricing stage
 * (pricing/RequestPricing.ts), which also bounds the recursion of the measuring here.
 */
export function operationLimits(options: OperationLimitsOptions = {}): ApolloServerPlugin {
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...definedOnly(options) };
  // Apollo Server's document store hands back the same parsed document for a repeated query,
  // so each operation is measured once.
  const measured = new WeakMap<OperationDefinitionNode, Measures>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          // No operation by that name: Apollo Server refuses the request itself, with nothing to measure.
          if (!operation) return;
          let measures = measured.get(operation);
          if (!measures) {
            measures = measureOperation(document, operation);
            measured.set(operation, measures);
          }
          if (measures.cycle !== undefined) {
            throw violation(
              'depth',
              `Query depth is unbounded (fragment ${measures.cycle} spreads itself) and exceeds the limit of ${limits.maxQueryDepth}.`,
            );
          }
          if (measures.depth > limits.maxQueryDepth) {
            throw violation('depth', `Query depth ${measures.depth} exceeds the limit of ${limits.maxQueryDepth}.`);
          }
          if (measures.aliases > limits.maxAliases) {
            throw violation('aliases', `Alias count ${measures.aliases} exceeds the limit of ${limits.maxAliases}.`);
          }
          if (measures.directives > limits.maxDirectives) {
            throw violation('directives', `Directive count ${measures.directives} exceeds the limit of ${limits.maxDirectives}.`);
          }
        },
      };
    },
  };
}

function violation(limit: 'query_length' | 'depth' | 'aliases' | 'directives', message: string): GraphQLError {
  countRefusal(limit);
  return errors.badUserInput(message, { http: { status: 400 } });
}

function definedOnly(options: OperationLimitsOptions): OperationLimitsOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** Root fields that answer from the schema itself rather than from any department's data. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

const NOTHING: Measures = Object.freeze({ depth: 0, aliases: 0, directives: 0 });

/** Where a selection set stands: the operation's root, inside `__schema`/`__type`, or in data. */
type Place = 'root' | 'introspection' | 'data';

/**
 * Depth, aliases and directives of one operation with its fragments expanded. Each fragment is
 * measured once and its figures reused wherever it is spread, so a chain of fragments that each
 * spread the next twice costs linear time, not exponential. A fragment that spreads itself
 * (directly or through others) is invalid GraphQL and normally refused by validation; with
 * validation off it would execute without end, so it is reported as a cycle, not followed.
 *
 * Inside introspection, `ofType` adds no depth: it leads to one type, never a list, so a chain of
 * them costs work linear in the query's length (bounded by the parser's token limit). Without this the
 * standard introspection query (`ofType` nested seven deep) measures 15 and tools that read the
 * schema in development would be refused. Fields that fan out (`types`, `fields`, `type`, …)
 * still count, so introspection cannot be used to walk the schema without limit.
 */
function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): Measures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment measures differently at the root, inside introspection and elsewhere: memo per place.
  const fragmentMeasures = new Map<string, Measures>();
  const onPath = new Set<string>();
  let cycle: string | undefined;

  function measureFragment(name: string, place: Place): Measures {
    const key = `${place}:${name}`;
    const known = fragmentMeasures.get(key);
    if (known) return known;
    if (onPath.has(name)) {
      cycle ??= name;
      return { depth: Infinity, aliases: 0, directives: 0 };
    }
    const fragment = fragments.get(name);
    // An unknown fragment is a validation error; execution would fail on it, not recurse.
    if (!fragment) return NOTHING;
    onPath.add(name);
    const inner = measureSelections(fragment.selectionSet, place);
    onPath.delete(name);
    const result = { ...inner, directives: inner.directives + (fragment.directives?.length ?? 0) };
    fragmentMeasures.set(key, result);
    return result;
  }

  /** Depth here is that of the deepest field within the selection set, relative to it. */
  function measureSelections(selectionSet: SelectionSetNode, place: Place): Measures {
    const total: Measures = { depth: 0, aliases: 0, directives: 0 };
    for (const selection of selectionSet.selections) {
      total.directives += selection.directives?.length ?? 0;
      let inner: Measures;
      switch (selection.kind) {
        case Kind.FIELD: {
          if (selection.alias) total.aliases += 1;
          const name = selection.name.value;
          const introspection = place === 'introspection' || (place === 'root' && INTROSPECTION_ROOTS.has(name));
          inner = selection.selectionSet
            ? measureSelections(selection.selectionSet, introspection ? 'introspection' : 'data')
            : NOTHING;
          inner = { ...inner, depth: inner.depth + (introspection && name === 'ofType' ? 0 : 1) };
          break;
        }
        case Kind.INLINE_FRAGMENT:
          inner = measureSelections(selection.selectionSet, place);
          break;
        case Kind.FRAGMENT_SPREAD:
          inner = measureFragment(selection.name.value, place);
          break;
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.directives += inner.directives;
    }
    return total;
  }

  const body = measureSelections(operation.selectionSet, 'root');
  const variableDirectives = (operation.variableDefinitions ?? []).reduce((n, v) => n + (v.directives?.length ?? 0), 0);
  return {
    depth: body.depth,
    aliases: body.aliases,
    directives: body.directives + (operation.directives?.length ?? 0) + variableDirectives,
    ...(cycle !== undefined && { cycle }),
  };
}
