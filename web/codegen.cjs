/* global module */
/**
 * GraphQL Code Generator: types every `graphql(...)` document in src/ against the API schema
 * (schema.graphql, written by `npm run schema:web` from the supergraph). Documents are emitted as
 * typed strings, so the bundle needs no GraphQL parser.
 */
module.exports = {
  schema: 'schema.graphql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { ID: 'string', Department: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
