// Runs TypeScript directly (child processes of tests, bench scripts): `node -r ./tools/swc-register.js x.ts`.
// Workspace libraries resolve to their sources through the "@oms/source" export condition (set below).
const Module = require('node:module');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

if (
  !process.execArgv.includes('--conditions=@oms/source') &&
  !(process.env.NODE_OPTIONS ?? '').includes('@oms/source')
) {
  // Conditions are read at resolve time, so adding it to NODE_OPTIONS covers child processes too.
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=@oms/source`.trim();
}

const options = require('./swc-options');

Module._extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
require('reflect-metadata');
