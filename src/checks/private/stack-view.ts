import { TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { isExpression, isUnresolved, readList, referencedAddresses, Unresolved } from './values';

/** One resource (or data source) of the synthesized stack. */
export interface TfResource {
  /** `aws_lb` (data sources: `aws_subnet`, with {@link TfResource.isData}). */
  readonly type: string;
  /** The logical id (`edge_LoadBalancer_1A2B3C4D`). */
  readonly name: string;
  /** The Terraform address (`aws_lb.edge_LoadBalancer_1A2B3C4D`, `data.aws_subnet.a`). */
  readonly address: string;
  /** The construct path (`web/edge/LoadBalancer`), or the address when the element has no construct. */
  readonly path: string;
  /** The final configuration: resolved, snake_case, with every override merged, without the `//` metadata. */
  readonly config: any;
  /** Whether this is a data source. */
  readonly isData: boolean;
  /** The construct, when found in the tree. */
  readonly construct?: IConstruct;
}

/**
 * The whole synthesized stack as the resilience rules read it: `stack.toTerraform()`, which is exactly what
 * `cdk.tf.json` will hold (resource attributes, meta-arguments, resource and stack overrides, resolved tokens).
 */
export class StackView {
  /** Builds the view of a stack. */
  public static of(stack: TerraformStack): StackView {
    const elements = new Map<string, IConstruct>();
    for (const node of stack.node.findAll()) {
      if (TerraformElement.isTerraformElement(node)) {
        elements.set(node.node.path, node);
      }
    }
    const json = stack.toTerraform();
    const resources: TfResource[] = [];
    for (const [section, isData] of [['resource', false], ['data', true]] as Array<[string, boolean]>) {
      for (const [type, byName] of Object.entries<any>(json[section] ?? {})) {
        for (const [name, raw] of Object.entries<any>(byName ?? {})) {
          if (raw === null || typeof raw !== 'object') {
            continue;
          }
          const { ['//']: meta, ...config } = raw;
          const address = `${isData ? 'data.' : ''}${type}.${name}`;
          const path: string | undefined = meta?.metadata?.path;
          resources.push({
            type,
            name,
            address,
            path: path ?? address,
            config,
            isData,
            construct: path ? elements.get(path) : undefined,
          });
        }
      }
    }
    return new StackView(stack, resources);
  }

  private readonly byAddress = new Map<string, TfResource>();
  private readonly byTypes = new Map<string, TfResource[]>();

  private constructor(
    /** The stack. */
    public readonly stack: TerraformStack,
    /** Every resource and data source, in synthesis order. */
    public readonly all: TfResource[],
  ) {
    for (const r of all) {
      this.byAddress.set(r.address, r);
    }
  }

  /** The managed resources of the given types. */
  public ofType(...types: string[]): TfResource[] {
    const key = types.join(',');
    let found = this.byTypes.get(key);
    if (!found) {
      found = this.all.filter((r) => !r.isData && types.includes(r.type));
      this.byTypes.set(key, found);
    }
    return found;
  }

  /** The resource at an address, if the stack defines it. */
  public at(address: string): TfResource | undefined {
    return this.byAddress.get(address);
  }

  /** The resources of this stack that `value` refers to, optionally only those of some types. */
  public referenced(value: unknown, ...types: string[]): TfResource[] {
    const out: TfResource[] = [];
    for (const address of referencedAddresses(value)) {
      const r = this.byAddress.get(address);
      if (r && (types.length === 0 || types.includes(r.type))) {
        out.push(r);
      }
    }
    return out;
  }

  /** Whether `value` refers to `target` (by address). */
  public refersTo(value: unknown, target: TfResource): boolean {
    return referencedAddresses(value).has(target.address);
  }

  /** The path of a resource below its stack (`edge/LoadBalancer`). */
  public relativePath(path: string): string {
    const prefix = `${this.stack.node.path}/`;
    return path.startsWith(prefix) ? path.slice(prefix.length) : path;
  }

  /**
   * The availability zones of subnets given by id (literal ids or references to `aws_subnet` resources and data
   * sources of this stack): the distinct subnets, and the zones that are known at synth time. A zone given as an
   * expression counts as its own zone, keyed by the expression (`element(names, 0)` and `element(names, 1)` are
   * two zones).
   */
  public subnetZones(subnetIds: any[]): SubnetZones {
    const subnets = new Set<string>();
    const zones = new Set<string>();
    let unknownZones = 0;
    for (const id of subnetIds) {
      const key = typeof id === 'string' ? id : JSON.stringify(id);
      if (subnets.has(key)) {
        continue;
      }
      subnets.add(key);
      const subnet = this.referenced(id, 'aws_subnet', 'aws_default_subnet')[0];
      const zone = subnet?.config.availability_zone ?? subnet?.config.availability_zone_id;
      if (typeof zone === 'string') {
        zones.add(zone);
      } else {
        unknownZones++;
      }
    }
    return { subnets: subnets.size, zones, unknownZones, literalZones: [...zones].filter((z) => !isExpression(z)) };
  }

  /**
   * Reads a list of subnet ids and reports the zones they span, or why that is not known.
   * @returns the zones, or an {@link Unresolved} when the list itself is an expression
   */
  public readSubnetZones(obj: any, key: string): SubnetZones | undefined | Unresolved {
    const ids = readList(obj, key);
    if (ids === undefined || isUnresolved(ids)) {
      return ids;
    }
    return this.subnetZones(ids);
  }
}

/** The placement of a set of subnets. */
export interface SubnetZones {
  /** How many distinct subnets. */
  readonly subnets: number;
  /** The distinct zones known (literal names or expressions). */
  readonly zones: Set<string>;
  /** The subnets whose zone is not known (ids from outside the stack). */
  readonly unknownZones: number;
  /** The known zones that are literal names. */
  readonly literalZones: string[];
}

/**
 * Whether subnets span at least `min` zones: `true`, `false`, or `undefined` when unknown. Subnets of unknown zone
 * count as distinct zones (the subnet count is the upper bound), so only a provable single zone fails.
 */
export function spansZones(placement: SubnetZones, min: number): boolean {
  if (placement.subnets < min) {
    return false;
  }
  if (placement.unknownZones === 0) {
    return placement.zones.size >= min;
  }
  return placement.zones.size + placement.unknownZones >= min;
}

/** "2 subnets in 1 zone (eu-west-1a)" */
export function describePlacement(placement: SubnetZones): string {
  const subnets = `${placement.subnets} ${placement.subnets === 1 ? 'subnet' : 'subnets'}`;
  if (placement.unknownZones > 0 || placement.zones.size === 0) {
    return subnets;
  }
  const names = placement.literalZones.length === placement.zones.size ? ` (${placement.literalZones.join(', ')})` : '';
  return `${subnets} in ${placement.zones.size} ${placement.zones.size === 1 ? 'zone' : 'zones'}${names}`;
}
