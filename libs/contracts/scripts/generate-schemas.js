#!/usr/bin/env node
// Regenerates libs/contracts/schemas/<topic>/<Type>.v<n>.schema.json and libs/contracts/asyncapi.json from the
// compiled contracts. Run through nx, which builds first: `npx nx run contracts:schemas`.
//   --check  write nothing; exit 1 when a file is out of date or orphaned (for CI)
//   --prune  delete schema files of event versions no longer registered
'use strict';
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist', 'schema', 'write-schemas.js');
let writeSchemas;
try {
  require('reflect-metadata');
  ({ writeSchemas } = require(dist));
} catch (error) {
  console.error(`cannot load ${dist}: build the contracts first (npx tsc -b libs/contracts)\n${error.message}`);
  process.exit(2);
}

const args = new Set(process.argv.slice(2));
const check = args.has('--check');
const result = writeSchemas({ check, prune: args.has('--prune'), log: (line) => console.log(line) });
console.log(
  `${result.written.length} ${check ? 'out of date' : 'written'}, ${result.unchanged.length} unchanged, ` +
    `${result.orphans.length - result.pruned.length} orphaned, ${result.pruned.length} deleted`,
);
if (check && (result.written.length > 0 || result.orphans.length > 0)) process.exit(1);
