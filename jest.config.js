/** Two projects: unit specs beside the code, e2e specs under test/ against a real database. */
const shared = {
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest'] },
  // NestJS 12, jose and some of their dependencies ship ES modules only: swc turns every
  // package into CommonJS for jest, except large CommonJS ones (PGlite's must load as is).
  transformIgnorePatterns: ['/node_modules/(@electric-sql|gpt-tokenizer|typeorm|openai|fast-check|rxjs|class-validator|pg|pg-[a-z]+|playwright-core)/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@migrations/(.*)$': '<rootDir>/migrations/$1',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  testTimeout: 30000,
  maxWorkers: 2,
};
