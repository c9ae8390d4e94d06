// jest `setupFilesAfterEnv: ['cdktf-fault-tolerance/proof/setup-jest']`: registers
// expect(stack).toBeValidTerraformOffline() (types: import 'cdktf-fault-tolerance/proof' in a test).
'use strict';
require('../lib/proof/jest.js').registerTerraformOfflineMatchers();
