import { readFileSync } from 'node:fs';
import { Supergraph, type SubgraphASTNode } from '@apollo/federation-internals';
import { registeredSubgraphs, fullSubgraphSdl } from '@enplan/lib';
import { parse, type ASTNode, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { SUPERGRAPH_PATH, committedSubgraphs, composeSupergraph } from '../composeSupergraph';

/** Where a composition error points. Every property is optional: not every error carries nodes. */
export interface ErrorLocation {
  /** The subgraph whose SDL the node comes from. */
  subgraph?: string;
  /** 1-based line in the subgraph's own schema.graphql; absent when the node is in the shared SDL. */
  line?: number;
  column?: number;
  /** Schema coordinate of the node, e.g. `Citizen.cpr`. */
  coordinate?: string;
  /** The node is in the shared header or department types (lib/src/federationSdl.ts), not in schema.graphql. */
  inSharedSdl?: boolean;
}

/** One error of composition (or of parsing a subgraph's SDL). */
export interface CompositionErrorReport {
  /** Federation error code (e.g. `FIELD_TYPE_MISMATCH`); `GRAPHQL_PARSE_FAILED` for a syntax error. */
  code: string;
  message: string;
  locations: ErrorLocation[];
}

export type ComposeStepResult = { ok: true; supergraphSdl: string } | { ok: false; errors: CompositionErrorReport[] };

/**
 * Composes the proposed SDL of one subgraph with every other subgraph as committed, the same way
 * `npm run schema:compose` makes the committed supergraph.
 */
export function composeWithProposed(subgraph: string, proposedSdl: string): ComposeStepResult {
  const committed = committedSubgraphs();
  // A subgraph not in the registry yet is a new one: composed beside all the others.
  const sources = committed.some((s) => s.name === subgraph)
    ? committed.map((source) => (source.name === subgraph ? { ...source, sdl: proposedSdl } : source))
    : [...committed, { name: subgraph, url: `http://localhost/${subgraph}/graphql`, sdl: proposedSdl }];
  const outcome = composeSupergraph(sources);
  if (outcome.ok) return { ok: true, supergraphSdl: outcome.supergraphSdl };
  const locator = new SubgraphLocator(sources);
  return { ok: false, errors: outcome.errors.map((error) => locator.report(error)) };
}

/** The API schema (what clients may query: no join__ types, no @inaccessible) of a supergraph. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The API schema of the committed supergraph.graphql, the baseline the frontends run against today. */
export function committedApiSchema(): GraphQLSchema {
  return apiSchemaOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));
}

/**
 * Maps error nodes back to the file a department team edits: composition sees each subgraph's
 * full SDL (shared header + schema.graphql), so its line numbers are shifted by the header.
 */
class SubgraphLocator {
  private readonly parsed = new Map<string, DocumentNode>();

  constructor(private readonly sources: readonly { name: string; sdl: string }[]) {}

  report(error: GraphQLError): CompositionErrorReport {
    const federationCode = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
    if (error.nodes?.length) {
      const locations = error.nodes.map((node) => this.locateNode(node));
      return { code: federationCode ?? 'COMPOSITION_ERROR', message: error.message, locations };
    }
    // A syntax error has no nodes, only a position in the source composeSupergraph() parsed.
    const code = federationCode ?? 'GRAPHQL_PARSE_FAILED';
    const subgraph = this.sources.find((s) => error.source?.body === this.fullSdl(s.name))?.name;
    const locations = (error.locations ?? []).map((loc) =>
      subgraph ? this.inOwnSdl(subgraph, loc.line, loc.column) : { line: loc.line, column: loc.column },
    );
    return { code, message: error.message, locations };
  }

  private locateNode(node: ASTNode): ErrorLocation {
    const subgraph = (node as Partial<SubgraphASTNode>).subgraph;
    if (!subgraph || !node.loc) return subgraph ? { subgraph } : {};
    const coordinate = coordinateAt(this.document(subgraph), node.loc.start);
    return { ...this.inOwnSdl(subgraph, node.loc.startToken.line, node.loc.startToken.column), coordinate };
  }

  private inOwnSdl(subgraph: string, line: number, column: number): ErrorLocation {
    const ownLine = line - this.sharedLineCount(subgraph);
    return ownLine >= 1 ? { subgraph, line: ownLine, column } : { subgraph, inSharedSdl: true };
  }

  private sharedLineCount(subgraph: string): number {
    return fullSubgraphSdl(kindOf(subgraph), '').split('\n').length - 1;
  }

  private fullSdl(subgraph: string): string | undefined {
    const source = this.sources.find((s) => s.name === subgraph);
    return source && fullSubgraphSdl(kindOf(subgraph), source.sdl);
  }

  private document(subgraph: string): DocumentNode | undefined {
    if (!this.parsed.has(subgraph)) {
      const sdl = this.fullSdl(subgraph);
      // Only nodes of SDL that parsed carry a subgraph, so this parse succeeds.
      if (sdl !== undefined) this.parsed.set(subgraph, parse(sdl));
    }
    return this.parsed.get(subgraph);
  }
}

const kindOf = (subgraph: string) => registeredSubgraphs().find((s) => s.name === subgraph)?.kind;

/** `Type.field` (or `Type`) of the definition that spans `offset` in the document, if any. */
function coordinateAt(document: DocumentNode | undefined, offset: number): string | undefined {
  const spans = (node: ASTNode) => node.loc !== undefined && node.loc.start <= offset && offset < node.loc.end;
  const definition = document?.definitions.find(spans);
  if (!definition || !('name' in definition) || !definition.name) return undefined;
  const members = 'fields' in definition ? definition.fields : 'values' in definition ? definition.values : undefined;
  const member = members?.find(spans);
  return member ? `${definition.name.value}.${member.name.value}` : definition.name.value;
}
