// jest `setupFilesAfterEnv: ['cdktf-fault-tolerance/testing/setup-jest']`: registers
// expect(stack).toPassResilienceChecks() (types: import 'cdktf-fault-tolerance/testing' in a test).
'use strict';
require('../lib/checks/jest.js').registerResilienceMatchers();
