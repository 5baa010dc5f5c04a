import type { CategoryClassifier, DataCategory } from '@enplan/lib/core';
import {
  Kind,
  parse,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';

/** What a field without a declared category needs: no consent can cover it, so it is never shared. */
export const UNCLASSIFIED = 'UNCLASSIFIED';
export type Requirement = DataCategory | typeof UNCLASSIFIED;

/** A field left out of a fetch, by its response path below the entity, with what it would have needed. */
export interface DeniedField {
  path: readonly string[];
  missing: readonly Requirement[];
}

/** The fetch to send for one entity type under one set of allowed categories. */
export interface PrunedType {
  /** False when nothing but `__typename` and key fields is left: the entity is not sent at all. */
  sendable: boolean;
  /** Categories of the fields that will be fetched (and so disclosed), sorted: for the access log. */
  disclosed: readonly DataCategory[];
  /** Categories the denied fields would have needed, sorted: for the access log. */
  deniedCategories: readonly DataCategory[];
  denied: readonly DeniedField[];
}

const sortedCategories = (requirements: Iterable<Requirement>): DataCategory[] =>
  [...new Set(requirements)].filter((r): r is DataCategory => r !== UNCLASSIFIED).sort();

export interface PrunedFetch {
  /** The subgraph operation with the denied fields removed. */
  query: string;
  byType: ReadonlyMap<string, PrunedType>;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

function expandFragments(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): SelectionSetNode {
  const selections = set.selections.map((selection): SelectionNode => {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (!fragment) throw new Error(`unknown fragment ${selection.name.value}`);
      return {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: fragment.typeCondition,
        directives: selection.directives,
        selectionSet: expandFragments(fragment.selectionSet, fragments),
      };
    }
    if (selection.selectionSet) return { ...selection, selectionSet: expandFragments(selection.selectionSet, fragments) };
    return selection;
  });
  return { ...set, selections };
}

/**
 * A subgraph operation as the query planner sent it, ready to be pruned per set of allowed
 * categories. Entity fetches (`_entities(representations:)`) can be pruned per citizen; any other
 * operation (a root field of a department) can only be sent whole or not at all.
 */
export class EntityFetch {
  readonly isEntityFetch: boolean;
  private readonly operation: OperationDefinitionNode;
  private readonly entitiesField: FieldNode | undefined;
  private readonly pruned = new Map<string, PrunedFetch>();

  constructor(
    readonly query: string,
    private readonly index: CategoryClassifier,
  ) {
    const document = parse(query);
    const fragments = new Map<string, FragmentDefinitionNode>();
    let operation: OperationDefinitionNode | undefined;
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      if (definition.kind === Kind.OPERATION_DEFINITION) operation = definition;
    }
    if (!operation) throw new Error('subgraph fetch without an operation');
    this.operation = { ...operation, selectionSet: expandFragments(operation.selectionSet, fragments) };
    const roots = this.operation.selectionSet.selections;
    const only = roots.length === 1 ? roots[0] : undefined;
    this.isEntityFetch = only?.kind === Kind.FIELD && only.name.value === '_entities';
    this.entitiesField = this.isEntityFetch ? (only as FieldNode) : undefined;
  }

  /** The fetch for one set of allowed categories; memoised, since plans and consents repeat. */
  prune(allowed: ReadonlySet<Requirement>, allowedKey: string): PrunedFetch {
    let result = this.pruned.get(allowedKey);
    if (!result) {
      result = this.computePruned(allowed);
      this.pruned.set(allowedKey, result);
    }
    return result;
  }

  private computePruned(allowed: ReadonlySet<Requirement>): PrunedFetch {
    const entities = this.entitiesField;
    if (!entities?.selectionSet) throw new Error('only entity fetches can be pruned');
    const byType = new Map<string, PrunedType>();
    const selections: SelectionNode[] = [];
    for (const selection of entities.selectionSet.selections) {
      if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) {
        selections.push(selection);
        continue;
      }
      const typeName = selection.typeCondition.name.value;
      const disclosed = new Set<Requirement>();
      const denied: DeniedField[] = [];
      const set = this.pruneSet(selection.selectionSet, typeName, allowed, [], denied, disclosed, true);
      const sendable = set.selections.some(
        (s) => s.kind !== Kind.FIELD || (s.name.value !== '__typename' && !this.index.isKeyField(typeName, s.name.value)),
      );
      byType.set(typeName, {
        sendable,
        disclosed: sortedCategories(disclosed),
        deniedCategories: sortedCategories(denied.flatMap((d) => d.missing)),
        denied,
      });
      selections.push({ ...selection, selectionSet: set });
    }
    const selectionSet: SelectionSetNode = {
      kind: Kind.SELECTION_SET,
      selections: [{ ...entities, selectionSet: { kind: Kind.SELECTION_SET, selections } }],
    };
    // A removed field may take a variable's last use with it (`@include(if: $v)`); a subgraph refuses
    // an operation that defines a variable it never uses, so only the used definitions stay.
    const used = usedVariables(selectionSet);
    const variableDefinitions = this.operation.variableDefinitions?.filter((d) => used.has(d.variable.name.value));
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [{ ...this.operation, variableDefinitions, selectionSet }],
    };
    return { query: print(document), byType };
  }

  private pruneSet(
    set: SelectionSetNode,
    typeName: string,
    allowed: ReadonlySet<Requirement>,
    path: readonly string[],
    denied: DeniedField[],
    disclosed: Set<Requirement>,
    entityRoot: boolean,
  ): SelectionSetNode {
    const kept: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const fragmentType = selection.typeCondition?.name.value ?? typeName;
        const inner = this.pruneSet(selection.selectionSet, fragmentType, allowed, path, denied, disclosed, entityRoot);
        if (inner.selections.length > 0) kept.push({ ...selection, selectionSet: inner });
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      const name = selection.name.value;
      if (name === '__typename' || (entityRoot && this.index.isKeyField(typeName, name))) {
        kept.push(selection);
        continue;
      }
      const responseKey = selection.alias?.value ?? name;
      const info = this.index.field(typeName, name);
      const requirement: Requirement = info?.category ?? UNCLASSIFIED;
      if (!allowed.has(requirement)) {
        const missing = new Set<Requirement>([requirement]);
        if (info && selection.selectionSet) this.collectRequirements(selection.selectionSet, info.returnType, missing);
        denied.push({ path: [...path, responseKey], missing: [...missing].filter((r) => !allowed.has(r)).sort() });
        continue;
      }
      disclosed.add(requirement);
      if (!selection.selectionSet || !info) {
        kept.push(selection);
        continue;
      }
      const inner = this.pruneSet(
        selection.selectionSet,
        info.returnType,
        allowed,
        [...path, responseKey],
        denied,
        disclosed,
        false,
      );
      // Every sub-field denied: still ask for the object itself (its existence is covered), as `{ __typename }`.
      kept.push({
        ...selection,
        selectionSet: inner.selections.length > 0 ? inner : { kind: Kind.SELECTION_SET, selections: [TYPENAME] },
      });
    }
    return { kind: Kind.SELECTION_SET, selections: kept };
  }

  private collectRequirements(set: SelectionSetNode, typeName: string, into: Set<Requirement>): void {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        this.collectRequirements(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, into);
      } else if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') {
        const info = this.index.field(typeName, selection.name.value);
        into.add(info?.category ?? UNCLASSIFIED);
        if (info && selection.selectionSet) this.collectRequirements(selection.selectionSet, info.returnType, into);
      }
    }
  }
}

function usedVariables(set: SelectionSetNode): Set<string> {
  const names = new Set<string>();
  visit(set, { Variable: (node) => void names.add(node.name.value) });
  return names;
}

const OPERATION_NAME = /^(\s*(?:query|mutation|subscription))\s+[_A-Za-z][_0-9A-Za-z]*/;

/**
 * The operation without its name. The query planner names each subgraph fetch after the client's
 * operation (`query Caseload__social__1`), so one shape can arrive under endless names.
 */
export function anonymous(query: string): string {
  return query.replace(OPERATION_NAME, '$1');
}

/** Gives a pruned (anonymous) fetch the planner's operation name back, so subgraph logs still name it. */
export function withOperationName(query: string, operationName: string | undefined): string {
  return operationName ? query.replace(/^(query|mutation|subscription)\b/, `$1 ${operationName}`) : query;
}

/**
 * Parses each distinct subgraph operation once: the query planner sends the same shapes again and
 * again. Keyed without operation names and bounded by the bytes of query text it holds, least
 * recently used out first, so clients inventing operation names cannot grow it without limit.
 */
export class EntityFetchCache {
  private readonly fetches = new Map<string, EntityFetch>();
  private bytes = 0;

  constructor(
    private readonly index: CategoryClassifier,
    /** @default 1 MB of query text (the parsed form is some ten times that) */
    private readonly maxQueryBytes = 1_000_000,
  ) {}

  get(query: string): EntityFetch {
    const key = anonymous(query);
    const hit = this.fetches.get(key);
    if (hit) {
      this.fetches.delete(key); // re-insert: Map order is the recency order
      this.fetches.set(key, hit);
      return hit;
    }
    const fetch = new EntityFetch(key, this.index);
    this.fetches.set(key, fetch);
    this.bytes += key.length;
    for (const oldest of this.fetches.keys()) {
      if (this.bytes <= this.maxQueryBytes || oldest === key) break;
      this.fetches.delete(oldest);
      this.bytes -= oldest.length;
    }
    return fetch;
  }

  get size(): number {
    return this.fetches.size;
  }
}
