module.exports = require('../../jest.preset')({ displayName: 'notification', rootDir: __dirname });
