/**
 * Thrown when a construct's props are invalid. The message lists every problem found in the construct at once,
 * each naming the prop, the bad value and what to do about it.
 *
 * Not part of the jsii API (jsii cannot export subclasses of Error); TypeScript users may import it from
 * `cdktf-fault-tolerance/lib/core/private/errors` to tell validation errors apart.
 */
export class ValidationError extends Error {
  private static format(constructKind: string, constructPath: string, problems: string[]): string {
    // A factory of a value or variant class (`Duration.seconds`, `Workload.container`) has no construct path.
    const prefix = constructPath === '' ? constructKind : `${constructKind} "${constructPath}"`;
    if (problems.length === 1) {
      return `${prefix}: ${problems[0]}`;
    }
    return `${prefix} has ${problems.length} invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  }

  /** The construct path of the construct whose props are invalid. */
  public readonly constructPath: string;
  /** One line per problem, without the construct prefix. */
  public readonly problems: string[];

  constructor(constructKind: string, constructPath: string, problems: string[]) {
    super(ValidationError.format(constructKind, constructPath, problems));
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.problems = [...problems];
    Object.setPrototypeOf(this, ValidationError.prototype);
  }
}
