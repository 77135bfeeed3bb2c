// One SWC configuration for jest and for running TypeScript directly (tools/swc-register.js): legacy
// decorators with metadata for NestJS, TypeORM and class-validator; CommonJS; no type-check.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
