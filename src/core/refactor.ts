import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from './private/errors';
import { declareMove, declaredMoves, realPathInStack } from './private/moves';

/**
 * A construct's path below its stack before and after a rename or a move.
 */
export interface ConstructMove {
  /** The path the construct had below its stack, e.g. `network` or `shop/web` (construct ids joined by `/`). */
  readonly fromPath: string;
  /** The path it has now, e.g. `core-network` or `platform/web`. */
  readonly toPath: string;
}

const PATH = /^[^/]+(\/[^/]+)*$/;

/**
 * Renames and moves of constructs that keep every resource, the supported way to change a construct id or parent.
 *
 * Terraform addresses resources by their logical ids, which cdktf derives from construct paths; this library also
 * derives physical names (load balancers, databases, roles, log groups, Kubernetes objects) from them. So renaming a
 * construct would destroy and recreate everything in it, data included. Declare the move before creating the
 * construct at its new path:
 *
 * ```ts
 * Refactor.move(this, { fromPath: 'network', toPath: 'core-network' });
 * const network = new MultiAzNetwork(this, 'core-network');
 * ```
 *
 * Every resource below the construct gets a Terraform `moved` block from its old address, and everything this
 * library derives from the path (physical names, tags, annotations, descriptions, and the ids of resources other
 * constructs create for it, such as a load balancer's target group for a service) is derived from the old path, so
 * `terraform plan` shows only moves: nothing is destroyed, created or changed. Keep the declaration for as long as
 * the stack exists (it is what keeps the names). Resources of other libraries below the construct are moved too, but
 * names they derive from the path are theirs.
 *
 * Compared with AWS CDK's `cdk refactor` (2025), which compares the deployed and the new templates, guesses the
 * renames and asks CloudFormation to move the resources in a separate step: here the move is declared in code,
 * reviewed with the change, and carried out by the same `terraform apply` as everything else, physical names
 * included.
 *
 * An undeclared rename is planned as a delete of the old addresses and a create of the new ones. Terraform's
 * `prevent_destroy` does not stop it (it only guards resources still declared), so only the cloud-side guards of
 * `RemovalPolicy.RETAIN` hold then: RDS deletion protection refuses, log groups stay (`skip_destroy`), the access-log
 * bucket refuses while it holds logs, KMS keys wait 30 days, Kubernetes volumes stay.
 */
export class Refactor {
  /**
   * Declares that the construct now at `move.toPath` (a path below the stack of `scope`) was at `move.fromPath`. Call it
   * before creating the construct at its new path. A move within one stack only: Terraform cannot move state between
   * stacks.
   */
  public static move(scope: IConstruct, move: ConstructMove): void {
    const stack = TerraformStack.of(scope);
    const problems: string[] = [];
    const from = move?.fromPath;
    const to = move?.toPath;
    for (const [prop, value] of [['fromPath', from], ['toPath', to]] as const) {
      if (typeof value !== 'string' || !PATH.test(value)) {
        problems.push(
          `\`${prop}\` must be a construct path below the stack, construct ids joined by "/" (e.g. "network" or "shop/web"), got ${
            typeof value === 'string' ? JSON.stringify(value) : typeof value
          }.`,
        );
      }
    }
    if (problems.length === 0) {
      const moves = declaredMoves(stack);
      if (from === to) {
        problems.push(`\`fromPath\` and \`toPath\` are both "${from}": nothing moves. Remove the declaration.`);
      } else if (moves.some((m) => m.to === to)) {
        problems.push(`\`toPath\` "${to}" is already the target of another move: a construct has one previous path.`);
      } else if (moves.some((m) => m.from === from)) {
        problems.push(`\`fromPath\` "${from}" is already moved elsewhere: its resources can only move once.`);
      } else if (stack.node.findAll().some((c) => c !== stack && realPathInStack(c) === to)) {
        problems.push(
          `the construct "${to}" already exists: its resources were named after its new path. Call Refactor.move before creating it.`,
        );
      }
    }
    if (problems.length > 0) {
      throw new ValidationError('Refactor.move', stack.node.path, problems);
    }
    declareMove(stack, { from: from!, to: to! });
  }

  /** The moves declared in the stack of `scope`. */
  public static movesOf(scope: IConstruct): ConstructMove[] {
    return declaredMoves(TerraformStack.of(scope)).map((m) => ({ fromPath: m.from, toPath: m.to }));
  }

  private constructor() {}
}
