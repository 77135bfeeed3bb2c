module.exports = require('../../jest.preset')({ displayName: 'aftersales', rootDir: __dirname });
