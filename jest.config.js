/** One jest run for unit tests (beside the code) and end-to-end tests (test/). TypeScript via SWC: fast, no type check (tsc does that). */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc,
    // jose 6 ships ES modules only; Node 24 requires them natively, jest's module system needs them as CommonJS.
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // Tests run the TypeScript sources of the workspaces, not their compiled dist/.
  moduleNameMapper: {
    '^@enplan/lib$': '<rootDir>/lib/src/index.ts',
    '^@enplan/lib/(core|service|protocol|storage|subgraph|demo)$': '<rootDir>/lib/src/$1.ts',
    '^@enplan/gateway$': '<rootDir>/gateway/src/server.ts',
    '^@enplan/subgraph-([a-z]+)$': '<rootDir>/subgraphs/$1/src/server.ts',
    '^@enplan/(lib|gateway|tools)/src/(.*)$': '<rootDir>/$1/src/$2',
    '^@enplan/subgraph-([a-z]+)/src/(.*)$': '<rootDir>/subgraphs/$1/src/$2',
  },
  testMatch: ['<rootDir>/{lib,gateway,subgraphs,tools,test}/**/*.test.ts'],
  // The registry is loaded at start (as each service's main does), not when lib is imported.
  setupFiles: ['<rootDir>/test/src/setupRegistry.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30_000,
};
