import { StackView, TfResource } from './stack-view';
import { isExpression, isUnresolved, readBlock, readBlocks, readMap, readNumber } from './values';

/*
 * The failure domains of a stack, read from its resources (this library's and raw ones alike): the AWS availability
 * zones its subnets are in, with what each zone holds, what AWS places across zones by itself, and the Kubernetes
 * workloads with how they are spread. The Markdown report draws it as a Mermaid diagram (render-mermaid.ts).
 */

/** How a member is drawn. */
export type MemberShape = 'box' | 'database' | 'balancer';

/** One thing a failure domain holds. */
export interface TopologyMember {
  /** Stable within the topology: edges refer to it. */
  readonly id: string;
  readonly label: string;
  readonly shape: MemberShape;
}

/** A failure domain: an availability zone (or, for Kubernetes, the cluster's zones as a whole). */
export interface FailureDomain {
  readonly label: string;
  readonly members: TopologyMember[];
}

/** A routing edge (a load balancer to the targets it sends traffic to). */
export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
}

export interface Topology {
  /** The AWS availability zones, in the order their subnets appear. */
  readonly zones: FailureDomain[];
  /** AWS resources placed across zones by AWS (a Multi-AZ database whose zones are not pinned). */
  readonly acrossZones: TopologyMember[];
  /** Kubernetes workloads spread over zones (a zone topology spread constraint or pod anti-affinity). */
  readonly spreadWorkloads: TopologyMember[];
  /** Kubernetes workloads nothing spreads: they may share one zone or one node. */
  readonly unspreadWorkloads: TopologyMember[];
  /** Kubernetes Services of type LoadBalancer. */
  readonly kubernetesEntryPoints: TopologyMember[];
  readonly edges: TopologyEdge[];
}

const LOAD_BALANCERS = ['aws_lb', 'aws_alb', 'aws_elb'];
const SUBNETS = ['aws_subnet', 'aws_default_subnet'];
const DEPLOYMENTS = ['kubernetes_deployment', 'kubernetes_deployment_v1'];
const STATEFUL_SETS = ['kubernetes_stateful_set', 'kubernetes_stateful_set_v1'];
const DAEMON_SETS = ['kubernetes_daemonset', 'kubernetes_daemon_set_v1'];
const SERVICES = ['kubernetes_service', 'kubernetes_service_v1'];
const ZONE_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** The short name of a resource: its construct path below the stack, or its Terraform address. */
function nameOf(r: TfResource, view: StackView): string {
  return view.relativePath(r.path);
}

/** A zone for people: its literal name, or `zone #2` for `element(data.aws_availability_zones.x.names, 1)`. */
function zoneLabel(zone: string): string {
  if (!isExpression(zone)) return zone;
  const index = /element\([^,]+,\s*(\d+)\s*\)|\[(\d+)\]\s*\}$/.exec(zone);
  return index ? `zone #${Number(index[1] ?? index[2]) + 1}` : 'a zone known at deploy time';
}

function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** Builds the topology of a stack. */
export function buildTopology(view: StackView): Topology {
  let next = 0;
  const id = (): string => `n${++next}`;
  const zones = new Map<string, FailureDomain>();
  const zoneOfSubnet = new Map<string, string>();
  const domain = (zone: string): FailureDomain => {
    let d = zones.get(zone);
    if (!d) {
      d = { label: zoneLabel(zone), members: [] };
      zones.set(zone, d);
    }
    return d;
  };
  /** The zones of subnets given by id (references to subnets of this stack), in order, without repeats. */
  const zonesOf = (ids: unknown): string[] => {
    const out: string[] = [];
    for (const subnet of view.referenced(ids, ...SUBNETS)) {
      const zone = zoneOfSubnet.get(subnet.address);
      if (zone !== undefined && !out.includes(zone)) out.push(zone);
    }
    return out;
  };

  // Subnets, grouped by zone and named by tier when they carry one.
  const subnetsByZone = new Map<string, string[]>();
  for (const subnet of view.ofType(...SUBNETS)) {
    const zone = subnet.config.availability_zone ?? subnet.config.availability_zone_id;
    if (typeof zone !== 'string') continue;
    zoneOfSubnet.set(subnet.address, zone);
    domain(zone);
    const tags = readMap(subnet.config, 'tags');
    const tier = !isUnresolved(tags) && typeof tags?.['ft:subnet-tier'] === 'string' ? String(tags['ft:subnet-tier']) : undefined;
    const names = subnetsByZone.get(zone) ?? [];
    names.push(tier ?? nameOf(subnet, view));
    subnetsByZone.set(zone, names);
  }
  for (const [zone, names] of subnetsByZone) {
    const shown = names.length > 4 ? [...names.slice(0, 4), `+${names.length - 4} more`] : names;
    domain(zone).members.push({ id: id(), label: `${plural(names.length, 'subnet')}: ${shown.join(', ')}`, shape: 'box' });
  }

  for (const nat of view.ofType('aws_nat_gateway')) {
    const [zone] = zonesOf(nat.config.subnet_id);
    if (zone !== undefined) domain(zone).members.push({ id: id(), label: `NAT gateway ${nameOf(nat, view)}`, shape: 'box' });
  }

  const edges: TopologyEdge[] = [];
  const acrossZones: TopologyMember[] = [];

  // Load balancers: a node in each zone of their subnets.
  const lbNodes = new Map<string, Map<string, string>>(); // lb address -> zone -> member id
  for (const lb of view.ofType(...LOAD_BALANCERS)) {
    const mappings = readBlocks(lb.config, 'subnet_mapping');
    const ids = [lb.config.subnets, isUnresolved(mappings) ? [] : mappings.map((m) => m.subnet_id)];
    const byZone = new Map<string, string>();
    const lbZones = zonesOf(ids);
    if (lbZones.length === 0) {
      acrossZones.push({ id: id(), label: `load balancer ${nameOf(lb, view)}: zones unknown`, shape: 'balancer' });
    }
    for (const zone of lbZones) {
      const member = { id: id(), label: `load balancer ${nameOf(lb, view)}`, shape: 'balancer' as const };
      domain(zone).members.push(member);
      byZone.set(zone, member.id);
    }
    lbNodes.set(lb.address, byZone);
  }

  // Auto Scaling groups: their minimum spread evenly over their zones (balanced, as EC2 Auto Scaling does).
  for (const asg of view.ofType('aws_autoscaling_group')) {
    const groupZones = zonesOf(asg.config.vpc_zone_identifier);
    const min = readNumber(asg.config, 'min_size');
    const minimum = typeof min === 'number' ? min : undefined;
    const name = nameOf(asg, view);
    if (groupZones.length === 0) {
      acrossZones.push({ id: id(), label: `${name}: ${minimum === undefined ? 'instances' : plural(minimum, 'instance')}, zones unknown`, shape: 'box' });
      continue;
    }
    const lbs = loadBalancersOf(asg, view);
    groupZones.forEach((zone, i) => {
      const count = minimum === undefined ? undefined : Math.floor(minimum / groupZones.length) + (i < minimum % groupZones.length ? 1 : 0);
      const member = { id: id(), label: `${name}: ${count === undefined ? 'instances' : plural(count, 'instance')}`, shape: 'box' as const };
      domain(zone).members.push(member);
      for (const lb of lbs) {
        const from = lbNodes.get(lb.address)?.get(zone);
        if (from) edges.push({ from, to: member.id });
      }
    });
  }
  for (const instance of view.ofType('aws_instance')) {
    const [zone] = zonesOf(instance.config.subnet_id);
    const literal = typeof instance.config.availability_zone === 'string' ? instance.config.availability_zone : undefined;
    const where = zone ?? literal;
    const member = { id: id(), label: `instance ${nameOf(instance, view)}`, shape: 'box' as const };
    if (where !== undefined) domain(where).members.push(member);
    else acrossZones.push({ ...member, label: `${member.label}, zone unknown` });
  }

  databases(view, domain, zonesOf, acrossZones, id);
  const kubernetes = kubernetesWorkloads(view, id, edges);

  return { zones: [...zones.values()].filter((z) => z.members.length > 0), acrossZones, ...kubernetes, edges };
}

/** The load balancers that send traffic to an Auto Scaling group (through a target group one of their listeners uses). */
function loadBalancersOf(asg: TfResource, view: StackView): TfResource[] {
  const groups = view.referenced(asg.config.target_group_arns, 'aws_lb_target_group', 'aws_alb_target_group');
  const out = new Map<string, TfResource>();
  for (const listener of view.ofType('aws_lb_listener', 'aws_alb_listener', 'aws_lb_listener_rule', 'aws_alb_listener_rule')) {
    if (!groups.some((tg) => view.refersTo(listener.config, tg))) continue;
    const lbRef = listener.config.load_balancer_arn ?? view.referenced(listener.config.listener_arn, 'aws_lb_listener', 'aws_alb_listener')[0]?.config.load_balancer_arn;
    for (const lb of view.referenced(lbRef, ...LOAD_BALANCERS)) out.set(lb.address, lb);
  }
  return [...out.values()];
}

function databases(
  view: StackView,
  domain: (zone: string) => FailureDomain,
  zonesOf: (ids: unknown) => string[],
  acrossZones: TopologyMember[],
  id: () => string,
): void {
  const groupZones = (db: TfResource): string[] => {
    const group = view.referenced(db.config.db_subnet_group_name, 'aws_db_subnet_group')[0];
    return group ? zonesOf(group.config.subnet_ids) : [];
  };
  const within = (zones: string[]): string => (zones.length > 0 ? ` (subnet group: ${zones.map(zoneLabel).join(', ')})` : '');

  for (const db of view.ofType('aws_db_instance')) {
    const name = nameOf(db, view);
    const replica = db.config.replicate_source_db !== undefined;
    const role = replica ? 'read replica' : 'primary';
    const multiAz = db.config.multi_az === true || db.config.multi_az === 'true';
    const zone = typeof db.config.availability_zone === 'string' ? db.config.availability_zone : undefined;
    if (zone !== undefined) {
      domain(zone).members.push({ id: id(), label: `${name} ${role}`, shape: 'database' });
      if (multiAz) acrossZones.push({ id: id(), label: `${name} synchronous standby: another zone${within(groupZones(db))}`, shape: 'database' });
      continue;
    }
    acrossZones.push({
      id: id(),
      label: multiAz
        ? `${name}: ${role} and synchronous standby in two zones${within(groupZones(db))}`
        : `${name}: single-AZ ${role}, one zone${within(groupZones(db))}`,
      shape: 'database',
    });
  }

  for (const cluster of view.ofType('aws_rds_cluster')) {
    const name = nameOf(cluster, view);
    const instances = view.ofType('aws_rds_cluster_instance').filter((i) => view.refersTo(i.config.cluster_identifier, cluster));
    const unplaced: TfResource[] = [];
    for (const instance of instances) {
      const zone = typeof instance.config.availability_zone === 'string' ? instance.config.availability_zone : undefined;
      if (zone !== undefined) domain(zone).members.push({ id: id(), label: `${name} instance ${nameOf(instance, view)}`, shape: 'database' });
      else unplaced.push(instance);
    }
    if (unplaced.length > 0 || instances.length === 0) {
      acrossZones.push({
        id: id(),
        label: `${name}: ${plural(unplaced.length, 'Aurora instance')} placed by AWS${within(groupZones(cluster))}, storage in 3 zones`,
        shape: 'database',
      });
    }
  }
}

function kubernetesWorkloads(
  view: StackView,
  id: () => string,
  edges: TopologyEdge[],
): Pick<Topology, 'spreadWorkloads' | 'unspreadWorkloads' | 'kubernetesEntryPoints'> {
  const spreadWorkloads: TopologyMember[] = [];
  const unspreadWorkloads: TopologyMember[] = [];
  const pods: Array<{ member: TopologyMember; namespace: unknown; labels: Record<string, unknown> }> = [];
  for (const r of view.ofType(...DEPLOYMENTS, ...STATEFUL_SETS, ...DAEMON_SETS)) {
    const metadata = readBlock(r.config, 'metadata');
    const spec = readBlock(r.config, 'spec');
    const template = isUnresolved(spec) ? undefined : readBlock(spec, 'template');
    const podSpec = isUnresolved(template) ? undefined : readBlock(template, 'spec');
    const podMeta = isUnresolved(template) ? undefined : readBlock(template, 'metadata');
    const kind = DEPLOYMENTS.includes(r.type) ? 'Deployment' : STATEFUL_SETS.includes(r.type) ? 'StatefulSet' : 'DaemonSet';
    const replicas = kind === 'DaemonSet' ? undefined : isUnresolved(spec) ? undefined : readNumber(spec, 'replicas') ?? 1;
    const count = typeof replicas === 'number' ? plural(replicas, 'pod') : kind === 'DaemonSet' ? 'a pod per node' : 'pods';
    const constraints = isUnresolved(podSpec) ? [] : readBlocks(podSpec, 'topology_spread_constraint');
    const affinity = isUnresolved(podSpec) ? undefined : readBlock(podSpec, 'affinity');
    const spread =
      (!isUnresolved(constraints) && constraints.some((c) => ZONE_KEYS.includes(c.topology_key))) ||
      (affinity !== undefined && !isUnresolved(affinity) && readBlock(affinity, 'pod_anti_affinity') !== undefined);
    const member: TopologyMember = { id: id(), label: `${kind} ${nameOf(r, view)}: ${count}`, shape: 'box' };
    (spread || kind === 'DaemonSet' ? spreadWorkloads : unspreadWorkloads).push(member);
    const labels = isUnresolved(podMeta) ? undefined : readMap(podMeta, 'labels');
    if (labels && !isUnresolved(labels)) {
      pods.push({ member, namespace: isUnresolved(metadata) ? undefined : metadata?.namespace ?? 'default', labels });
    }
  }

  // CloudNativePG clusters (kubernetes_manifest): a primary and standbys, in distinct zones when the operator's pod
  // anti-affinity (on by default) is required on the zone, or a zone spread constraint does not schedule otherwise.
  // Its default (preferred, on the node) may put every instance in one zone.
  const objectOf = (value: unknown): Record<string, any> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, any> : {});
  for (const r of view.ofType('kubernetes_manifest')) {
    const manifest = objectOf(r.config.manifest);
    if (typeof manifest.apiVersion !== 'string' || !manifest.apiVersion.startsWith('postgresql.cnpg.io/') || manifest.kind !== 'Cluster') continue;
    const spec = objectOf(manifest.spec);
    // CloudNativePG's default is one instance; a token or anything else is known at deploy time only.
    const instances = spec.instances === undefined ? 1 : Number.isInteger(spec.instances) ? spec.instances as number : undefined;
    const affinity = objectOf(spec.affinity);
    const zoneAntiAffinity = affinity.enablePodAntiAffinity !== false && affinity.podAntiAffinityType === 'required' && ZONE_KEYS.includes(affinity.topologyKey);
    const zoneSpread = Array.isArray(spec.topologySpreadConstraints) &&
      spec.topologySpreadConstraints.some((c: unknown) => ZONE_KEYS.includes(objectOf(c).topologyKey) && objectOf(c).whenUnsatisfiable === 'DoNotSchedule');
    const count = instances === undefined ? 'instances' : instances === 1 ? '1 instance (no standby)' : `${instances} instances (a primary and ${plural(instances - 1, 'standby')})`;
    const member: TopologyMember = { id: id(), label: `CloudNativePG ${nameOf(r, view)}: ${count}`, shape: 'database' };
    (zoneAntiAffinity || zoneSpread ? spreadWorkloads : unspreadWorkloads).push(member);
  }

  const kubernetesEntryPoints: TopologyMember[] = [];
  for (const service of view.ofType(...SERVICES)) {
    const spec = readBlock(service.config, 'spec');
    if (isUnresolved(spec) || spec?.type !== 'LoadBalancer') continue;
    const member: TopologyMember = { id: id(), label: `Service ${nameOf(service, view)} (LoadBalancer)`, shape: 'balancer' };
    kubernetesEntryPoints.push(member);
    const metadata = readBlock(service.config, 'metadata');
    const namespace = isUnresolved(metadata) ? undefined : metadata?.namespace ?? 'default';
    const selector = readMap(spec, 'selector');
    if (!selector || isUnresolved(selector) || Object.keys(selector).length === 0) continue;
    for (const pod of pods) {
      if (pod.namespace === namespace && Object.entries(selector).every(([k, v]) => pod.labels[k] === v)) {
        edges.push({ from: member.id, to: pod.member.id });
      }
    }
  }
  return { spreadWorkloads, unspreadWorkloads, kubernetesEntryPoints };
}

/** Whether the topology has anything to draw. */
export function isEmpty(t: Topology): boolean {
  return [t.zones, t.acrossZones, t.spreadWorkloads, t.unspreadWorkloads, t.kubernetesEntryPoints].every((list) => list.length === 0);
}
