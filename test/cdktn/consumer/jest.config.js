// The cdktn consumer's own jest setup, as a user would write it.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', {}] },
  // Registers expect(...).toBeValidTerraformOffline() from the installed package.
  setupFilesAfterEnv: ['cdktn-fault-tolerance/proof/setup-jest'],
};
