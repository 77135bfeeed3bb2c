module.exports = require('../../jest.preset')({ displayName: 'fulfillment', rootDir: __dirname });
