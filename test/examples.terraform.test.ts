import 'cdktf/lib/testing/adapters/jest';
import { App, TerraformStack, Testing } from 'cdktf';
import { EXAMPLES } from '../examples/main';
import { closeOfflineProviders, terraformAvailable } from '../src/proof/runner';

// Every example stack must pass real Terraform core (validate + plan against an empty state), offline.
const hasTerraform = terraformAvailable();
if (!hasTerraform) {
  process.stdout.write('terraform is not on PATH: the offline Terraform proof of the examples is SKIPPED\n');
}

(hasTerraform ? describe : describe.skip)('examples pass terraform validate and plan offline', () => {
  afterAll(() => closeOfflineProviders());

  test.each(Object.keys(EXAMPLES))('%s', (name) => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES[name](app, name);
    const stack = app.node.findChild(name) as TerraformStack;
    // The Kubernetes example's database is a CloudNativePG Cluster backed up by the Barman Cloud plugin.
    expect(stack).toBeValidTerraformOffline({ crds: ['cloudnative-pg', 'barman-cloud'] });
  }, 120_000);
});
