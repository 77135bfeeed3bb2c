// One jest run over every project: `npm test` (scripts/test.sh) provisions Kafka and PostgreSQL first.
const fs = require('node:fs');
const path = require('node:path');

const projects = [
  ...['libs', 'services'].flatMap((group) =>
    fs
      .readdirSync(path.join(__dirname, group))
      .map((name) => path.join(__dirname, group, name, 'jest.config.js'))
      .filter((config) => fs.existsSync(config)),
  ),
  path.join(__dirname, 'e2e', 'jest.config.js'),
];

module.exports = {
  projects,
  // Integration tests talk to a real broker and database; testTimeout is a global option in jest.
  testTimeout: 60_000,
  globalSetup: '<rootDir>/tools/jest/global-setup.js',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.js',
};
