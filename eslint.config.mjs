// ESLint for the whole repository. Rules are chosen on purpose; each says why. Formatting is
// Prettier's job (npm run lint runs both), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'data/**', '.runtime/**', 'bench/results/**', 'web/src/gql/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // A forgotten await on a consent decision or an access-log write would let data out before
      // the record exists (rule 5): every promise is awaited, returned or explicitly voided.
      '@typescript-eslint/no-floating-promises': 'error',
      // Passing an async function where a void callback is expected swallows its rejection.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      // `any` switches the type checker off; it is allowed only with a comment saying why.
      '@typescript-eslint/no-explicit-any': 'error',
      // Unused code is dead code (tsc's noUnusedLocals covers locals; this covers arguments too).
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Type-only imports stay type-only: no runtime require of a module for its types.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `==` coerces; a CPR compared to a number would silently match. Null checks may use `== null`.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Logs are structured (lib/src/logger.ts) and masked; a stray console.log could print a CPR.
      'no-console': 'error',
    },
  },
  {
    // The stand-alone bench scripts beside bench/src have their own TypeScript project.
    files: ['bench/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './bench/tsconfig.scripts.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Tests and tools may print, and may use `any` for GraphQL responses whose shape they assert.
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'tools/src/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
);
