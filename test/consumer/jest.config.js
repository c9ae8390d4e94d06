// The consumer's own jest setup, as a user would write it.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', {}] },
  // Registers expect(...).toBeValidTerraformOffline() and expect(stack).toPassResilienceChecks() from the installed package.
  setupFilesAfterEnv: ['cdktf-fault-tolerance/proof/setup-jest', 'cdktf-fault-tolerance/testing/setup-jest'],
};
