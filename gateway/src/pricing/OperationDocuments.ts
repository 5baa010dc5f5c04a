import { createHash } from 'node:crypto';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import {
  parse,
  printSchema,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The parsed operations of the gateway, each text parsed once: by the pricing stage, which needs
 * the document before anything else may happen, and never again by Apollo Server.
 *
 * This is Apollo Server's own `documentStore` (passed to it as is). Apollo Server looks an
 * operation up there by its text's SHA-256 before it parses, and a document it finds skips parsing
 * *and* validation (@apollo/server src/requestPipeline.ts). So the pricing stage puts a document
 * there only after validating it against the very schema Apollo Server serves (learnt from its
 * `schemaDidLoadOrUpdate` hook) with the very rules it is configured with (`validationRules`, also
 * given to Apollo Server, plus graphql-js's `specifiedRules` it always adds), parsed with the same
 * `parseOptions`, under the key Apollo Server reads (`<sha256 of the printed schema>:<sha256 of the
 * text>`, its `generateSchemaDerivedData`). A document that fails validation is not stored: Apollo
 * Server parses and validates it once more and answers with its own errors, as before. Should
 * Apollo Server change its key, only the sharing is lost (test/src/oneParsePerRequest.test.ts).
 *
 * Why not price from Apollo Server's own parse instead: it parses each operation of a batch in its
 * own pipeline, some already executing while others are parsed, and a batch's price must be whole
 * and decided before any department is asked (rule 8, README).
 */
export class OperationDocuments {
  private readonly store: InMemoryLRUCache<DocumentNode>;
  private served: { schema: GraphQLSchema; keyPrefix: string } | undefined;

  constructor(
    maxSizeBytes: number,
    private readonly parseOptions: ParseOptions,
    /** Rules beyond graphql-js's `specifiedRules`. */
    private readonly validationRules: ValidationRule[],
  ) {
    this.store = new InMemoryLRUCache<DocumentNode>({ maxSize: maxSizeBytes });
  }

  /**
   * Apollo Server's options that must agree with this store, in one place: the store itself, the
   * parse options and the validation rules. `introspection: true` only means Apollo Server adds no
   * rule of its own (its `NoIntrospection`); whether introspection is refused is in `validationRules`.
   */
  apolloServerOptions(): Pick<
    ApolloServerOptions<BaseContext>,
    'documentStore' | 'parseOptions' | 'validationRules' | 'introspection'
  > {
    return {
      documentStore: this.store,
      parseOptions: this.parseOptions,
      validationRules: this.validationRules,
      introspection: true,
    };
  }

  /** An Apollo Server plugin: tells this store the schema Apollo Server validates against. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      serverWillStart: async () => ({
        schemaDidLoadOrUpdate: ({ apiSchema }) => {
          this.served = { schema: apiSchema, keyPrefix: `${sha256(printSchema(apiSchema))}:` };
        },
      }),
    };
  }

  /**
   * The document of `query`: from the store, else parsed (a syntax error throws graphql-js's
   * `GraphQLError`) and, when valid, stored for Apollo Server.
   */
  async document(query: string): Promise<DocumentNode> {
    const served = this.served;
    const key = served && served.keyPrefix + sha256(query);
    const known = key ? await this.store.get(key) : undefined;
    if (known) return known;
    const document = parse(query, this.parseOptions);
    if (key && served && validate(served.schema, document, [...specifiedRules, ...this.validationRules]).length === 0) {
      await this.store.set(key, document);
    }
    return document;
  }
}
