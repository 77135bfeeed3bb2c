module.exports = require('../../jest.preset')({ displayName: 'order', rootDir: __dirname });
