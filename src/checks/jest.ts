/**
 * Jest matcher: `expect(stack).toPassResilienceChecks()`.
 *
 * Shipped as `cdktf-fault-tolerance/testing` (types and the matcher function) and
 * `cdktf-fault-tolerance/testing/setup-jest` (registers it); never loaded by `require('cdktf-fault-tolerance')`.
 * Other languages use `ResilienceFindings` from the main package.
 */
import type { ResilienceFindings as Findings } from './assertions';
import type { ResilienceReport as Report } from './report';
import type { ResilienceTarget as Target } from './target';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The resilience checks find no unsuppressed error in the stack (nor a warning, with `failOnWarnings`). The
       * received value is a TerraformStack (synthesized here, every aspect run), a ResilienceReport or ResilienceFindings.
       */
      toPassResilienceChecks(options?: import('./jest').ResilienceMatcherOptions): R;
    }
  }
}

/** Options of `toPassResilienceChecks`. */
export interface ResilienceMatcherOptions {
  /**
   * The target to check against when the stack declares no checks (a stack that declares them uses its own props;
   * giving a target then is an error).
   */
  readonly target?: Target;
  /** Warnings fail the matcher too. Default: false (only errors fail, as they fail the synth). */
  readonly failOnWarnings?: boolean;
}

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

function load(): typeof import('./assertions') {
  // Loaded on first use: registering the matcher loads nothing of the library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./assertions');
}

/** The findings of what `expect()` received, or a message saying what it should be. */
function findingsOf(received: unknown, options: ResilienceMatcherOptions): Findings | string {
  const { ResilienceFindings } = load();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ResilienceReport } = require('./report') as typeof import('./report');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TerraformStack } = require('cdktf') as typeof import('cdktf');
  if (received instanceof ResilienceFindings) return received;
  if (received instanceof ResilienceReport) return ResilienceFindings.fromReport(received as Report);
  if (TerraformStack.isStack(received)) {
    return ResilienceFindings.fromStack(received, options.target ? { target: options.target } : undefined);
  }
  return `expected a TerraformStack, a ResilienceReport or ResilienceFindings, got ${received === null ? 'null' : typeof received}`;
}

/** The matcher implementation (exported for custom `expect.extend` setups). */
export function toPassResilienceChecks(received: unknown, options: ResilienceMatcherOptions = {}): MatcherResult {
  const findings = findingsOf(received, options);
  if (typeof findings === 'string') {
    return { pass: false, message: () => `toPassResilienceChecks: ${findings}.` };
  }
  const report = findings.report;
  const failing = options.failOnWarnings ? [...report.errors, ...report.warnings] : report.errors;
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const counts = `${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')}, ${report.suppressed.length} suppressed`;
  if (failing.length === 0) {
    return {
      pass: true,
      message: () => `expected the resilience checks of stack "${report.stackName}" to fail, but they passed (${counts}).`,
    };
  }
  const rules = [...new Set(failing.map((f) => f.ruleId))];
  const fixes = rules.map((id) => {
    const f = failing.find((x) => x.ruleId === id)!;
    return `  ${id}: ${f.explanation}`;
  });
  return {
    pass: false,
    message: () =>
      `expected stack "${report.stackName}" to pass the resilience checks${options.failOnWarnings ? ' without warnings' : ''} (${counts}):\n\n` +
      `${findings.toString()}\n\nHow to fix:\n${fixes.join('\n')}\n\n` +
      `Or accept a finding with a reason: ResilienceChecks.suppress(construct, '${rules[0]}', 'who accepts it and why').`,
  };
}

/** Registers `toPassResilienceChecks` on jest's global `expect`. */
export function registerResilienceMatchers(): void {
  const jestExpect = (globalThis as unknown as { expect?: { extend(matchers: object): void } }).expect;
  if (!jestExpect) throw new Error('registerResilienceMatchers() must run inside jest');
  jestExpect.extend({ toPassResilienceChecks });
}
