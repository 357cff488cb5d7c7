// One jest run for the TypeScript packages; sources are transformed by swc, so tests
// never depend on a previous `tsc -b`. Packages import each other by name through the mapper.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Property tests and tests against real servers take seconds on a loaded 2-core CI machine.
  testTimeout: 30_000,
  roots: ['<rootDir>/packages', '<rootDir>/test', '<rootDir>/dev-env'],
  testMatch: ['**/*.test.ts'],
  // The Backstage backend's tests run under backstage-cli (scripts/test-backstage.sh).
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/packages/backend/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
    // ESM-only dependencies (the Parquet reader): Node loads them with require(), jest needs CommonJS.
    '/node_modules/hyparquet(-writer)?/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // ES-module dependencies of what the cross-surface test loads besides: @grafana/data (for the
    // datasource's frames: marked, d3) and jsdom (page globals for it: parse5, css parsers).
    '/node_modules/.+\\.m?js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!.*/node_modules/)(?!(hyparquet|hyparquet-writer|marked|d3-[a-z-]+|internmap|@exodus/bytes|@csstools/[a-z-]+|@asamuzakjp/[a-z-]+|parse5|entities)/)',
  ],
  moduleNameMapper: {
    '^@headroom/(core|prometheus|cli|cost)$': '<rootDir>/packages/$1/src',
    '^@headroom/demo-simulator$': '<rootDir>/dev-env/simulator/src',
  },
};
