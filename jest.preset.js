// Shared by every project's jest.config.js: SWC for speed (no type-check: `npm run typecheck` does that),
// legacy decorators with metadata for NestJS, TypeORM and class-validator, and sources of the
// workspace libraries through the "@oms/source" export condition (no build needed to test).
const swcOptions = require('./tools/swc-options');

/** @param {{ displayName: string, rootDir: string, [k: string]: unknown }} overrides */
module.exports = function preset(overrides) {
  return {
    testEnvironment: 'node',
    testEnvironmentOptions: { customExportConditions: ['@oms/source', 'node', 'require', 'default'] },
    transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
    moduleFileExtensions: ['ts', 'js', 'json'],
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    setupFiles: ['reflect-metadata'],
    ...overrides,
  };
};
