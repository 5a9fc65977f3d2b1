// Five projects: unit specs beside the code, the web client's specs of its
// pure parts (reducers, formatting, catalogues; Node, no DOM), end-to-end
// suites that boot the real app, browser suites that drive Chromium against
// it, and cluster suites that start several server processes from the server
// build on one PostgreSQL and one Redis (always both, so `npm test` runs them
// once, not per database).
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];
// The namespaces' contracts are types only, but a value import must still resolve.
const moduleNameMapper = {
  '^@plenary/realtime-contract$': '<rootDir>/libs/realtime/src/contracts/realtime-events.ts',
  '^@plenary/live-contract$': '<rootDir>/libs/summits/src/contracts/live-events.ts',
  '^@plenary/chat-contract$': '<rootDir>/libs/chat/src/contracts/chat-events.ts',
  '^@plenary/([a-z-]+)$': '<rootDir>/libs/$1/src',
};
const common = { rootDir: __dirname, transform: { '^.+\\.ts$': tsJest }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  // End-to-end suites boot the app and browsers; unit specs finish far below this.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/server/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'web',
      // react-intl and FormatJS ship ECMAScript modules only: compiled to CommonJS like the specs.
      transform: { '^.+\\.[jt]s$': ['ts-jest', { tsconfig: 'apps/web/tsconfig.spec.json', diagnostics: false }] },
      transformIgnorePatterns: ['/node_modules/(?!(react-intl|intl-messageformat|@formatjs)/)'],
      testMatch: ['<rootDir>/apps/web/src/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'cluster', testMatch: ['<rootDir>/test/cluster/**/*.e2e-spec.ts'] },
  ],
};
