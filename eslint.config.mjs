// ESLint 9 flat config for the whole workspace (`npm run lint`, or `npx eslint <path>`).
// Syntax-only typescript-eslint rules (no type information: type-aware linting is too slow here),
// Nx module boundaries between projects, a plain-TypeScript domain, and Prettier last.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs'];

// Node.js globals for the plain JavaScript files (jest configs, tools/): listed here rather than
// taken from the `globals` package, which the workspace does not depend on directly.
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    '__dirname',
    '__filename',
    'globalThis',
    'URL',
    'URLSearchParams',
    'fetch',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
    'structuredClone',
    'queueMicrotask',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.tools/**',
      '.cache/**',
      '.data/**',
      '**/coverage/**',
      '.nx/**',
      'tmp/**',
    ],
  },

  js.configs.recommended,

  {
    files: JS_FILES,
    languageOptions: { ecmaVersion: 2023, globals: nodeGlobals },
  },
  {
    // The workspace is CommonJS (no "type": "module"): .js files use require/module.exports.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  ...tseslint.configs.recommended.map((config) => ({ ...config, files: TS_FILES })),
  {
    files: TS_FILES,
    languageOptions: {
      parserOptions: {
        // As in tsconfig.base.json. Without type information the parser must be told, so that
        // consistent-type-imports leaves files with decorators alone: with emitDecoratorMetadata, a
        // class used only as a constructor parameter's type (Nest dependency injection) is a runtime
        // value, and turning its import into `import type` would break the injection.
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
    },
  },

  // Project boundaries, by the tags in each package.json's "nx" section: a service uses the platform
  // and the contracts only (never another service); the platform uses the contracts; the contracts
  // use nothing of ours. Services talk to each other through Kafka, not through imports; so do the
  // end-to-end tests, which run the services as processes. TypeScript sources only: the projects'
  // jest.config.js files require the root jest.preset.js, which is tooling, not a project.
  {
    files: TS_FILES,
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:operations', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:operations'],
            },
          ],
        },
      ],
    },
  },

  // The domain (aggregates, state machines, rules) stays plain TypeScript, unit-tested alone.
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs', 'kafkajs/*'],
              message:
                'The domain is plain TypeScript: no Nest, TypeORM or Kafka here. Put it in the persistence, messaging or HTTP layer around the domain.',
            },
          ],
        },
      ],
    },
  },

  // Last: turns off every stylistic rule that Prettier owns.
  prettier,
);
