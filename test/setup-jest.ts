import { Testing } from 'cdktf';
import * as fc from 'fast-check';
import { assertNoCanary } from './promises/canaries';
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

// No planted secret (test/promises/canaries.ts) may reach any configuration the suite synthesizes: every
// Testing.synth and Testing.synthScope output (JSON and decoded user data) is scanned, and a canary found fails the
// test that produced it.
const synthesize = Testing.synth.bind(Testing);
Testing.synth = (stack, runValidations) => {
  const out = synthesize(stack, runValidations);
  assertNoCanary(out);
  return out;
};
const synthesizeScope = Testing.synthScope.bind(Testing);
Testing.synthScope = (fn) => {
  const out = synthesizeScope(fn);
  assertNoCanary(out);
  return out;
};
