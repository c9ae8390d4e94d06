import { createHash } from 'crypto';
import { TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { attached } from './brand';
import { ValidationError } from './errors';
import { namingPathInStack } from './moves';
import { nameRule } from './name-rules';

/** The tag (and Kubernetes annotation) key that records which construct created a resource. */
export const CONSTRUCT_PATH_TAG = 'ft:construct-path';
/** The tag key that records that this library created a resource. */
export const MANAGED_BY_TAG = 'ft:managed-by';
/** The value of {@link MANAGED_BY_TAG}. */
export const MANAGED_BY = 'cdktf-fault-tolerance';

/**
 * The path below its stack that names the construct's resources, e.g. `network/Vpc`: its path, or the path it had
 * before a move declared with `Refactor.move` (so a moved construct keeps its names, tags and descriptions).
 */
export function pathInStack(scope: IConstruct): string {
  return namingPathInStack(scope);
}

export interface PhysicalNameOptions {
  /** Maximum length of the name. @default 64 */
  readonly maxLength?: number;
  /** Lower-case the name. @default true */
  readonly lowerCase?: boolean;
  /** Characters other than [A-Za-z0-9-] that may stay. @default '' */
  readonly extraAllowed?: string;
  /**
   * How the name must start (`/^[a-z]/` for RDS identifiers, `/^(?!internal-)/` for load balancers), and the prefix
   * that makes it so when it does not (only such names change). @default - any start
   */
  readonly start?: { readonly pattern: RegExp; readonly prefix: string };
}

/**
 * A stable, readable physical name: `<stack>-<construct path>-<suffix>`, with characters a provider rejects
 * replaced by `-`. When too long it keeps the end of the name and an 8-character hash of the full name, so a name
 * never changes unless the construct path does. Two constructs whose ids differ only in case or punctuation derive
 * the same name: {@link claimPhysicalName} catches that where the name is used. A declared move (`Refactor.move`)
 * keeps the name of the old path.
 */
export function physicalName(scope: IConstruct, suffix?: string, options: PhysicalNameOptions = {}): string {
  const maxLength = options.maxLength ?? 64;
  const stack = TerraformStack.of(scope);
  const parts = [stack.node.id, ...pathInStack(scope).split('/'), ...(suffix ? [suffix] : [])].filter((p) => p.length > 0);
  const escaped = (options.extraAllowed ?? '').replace(/[\\\]^-]/g, '\\$&');
  const disallowed = new RegExp(`[^A-Za-z0-9${escaped}-]+`, 'g');
  let name = parts
    .map((p) => p.replace(disallowed, '-'))
    .join('-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (options.lowerCase ?? true) {
    name = name.toLowerCase();
  }
  const fitted = fitName(name, maxLength);
  const start = options.start;
  if (start === undefined || start.pattern.test(fitted)) {
    return fitted;
  }
  return `${start.prefix}${fitName(name, maxLength - start.prefix.length)}`;
}

/** `name`, or when longer than `maxLength` its end and an 8-character hash of the whole name. */
function fitName(name: string, maxLength: number): string {
  if (name.length <= maxLength) {
    return name;
  }
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const keep = maxLength - hash.length - 1;
  return `${name.slice(name.length - keep).replace(/^-+/, '')}-${hash}`;
}

/**
 * A description within a resource's limits: characters outside `allowed` replaced by `-`, cut to `maxLength` with
 * `...` (an EC2 security group description, for one, takes 255 characters of a restricted set and replaces the group
 * when it changes).
 */
export function fitDescription(text: string, maxLength: number, allowed?: RegExp): string {
  const clean = allowed ? [...text].map((c) => (allowed.test(c) ? c : '-')).join('') : text;
  return clean.length <= maxLength ? clean : `${clean.slice(0, maxLength - 3)}...`;
}

/** The characters an EC2 security group (and rule) description may hold. */
export const SECURITY_GROUP_DESCRIPTION_CHARACTER = /[A-Za-z0-9. _\-:/()#,@[\]+=&;{}!$*]/;

/**
 * The tags every taggable AWS resource of this library carries: a `Name`, the owning construct path and the
 * managing library, merged with the user's own tags (which win).
 */
export function awsTags(scope: IConstruct, name: string, userTags: Record<string, string> = {}): Record<string, string> {
  return {
    Name: name,
    [CONSTRUCT_PATH_TAG]: `${TerraformStack.of(scope).node.id}/${pathInStack(scope)}`,
    [MANAGED_BY_TAG]: MANAGED_BY,
    ...userTags,
  };
}

/** Who holds each physical name of a stack: `<scope key> <name>` -> construct path. */
interface NameRegistry {
  readonly owners: Map<string, { readonly path: string; readonly name: string }>;
}

/**
 * Records that the construct `scope` gives a `resourceType` resource (its `attribute`, see `name-rules.ts`) the
 * physical name `name`, and fails when another construct of the same stack already gave that name to a resource of
 * the same kind (in the same Kubernetes `namespaceName`, for namespaced objects). Names AWS compares without case
 * (RDS identifiers, IAM roles, load balancers) are compared without case. Names that are tokens are skipped (known
 * only at deploy time).
 *
 * Construct ids that differ only in case or punctuation (`api_1` and `api-1`, `API` and `api`) or whose paths join
 * the same way (`a-b/c` and `a/b-c`) give the same derived names: the synth fails here, naming both constructs,
 * instead of two resources silently managing one cloud object.
 */
export function claimPhysicalName(scope: IConstruct, resourceType: string, attribute: string, name: string, namespaceName?: string): void {
  if (typeof name !== 'string' || Token.isUnresolved(name) || (namespaceName !== undefined && Token.isUnresolved(namespaceName))) {
    return;
  }
  const rule = nameRule(resourceType, attribute);
  if (rule === undefined || rule.unique === 'none') {
    return;
  }
  const stack = TerraformStack.of(scope);
  const registry = attached<NameRegistry>(stack, 'physical-names', () => ({ owners: new Map() }));
  const where = rule.unique === 'namespace' ? ` in namespace "${namespaceName ?? ''}"` : '';
  const key = `${resourceType}.${attribute}${where} ${rule.caseInsensitive ? name.toLowerCase() : name}`;
  const path = scope.node.path;
  const owner = registry.owners.get(key);
  if (owner === undefined) {
    registry.owners.set(key, { path, name });
    return;
  }
  if (owner.path === path) {
    return;
  }
  const kind = constructKindOf(scope);
  throw new ValidationError(kind, path, [
    `its ${resourceType} ${attribute === 'name' || attribute === 'metadata.name' ? 'name' : attribute} "${name}"${where} is already used by "${owner.path}"${
      owner.name !== name ? ` ("${owner.name}", the same name to AWS)` : ''
    }: two constructs would manage one cloud object. Construct ids that differ only in case or punctuation (\`api_1\` and \`api-1\`, \`API\` and \`api\`), or paths that join the same way (\`a-b/c\` and \`a/b-c\`), derive the same physical names. Rename one of the two constructs, or give one an explicit \`name\` where it has that prop.`,
  ]);
}

/** The class name of a construct, for messages (`MultiAzService`). */
function constructKindOf(scope: IConstruct): string {
  const name = (scope as { constructor?: { name?: string } }).constructor?.name;
  return typeof name === 'string' && name.length > 0 ? name : 'Construct';
}
