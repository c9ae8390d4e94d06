/**
 * terraform-offline: prove synthesized cdktf stacks against real Terraform core without
 * network access or installed providers.
 *
 * - schema.ts: provider schemas reconstructed from the installed `@cdktf/provider-*` bindings
 *   (cached under node_modules/.cache/terraform-offline/);
 * - server.js: a schema-serving provider (plugin protocol 6) reached via TF_REATTACH_PROVIDERS;
 * - runner.ts: `validateOffline(stackOrJson)` runs `terraform validate` + `terraform plan`;
 * - jest.ts: the `toBeValidTerraformOffline()` matcher;
 * - cli.ts: validates every `cdktf.out/stacks/<stack>/cdk.tf.json`.
 */
export * from './runner';
export * from './schema';
export { registerTerraformOfflineMatchers, toBeValidTerraformOffline } from './jest';
