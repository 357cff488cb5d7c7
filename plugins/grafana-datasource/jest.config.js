// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // jsdom resolves the "browser" build of yaml (ES modules); the engine's CommonJS build wants Node's.
    '^yaml$': require.resolve('yaml'),
  },
  transform: {
    ...base.transform,
    // @grafana/data's d3 dependencies ship ES modules as .mjs only.
    '^.+\\.mjs$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }],
  },
};
