import { FindingLevel } from '../../findings';
import { COMPLIANT, NOT_APPLICABLE, Rule, RuleContext, RuleResult, check, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { Unresolved, isExpression, isUnresolved, readBlock, readBlocks, readList, readMap, readNumber, readString } from '../values';

const RECORD = 'aws_route53_record';
const HEALTH_CHECK = 'aws_route53_health_check';
const LOAD_BALANCERS = ['aws_lb', 'aws_alb'];
const SERVICES = ['kubernetes_service', 'kubernetes_service_v1'];
const WORKLOADS = ['kubernetes_deployment', 'kubernetes_deployment_v1', 'kubernetes_stateful_set', 'kubernetes_stateful_set_v1'];
const DATABASES = ['aws_db_instance', 'aws_rds_cluster'];
/** Route 53 health check types that request a path. */
const HTTP_CHECKS = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH'];
/** The TTL of an alias record to an Elastic Load Balancing load balancer: the load balancer's own. */
const LOAD_BALANCER_ALIAS_TTL = 60;
/** Route 53's advice for the TTL of records with health checks, the bound without a declared recovery time. */
const ADVISED_TTL = 60;

/** The failover type of a record (`PRIMARY`, `SECONDARY`), undefined for other records. */
function failoverType(record: TfResource): string | undefined | Unresolved {
  const policy = readBlock(record.config, 'failover_routing_policy');
  if (policy === undefined || isUnresolved(policy)) {
    return policy;
  }
  const type = readString(policy, 'type', 'failover_routing_policy.type');
  return isUnresolved(type) ? type : type?.toUpperCase();
}

/** Records answer together when they share zone, name and type. */
function recordKey(record: TfResource): string {
  const name = typeof record.config.name === 'string' ? record.config.name.toLowerCase().replace(/\.$/, '') : record.config.name;
  return JSON.stringify([record.config.zone_id, name, record.config.type]);
}

/** The other failover records answering for the same name. */
function counterparts(record: TfResource, stack: StackView, type: string): TfResource[] {
  const key = recordKey(record);
  return stack.ofType(RECORD).filter((r) => r !== record && recordKey(r) === key && failoverType(r) === type);
}

/** The resource of this stack a record sends clients to: the alias target, or the resource a CNAME value refers to. */
function targetOf(record: TfResource, stack: StackView): TfResource | undefined {
  const alias = readBlock(record.config, 'alias');
  if (alias && !isUnresolved(alias)) {
    return stack.referenced(alias.name).find((r) => !r.isData);
  }
  const records = readList(record.config, 'records');
  return records && !isUnresolved(records) ? stack.referenced(records).find((r) => !r.isData) : undefined;
}

/** Where a resource is deployed: a region (literal), a provider configuration, or an expression. */
interface Location {
  /** Equal keys mean the same region (or, without a known region, the same provider configuration). */
  readonly key: string;
  readonly description: string;
}

const PROVIDER_REGIONS = new WeakMap<StackView, Map<string, unknown>>();

/** The `region` of every provider configuration of the stack, by address (`aws`, `aws.eu_west_1`). */
function providerRegions(stack: StackView): Map<string, unknown> {
  let found = PROVIDER_REGIONS.get(stack);
  if (!found) {
    found = new Map();
    const providers = (stack.stack.toTerraform().provider ?? {}) as Record<string, any[]>;
    for (const [name, configs] of Object.entries(providers)) {
      for (const config of Array.isArray(configs) ? configs : [configs]) {
        found.set(config?.alias ? `${name}.${config.alias}` : name, config?.region);
      }
    }
    PROVIDER_REGIONS.set(stack, found);
  }
  return found;
}

/** The region of a resource: its own `region` argument (AWS provider 6), else its provider configuration's. */
export function locationOf(resource: TfResource, stack: StackView): Location | Unresolved {
  const own = readString(resource.config, 'region');
  if (isUnresolved(own)) {
    return own;
  }
  if (own !== undefined) {
    return { key: `region:${own}`, description: own };
  }
  const address = typeof resource.config.provider === 'string' ? resource.config.provider : resource.type.split('_')[0];
  const region = providerRegions(stack).get(address);
  if (isExpression(region)) {
    return new Unresolved(`provider "${address}" region`, region);
  }
  if (typeof region === 'string') {
    return { key: `region:${region}`, description: region };
  }
  // A Kubernetes cluster, or an AWS provider whose region comes from the environment: the configuration identifies it.
  return { key: `provider:${address}`, description: `provider ${address}` };
}

/** A worst-case detection time and how it was computed. */
interface Detection {
  readonly seconds: number;
  readonly formula: string;
}

/** Worst-case detection of a Route 53 health check: `failure_threshold` (default 3) × `request_interval` (default 30 s). */
function detectionOf(healthCheck: TfResource, stack: StackView, seen = new Set<TfResource>()): Detection | undefined | Unresolved {
  seen.add(healthCheck);
  const type = readString(healthCheck.config, 'type');
  if (isUnresolved(type)) {
    return type;
  }
  const kind = (type ?? '').toUpperCase();
  if (kind === 'CALCULATED') {
    // Unhealthy once a child is: the slowest endpoint child bounds it (CloudWatch-alarm children only add signals).
    let slowest: Detection | undefined;
    for (const child of stack.referenced(healthCheck.config.child_healthchecks, HEALTH_CHECK).filter((c) => !seen.has(c))) {
      const d = detectionOf(child, stack, seen);
      if (isUnresolved(d)) {
        return d;
      }
      if (d && (!slowest || d.seconds > slowest.seconds)) {
        slowest = d;
      }
    }
    return slowest;
  }
  if (kind === 'CLOUDWATCH_METRIC' || kind === 'RECOVERY_CONTROL') {
    return undefined;
  }
  const threshold = readNumber(healthCheck.config, 'failure_threshold');
  const interval = readNumber(healthCheck.config, 'request_interval');
  if (isUnresolved(threshold)) {
    return threshold;
  }
  if (isUnresolved(interval)) {
    return interval;
  }
  const t = threshold ?? 3;
  const i = interval ?? 30;
  const mark = (v: unknown) => (v === undefined ? ' (default)' : '');
  return { seconds: t * i, formula: `failure_threshold ${t}${mark(threshold)} × request_interval ${i} s${mark(interval)}` };
}

/** The health check paths of the service behind a load balancer or a Kubernetes Service. */
function servicePaths(target: TfResource, stack: StackView): Array<{ path: string; where: string }> {
  if (LOAD_BALANCERS.includes(target.type)) {
    const listeners = stack.ofType('aws_lb_listener', 'aws_alb_listener').filter((l) => stack.refersTo(l.config.load_balancer_arn, target));
    const rules = stack.ofType('aws_lb_listener_rule', 'aws_alb_listener_rule').filter((r) => listeners.some((l) => stack.refersTo(r.config.listener_arn, l)));
    const actions = [...listeners.map((l) => l.config.default_action), ...rules.map((r) => r.config.action)];
    const groups = stack.referenced(actions, 'aws_lb_target_group', 'aws_alb_target_group');
    const out: Array<{ path: string; where: string }> = [];
    for (const group of groups) {
      const block = readBlock(group.config, 'health_check');
      const protocol = String((block && !isUnresolved(block) ? block.protocol : undefined) ?? group.config.protocol ?? 'HTTP').toUpperCase();
      if (isUnresolved(block) || (protocol !== 'HTTP' && protocol !== 'HTTPS')) {
        continue;
      }
      const path = block?.path ?? '/';
      if (typeof path === 'string' && !isExpression(path)) {
        out.push({ path, where: `target group \`${stack.relativePath(group.path)}\`` });
      }
    }
    return out;
  }
  if (SERVICES.includes(target.type)) {
    const spec = readBlock(target.config, 'spec');
    const metadata = readBlock(target.config, 'metadata');
    const selector = spec && !isUnresolved(spec) ? readMap(spec, 'selector') : undefined;
    if (!selector || isUnresolved(selector) || Object.keys(selector).length === 0) {
      return [];
    }
    const namespace = metadata && !isUnresolved(metadata) && typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
    const out: Array<{ path: string; where: string }> = [];
    for (const workload of stack.ofType(...WORKLOADS)) {
      const meta = readBlock(workload.config, 'metadata');
      const template = readBlock(readBlock(workload.config, 'spec'), 'template');
      const labels = readMap(readBlock(template, 'metadata'), 'labels');
      const ns = meta && !isUnresolved(meta) && typeof meta.namespace === 'string' ? meta.namespace : 'default';
      if (ns !== namespace || !labels || isUnresolved(labels) || !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
        continue;
      }
      const containers = readBlocks(readBlock(template, 'spec'), 'container');
      for (const container of isUnresolved(containers) ? [] : containers) {
        const httpGet = readBlock(readBlock(container, 'readiness_probe'), 'http_get');
        const path = httpGet && !isUnresolved(httpGet) ? httpGet.path ?? '/' : undefined;
        if (typeof path === 'string' && !isExpression(path)) {
          out.push({ path, where: `the readiness probe of \`${stack.relativePath(workload.path)}\`` });
        }
      }
    }
    return out;
  }
  return [];
}

/** Whether a resource holds a database: an RDS instance or Aurora cluster, or a CloudNativePG cluster manifest. */
function isDatabase(r: TfResource): boolean {
  if (DATABASES.includes(r.type)) {
    return true;
  }
  const manifest = r.type === 'kubernetes_manifest' ? r.config.manifest : undefined;
  return typeof manifest === 'object' && manifest !== null && manifest.kind === 'Cluster' && String(manifest.apiVersion ?? '').startsWith('postgresql.cnpg.io/');
}

export const FAILOVER_RULES: Rule[] = [
  {
    id: 'FT-DR-1',
    level: FindingLevel.ERROR,
    info: 'A failover record has no health check.',
    explanation:
      'Route 53 considers a failover record without `health_check_id` healthy (an alias with `evaluate_target_health` only reflects ' +
      'what the load balancer reports from inside its region): when the region fails, the PRIMARY keeps answering and traffic ' +
      'never moves, or the SECONDARY receives it while dead. Give every failover record an explicit health check of its endpoint ' +
      '(RegionalFailover does).',
    resourceTypes: [RECORD],
    evaluate: (record) => {
      const type = failoverType(record);
      if (type === undefined) {
        return NOT_APPLICABLE;
      }
      if (isUnresolved(type)) {
        return unresolvable(type);
      }
      const id = record.config.health_check_id;
      return check(id !== undefined && id !== null && id !== '', `the ${type} record has no \`health_check_id\``);
    },
  },
  {
    id: 'FT-DR-2',
    level: FindingLevel.ERROR,
    info: 'The PRIMARY and SECONDARY failover records send traffic to the same region.',
    explanation:
      'A failover between two endpoints of one region (or one cluster) does not survive the loss of that region: both answers ' +
      'fail together. Deploy the secondary endpoint in another region, with another provider configuration (a RegionalScope of it).',
    resourceTypes: [RECORD],
    evaluate: (record, stack) => regionPair(record, stack, (primary, secondary) =>
      check(
        primary.location.key !== secondary.location.key,
        `the PRIMARY record sends traffic to \`${stack.relativePath(primary.target.path)}\` and the SECONDARY to \`${stack.relativePath(secondary.target.path)}\`, both in ${secondary.location.description}`,
      ),
    ),
  },
  {
    id: 'FT-DR-3',
    level: FindingLevel.ERROR,
    info: 'The secondary region of a failover has no copy of the database the primary region has.',
    explanation:
      'Traffic that fails over to a region without the data either fails or reaches back to the lost region. Replicate the ' +
      'database to the secondary region (`Replication.auroraGlobal()` or `Replication.crossRegion()`), or suppress with a reason ' +
      'when the application keeps no state there.',
    resourceTypes: [RECORD],
    evaluate: (record, stack) => regionPair(record, stack, (primary, secondary) => {
      const held = (key: string): TfResource[] | Unresolved => {
        const out: TfResource[] = [];
        for (const db of stack.all.filter((r) => !r.isData && isDatabase(r))) {
          const where = locationOf(db, stack);
          if (isUnresolved(where)) {
            return where;
          }
          if (where.key === key) {
            out.push(db);
          }
        }
        return out;
      };
      const inPrimary = held(primary.location.key);
      const inSecondary = held(secondary.location.key);
      if (isUnresolved(inPrimary)) {
        return unresolvable(inPrimary);
      }
      if (isUnresolved(inSecondary)) {
        return unresolvable(inSecondary);
      }
      if (inPrimary.length === 0) {
        return NOT_APPLICABLE;
      }
      return check(
        inSecondary.length > 0,
        `the primary region (${primary.location.description}) holds \`${stack.relativePath(inPrimary[0].path)}\`, the secondary region (${secondary.location.description}) no database`,
      );
    }),
  },
  {
    id: 'FT-DR-4',
    level: FindingLevel.ERROR,
    info: 'A Route 53 health check requests another path than the service\'s health check.',
    explanation:
      'The failover decision must ask what the load balancer asks: a Route 53 check of another path (often `/`, a static page) ' +
      'stays healthy while every target fails its own check, so traffic is not moved, or fails on a path the service never ' +
      'serves, so traffic moves for nothing. Set `resource_path` to the path of the target group\'s (or readiness probe\'s) check.',
    resourceTypes: [HEALTH_CHECK],
    evaluate: (hc, stack) => {
      const type = readString(hc.config, 'type');
      if (isUnresolved(type)) {
        return unresolvable(type);
      }
      if (!HTTP_CHECKS.includes((type ?? '').toUpperCase())) {
        return NOT_APPLICABLE;
      }
      const target = stack.referenced(hc.config.fqdn).find((r) => !r.isData);
      const paths = target ? servicePaths(target, stack) : [];
      if (paths.length === 0) {
        return NOT_APPLICABLE;
      }
      const resourcePath = readString(hc.config, 'resource_path');
      if (isUnresolved(resourcePath)) {
        return unresolvable(resourcePath);
      }
      const path = (resourcePath ?? '/').split('?')[0];
      return check(
        paths.some((p) => p.path.split('?')[0] === path),
        `\`resource_path\` is ${JSON.stringify(path)}${resourcePath === undefined ? ' (unset: the root)' : ''}, but ${paths
          .map((p) => `${p.where} checks ${JSON.stringify(p.path)}`)
          .join(', ')}`,
      );
    },
  },
  {
    id: 'FT-DR-5',
    level: FindingLevel.ERROR,
    info: 'A failover record\'s TTL, added to its health check\'s detection time, exceeds the recovery time.',
    explanation:
      'After Route 53 marks the primary unhealthy, resolvers keep serving the cached answer for the TTL: detection plus TTL is the ' +
      'least time users keep reaching the failed region. Keep it within the target\'s `recoveryTime` (without one, keep the TTL at ' +
      '60 s or less, as Route 53 advises for records with health checks); alias records to load balancers carry 60 s.',
    resourceTypes: [RECORD],
    evaluate: (record, stack, context) => ttlRule(record, stack, context),
  },
];

interface Side {
  readonly target: TfResource;
  readonly location: Location;
}

/**
 * Runs `compare` on a SECONDARY record and its PRIMARY counterpart when both send traffic to resources of this stack
 * whose locations are known; not applicable otherwise (other records, targets outside the stack).
 */
function regionPair(record: TfResource, stack: StackView, compare: (primary: Side, secondary: Side) => RuleResult): RuleResult {
  if (failoverType(record) !== 'SECONDARY') {
    return NOT_APPLICABLE;
  }
  const [primary] = counterparts(record, stack, 'PRIMARY');
  const secondaryTarget = targetOf(record, stack);
  const primaryTarget = primary ? targetOf(primary, stack) : undefined;
  if (!primaryTarget || !secondaryTarget) {
    return NOT_APPLICABLE;
  }
  const primaryLocation = locationOf(primaryTarget, stack);
  const secondaryLocation = locationOf(secondaryTarget, stack);
  if (isUnresolved(primaryLocation)) {
    return unresolvable(primaryLocation);
  }
  if (isUnresolved(secondaryLocation)) {
    return unresolvable(secondaryLocation);
  }
  return compare({ target: primaryTarget, location: primaryLocation }, { target: secondaryTarget, location: secondaryLocation });
}

function ttlRule(record: TfResource, stack: StackView, context: RuleContext): RuleResult {
  const type = failoverType(record);
  if (type === undefined || isUnresolved(type)) {
    return NOT_APPLICABLE;
  }
  let ttl: number;
  let ttlFormula: string;
  const alias = readBlock(record.config, 'alias');
  if (isUnresolved(alias)) {
    return unresolvable(alias);
  }
  if (alias) {
    const target = targetOf(record, stack);
    const elb = (target && LOAD_BALANCERS.includes(target.type)) || (typeof alias.name === 'string' && /\.elb\.amazonaws\.com\.?$/.test(alias.name));
    if (!elb) {
      return NOT_APPLICABLE; // other alias targets carry their own TTL
    }
    ttl = LOAD_BALANCER_ALIAS_TTL;
    ttlFormula = `TTL ${ttl} s (an alias to a load balancer)`;
  } else {
    const value = readNumber(record.config, 'ttl');
    if (isUnresolved(value)) {
      return unresolvable(value);
    }
    if (value === undefined) {
      return NOT_APPLICABLE;
    }
    ttl = value;
    ttlFormula = `TTL ${ttl} s`;
  }
  const limit = context.recoveryTimeSeconds;
  if (limit === undefined) {
    return check(ttl <= ADVISED_TTL, `the ${type} record's ${ttlFormula} is above the ${ADVISED_TTL} s Route 53 advises for records with health checks`);
  }
  const healthCheck = stack.referenced(record.config.health_check_id, HEALTH_CHECK)[0];
  const detection = healthCheck ? detectionOf(healthCheck, stack) : undefined;
  if (isUnresolved(detection)) {
    return unresolvable(detection);
  }
  const total = ttl + (detection?.seconds ?? 0);
  if (total <= limit) {
    return COMPLIANT;
  }
  const arithmetic = detection ? `detection ${detection.seconds} s (${detection.formula}) + ${ttlFormula} = ${total} s` : `${ttlFormula}`;
  return nonCompliant(`the ${type} record keeps clients on a failed region for up to ${arithmetic}, above the recovery time of ${limit} s`);
}
