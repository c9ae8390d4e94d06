// Lets a plain `node` process require the TypeScript sources (compiled on the fly by SWC, as jest does), so a test can
// watch what `require('cdktf-fault-tolerance')` loads in a fresh process.
'use strict';
const fs = require('fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: false,
  });
  module._compile(code, filename);
};
