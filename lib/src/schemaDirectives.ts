import { Kind, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { CATEGORY_SPEC_URL } from './federationSdl';

/** A directive's string or enum argument, e.g. `is` of `@category(is: HEALTH)`. */
export function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return arg.value.kind === Kind.STRING || arg.value.kind === Kind.ENUM ? arg.value.value : undefined;
}

/** A spec's identity: its `@link` URL without the version, e.g. `https://specs.apollo.dev/join`. */
function specIdentity(url: string): string {
  return url.slice(0, url.lastIndexOf('/'));
}

/**
 * The local name (without `@`) of a directive of a linked spec in a subgraph or supergraph:
 * whatever `@link(url: <spec>/vX, import: [...])` imported it as (`{ name: "@category", as:
 * "@kategori" }` renames it), else the spec's namespaced name (`join__type`). Undefined when the
 * document does not link the spec.
 */
export function linkedDirectiveName(document: DocumentNode, specUrl: string, directive: `@${string}`): string | undefined {
  const identity = specIdentity(specUrl);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link' || !stringArg(link, 'url')?.startsWith(identity + '/')) continue;
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (item.kind === Kind.STRING && item.value === directive) return directive.slice(1);
        if (item.kind !== Kind.OBJECT) continue;
        const field = (n: string) => item.fields.find((f) => f.name.value === n)?.value;
        const name = field('name');
        const as = field('as');
        if (name?.kind === Kind.STRING && name.value === directive) {
          return as?.kind === Kind.STRING ? as.value.replace(/^@/, '') : directive.slice(1);
        }
      }
      return `${identity.split('/').pop()}__${directive.slice(1)}`;
    }
  }
  return undefined;
}

/**
 * The local name of one of enplan's directives (`@category`, `@department`, `@infrastructure`) in a
 * subgraph or supergraph. Undefined when the document does not link enplan's spec.
 */
export function enplanDirectiveName(document: DocumentNode, directive: `@${string}`): string | undefined {
  return linkedDirectiveName(document, CATEGORY_SPEC_URL, directive);
}
