import { Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { attached, attachedIfAny } from './brand';

/*
 * Declared construct moves (`Refactor.move`): which construct path of a stack was declared at which path before.
 * Everything this library derives from a construct's path (physical names, tags, annotations, descriptions, the
 * logical ids of resources other constructs create for it) is derived from the path it had before the move, so a
 * moved construct renders exactly what it rendered before; Terraform `moved` blocks carry each resource's state
 * from its old address to its new one.
 */

/** One move: the path below the stack now (`to`) and before (`from`). */
export interface DeclaredMove {
  readonly from: string;
  readonly to: string;
}

interface MoveTable {
  readonly moves: DeclaredMove[];
}

function table(stack: TerraformStack): MoveTable {
  return attached<MoveTable>(stack, 'construct-moves', () => {
    Aspects.of(stack).add(new MovedBlocks());
    return { moves: [] };
  });
}

/** The moves declared in `stack`. */
export function declaredMoves(stack: TerraformStack): DeclaredMove[] {
  return [...table(stack).moves];
}

/** Records a move (already validated). */
export function declareMove(stack: TerraformStack, move: DeclaredMove): void {
  table(stack).moves.push({ ...move });
}

/** The path below its stack of the construct (`network/Vpc`), as it is. */
export function realPathInStack(scope: IConstruct): string {
  return componentsInStack(scope).join('/');
}

function componentsInStack(scope: IConstruct): string[] {
  const stack = TerraformStack.of(scope);
  const scopes = scope.node.scopes;
  return scopes.slice(scopes.indexOf(stack) + 1).map((s) => s.node.id);
}

/**
 * The path below its stack that names the construct: its path before a declared move (the longest moved prefix
 * wins), else its path.
 */
export function namingPathInStack(scope: IConstruct): string {
  return namingPathOfPath(TerraformStack.of(scope), realPathInStack(scope));
}

/** {@link namingPathInStack} of the construct at `path` below `stack` (a path recorded as text, e.g. by a registry). */
export function namingPathOfPath(stack: TerraformStack, path: string): string {
  const moves = attachedIfAny<MoveTable>(stack, 'construct-moves')?.moves ?? [];
  let best: DeclaredMove | undefined;
  for (const m of moves) {
    if ((path === m.to || path.startsWith(`${m.to}/`)) && (best === undefined || m.to.length > best.to.length)) {
      best = m;
    }
  }
  return best ? `${best.from}${path.slice(best.to.length)}` : path;
}

/** `<stack>/<naming path>`: what rendered descriptions, tags and annotations show for the construct. */
export function renderedPath(scope: IConstruct): string {
  const below = namingPathInStack(scope);
  const stack = TerraformStack.of(scope).node.id;
  return below ? `${stack}/${below}` : stack;
}

/** The construct id that names the construct: the last part of its naming path. */
export function namingId(scope: IConstruct): string {
  const path = namingPathInStack(scope);
  return path.length > 0 ? path.slice(path.lastIndexOf('/') + 1) : scope.node.id;
}

/**
 * Adds a `moved` block to every resource below a moved construct whose logical id the move changes: from the
 * address it had at the old path. Resources with an overridden logical id, or a move of their own, are left alone.
 */
class MovedBlocks implements IAspect {
  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) {
      return;
    }
    const resource = node as TerraformResource;
    const stack = TerraformStack.of(resource);
    const path = realPathInStack(resource);
    const oldPath = namingPathInStack(resource);
    if (oldPath === path || resource.hasResourceMove()) {
      return;
    }
    // An overridden logical id does not depend on the path.
    if (resource.friendlyUniqueId !== stack.getLogicalId(resource)) {
      return;
    }
    const oldId = stack.getLogicalId({ scopes: [stack, ...oldPath.split('/').map((id) => ({ node: { id } }))] } as never);
    if (oldId !== resource.friendlyUniqueId) {
      resource.moveFromId(`${resource.terraformResourceType}.${oldId}`);
    }
  }
}
