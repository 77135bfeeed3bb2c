module.exports = require('../../jest.preset')({ displayName: 'operations', rootDir: __dirname });
