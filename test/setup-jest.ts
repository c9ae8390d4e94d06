import { Testing } from 'cdktf';
import * as fc from 'fast-check';
import { registerResilienceMatchers } from '../src/checks/jest';
import { registerTerraformOfflineMatchers } from '../src/proof/jest';

// Registers the cdktf matchers (toHaveResource, toHaveResourceWithProperties, ...) for every test file.
Testing.setupJest();

// Offline Terraform proof (src/proof): expect(stackOrJson).toBeValidTerraformOffline().
registerTerraformOfflineMatchers();

// Resilience checks (src/checks/jest.ts, shipped as cdktf-fault-tolerance/testing): expect(stack).toPassResilienceChecks().
registerResilienceMatchers();

// Property tests are reproducible: every fast-check property runs with the same seed (override with FC_SEED).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261127) });
