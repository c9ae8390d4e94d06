/**
 * Jest matcher: `expect(stackOrJson).toBeValidTerraformOffline()`.
 *
 * Runs real `terraform validate` and `terraform plan` offline (see runner.ts) and passes when
 * both succeed and the plan adds exactly the declared resource instances. On failure the
 * message lists Terraform's own diagnostics.
 */
import { formatDiagnostics, OfflineOptions, summarize, validateOffline } from './runner';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Real Terraform core, offline: validate + plan must succeed and add every declared resource. */
      toBeValidTerraformOffline(options?: OfflineOptions): R;
    }
  }
}

/** The matcher implementation (exported for custom `expect.extend` setups). */
export function toBeValidTerraformOffline(received: unknown, options?: OfflineOptions): { pass: boolean; message: () => string } {
  const result = validateOffline(received, options);
  if (result.ok) {
    return {
      pass: true,
      message: () => `expected the configuration to be rejected by terraform, but it passed: ${summarize(result)}`,
    };
  }
  return {
    pass: false,
    message: () =>
      `expected the configuration to pass terraform validate + plan offline (${summarize(result)}):\n\n${formatDiagnostics(
        result.diagnostics,
      )}`,
  };
}

/** Registers `toBeValidTerraformOffline` on jest's global `expect`. */
export function registerTerraformOfflineMatchers(): void {
  // Reached through globalThis so this file compiles without jest's global types (tools build).
  const jestExpect = (globalThis as unknown as { expect?: { extend(matchers: object): void } }).expect;
  if (!jestExpect) throw new Error('registerTerraformOfflineMatchers() must run inside jest');
  jestExpect.extend({ toBeValidTerraformOffline });
}
