// The cdktn flavour's snapshots: next to the cdktf ones, in __snapshots_cdktn__/.
'use strict';
const path = require('path');

module.exports = {
  resolveSnapshotPath: (testPath, ext) => path.join(path.dirname(testPath), '__snapshots_cdktn__', `${path.basename(testPath)}${ext}`),
  resolveTestPath: (snapshotPath, ext) => path.join(path.dirname(path.dirname(snapshotPath)), path.basename(snapshotPath, ext)),
  testPathForConsistencyCheck: path.join('test', 'network', 'multi-az-network.test.ts'),
};
