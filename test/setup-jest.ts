import { Testing } from 'cdktf';

// Registers the cdktf matchers (toHaveResource, toHaveResourceWithProperties, ...) for every test file.
Testing.setupJest();

// Offline Terraform proof (tools/terraform-offline): expect(stackOrJson).toBeValidTerraformOffline().
import { registerTerraformOfflineMatchers } from '../src/proof/jest';
registerTerraformOfflineMatchers();
