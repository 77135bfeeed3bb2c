// The fault suite runs alone (scripts/faults.sh), on a broker and database of its own that it restarts.
module.exports = require('../../jest.preset')({
  displayName: 'faults',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.fault-spec.ts'],
  testTimeout: 30 * 60_000,
});
