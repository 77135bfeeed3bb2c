module.exports = require('../../jest.preset')({ displayName: 'shipping', rootDir: __dirname });
