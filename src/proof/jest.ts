/**
 * Jest matcher: `expect(stackOrJson).toBeValidTerraformOffline()`.
 *
 * Runs real `terraform validate` and `terraform plan` offline (see runner.ts) and passes when
 * both succeed and the plan adds exactly the declared resource instances. On failure the
 * message lists Terraform's own diagnostics.
 */
import { formatDiagnostics, formatProof, OfflineOptions, summarize, validateOffline } from './runner';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Real Terraform core, offline: validate + plan must succeed and add every declared resource. */
      toBeValidTerraformOffline(options?: import('./jest').MatcherOptions): R;
    }
  }
}

export interface MatcherOptions extends OfflineOptions {
  /** Print what was proven (schema source, provider-side checks, manifests) even when the stack passes. Default: `TERRAFORM_OFFLINE_REPORT=1`. */
  readonly report?: boolean;
}

/** The matcher implementation (exported for custom `expect.extend` setups). */
export function toBeValidTerraformOffline(received: unknown, options?: MatcherOptions): { pass: boolean; message: () => string } {
  const result = validateOffline(received, options);
  const proof = formatProof(result);
  if (options?.report ?? process.env.TERRAFORM_OFFLINE_REPORT === '1') {
    process.stdout.write(`terraform-offline: ${result.ok ? 'PASS' : 'FAIL'} ${summarize(result)}\n${proof.replace(/^/gm, '  ')}\n`);
  }
  if (result.ok) {
    return {
      pass: true,
      message: () => `expected the configuration to be rejected by terraform, but it passed: ${summarize(result)}\n\n${proof}`,
    };
  }
  return {
    pass: false,
    message: () =>
      `expected the configuration to pass terraform validate + plan offline (${summarize(result)}):\n\n${formatDiagnostics(
        result.diagnostics,
      )}\n\nWhat was checked:\n${proof}`,
  };
}

/** Registers `toBeValidTerraformOffline` on jest's global `expect`. */
export function registerTerraformOfflineMatchers(): void {
  // Reached through globalThis so this file compiles without jest's global types (tools build).
  const jestExpect = (globalThis as unknown as { expect?: { extend(matchers: object): void } }).expect;
  if (!jestExpect) throw new Error('registerTerraformOfflineMatchers() must run inside jest');
  jestExpect.extend({ toBeValidTerraformOffline });
}
