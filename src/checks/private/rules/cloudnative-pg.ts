import { FindingLevel } from '../../findings';
import { COMPLIANT, NOT_APPLICABLE, Rule, RuleResult, check, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { Unresolved, isExpression, isUnresolved, readBlock, readBool, readList, readNumber, readString } from '../values';

/*
 * Rules for CloudNativePG clusters (`postgresql.cnpg.io/v1` `Cluster` objects in a `kubernetes_manifest`), whoever
 * wrote them: a ReplicatedDatabase on Kubernetes or a hand-written manifest. Defaults are CloudNativePG 1.30's
 * (the CRD's `default:` values and the operator's documented behaviour).
 */

const MANIFESTS = ['kubernetes_manifest'];
const CNPG_GROUP = 'postgresql.cnpg.io/';
const ZONE_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** A Cluster's manifest as a rule reads it. */
interface ClusterManifest {
  readonly name?: string;
  readonly namespace: string;
  readonly spec: any;
}

/** The manifest of a CloudNativePG object of `kind`, undefined for any other manifest, or why it cannot be read. */
function cnpgObject(r: TfResource, kind: string): ClusterManifest | undefined | Unresolved {
  const manifest = r.config.manifest;
  if (isExpression(manifest)) {
    return new Unresolved('manifest', manifest);
  }
  if (typeof manifest !== 'object' || manifest === null) {
    return undefined;
  }
  const apiVersion = readString(manifest, 'apiVersion', 'manifest.apiVersion');
  const k = readString(manifest, 'kind', 'manifest.kind');
  if (isUnresolved(apiVersion)) return apiVersion;
  if (isUnresolved(k)) return k;
  if (apiVersion === undefined || !apiVersion.startsWith(CNPG_GROUP) || k !== kind) {
    return undefined;
  }
  const metadata = manifest.metadata ?? {};
  const spec = manifest.spec;
  if (isExpression(spec)) {
    return new Unresolved('manifest.spec', spec);
  }
  return {
    name: typeof metadata.name === 'string' && !isExpression(metadata.name) ? metadata.name : undefined,
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : 'default',
    spec: typeof spec === 'object' && spec !== null ? spec : {},
  };
}

/** Applies `rule` to Cluster manifests only. */
function onCluster(rule: (cluster: ClusterManifest, r: TfResource, stack: StackView, maxRpo: number | undefined) => RuleResult) {
  return (r: TfResource, stack: StackView, context: { recoveryPointSeconds?: number }): RuleResult => {
    const cluster = cnpgObject(r, 'Cluster');
    if (cluster === undefined) return NOT_APPLICABLE;
    if (isUnresolved(cluster)) return unresolvable(cluster);
    return rule(cluster, r, stack, context.recoveryPointSeconds);
  };
}

function instances(cluster: ClusterManifest): RuleResult {
  const n = readNumber(cluster.spec, 'instances', 'manifest.spec.instances');
  if (isUnresolved(n)) return unresolvable(n);
  return check((n ?? 1) >= 3, n === undefined ? '`spec.instances` is unset (default 1)' : `\`spec.instances\` is ${n}`);
}

function zoneAntiAffinity(cluster: ClusterManifest): RuleResult {
  const spec = cluster.spec;
  // Hard spread over zones by topology spread constraints.
  const spread = readList(spec, 'topologySpreadConstraints', 'manifest.spec.topologySpreadConstraints');
  if (isUnresolved(spread)) return unresolvable(spread);
  if ((spread ?? []).some((c: any) => ZONE_KEYS.includes(c?.topologyKey) && c?.whenUnsatisfiable === 'DoNotSchedule' && Number(c?.maxSkew ?? 1) === 1)) {
    return COMPLIANT;
  }
  const affinity = spec.affinity ?? {};
  if (isExpression(affinity)) return unresolvable(new Unresolved('manifest.spec.affinity', affinity));
  // A required anti-affinity term of the user's own on the zone label.
  const extra = readList(affinity.additionalPodAntiAffinity ?? {}, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (!isUnresolved(extra) && (extra ?? []).some((t: any) => ZONE_KEYS.includes(t?.topologyKey))) {
    return COMPLIANT;
  }
  const enabled = readBool(affinity, 'enablePodAntiAffinity', 'manifest.spec.affinity.enablePodAntiAffinity');
  const type = readString(affinity, 'podAntiAffinityType', 'manifest.spec.affinity.podAntiAffinityType');
  const key = readString(affinity, 'topologyKey', 'manifest.spec.affinity.topologyKey');
  for (const v of [enabled, type, key]) {
    if (isUnresolved(v)) return unresolvable(v);
  }
  if (enabled === false) {
    return nonCompliant('`spec.affinity.enablePodAntiAffinity` is false');
  }
  const problems: string[] = [];
  if (type !== 'required') {
    problems.push(type === undefined ? '`spec.affinity.podAntiAffinityType` is unset (default preferred)' : `\`spec.affinity.podAntiAffinityType\` is "${type}"`);
  }
  if (!ZONE_KEYS.includes(key as string)) {
    problems.push(key === undefined ? '`spec.affinity.topologyKey` is unset (default kubernetes.io/hostname)' : `\`spec.affinity.topologyKey\` is "${key}"`);
  }
  return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join(' and '));
}

function walArchive(cluster: ClusterManifest): RuleResult {
  const spec = cluster.spec;
  const plugins = readList(spec, 'plugins', 'manifest.spec.plugins');
  if (isUnresolved(plugins)) return unresolvable(plugins);
  const archiver = (plugins ?? []).some((p: any) => p?.isWALArchiver === true && p?.enabled !== false);
  const backup = readBlock(spec, 'backup', 'manifest.spec.backup');
  if (isUnresolved(backup)) return unresolvable(backup);
  if (archiver || backup?.barmanObjectStore !== undefined) {
    return COMPLIANT;
  }
  return nonCompliant(
    backup?.volumeSnapshot !== undefined
      ? 'only volume snapshots are configured (`spec.backup.volumeSnapshot`): no WAL archive, so no point-in-time recovery'
      : 'neither a WAL-archiving plugin (`spec.plugins[].isWALArchiver`) nor `spec.backup.barmanObjectStore` is set',
  );
}

function synchronousAgainstTarget(cluster: ClusterManifest, _r: TfResource, _s: StackView, maxRpo: number | undefined): RuleResult {
  if (maxRpo === undefined || maxRpo > 0) {
    return NOT_APPLICABLE;
  }
  const postgresql = cluster.spec.postgresql ?? {};
  const sync = readBlock(postgresql, 'synchronous', 'manifest.spec.postgresql.synchronous');
  if (isUnresolved(sync)) return unresolvable(sync);
  if (sync !== undefined) {
    const number = readNumber(sync, 'number', 'manifest.spec.postgresql.synchronous.number');
    const durability = readString(sync, 'dataDurability', 'manifest.spec.postgresql.synchronous.dataDurability');
    if (isUnresolved(number)) return unresolvable(number);
    if (isUnresolved(durability)) return unresolvable(durability);
    if (durability === 'preferred') {
      return nonCompliant('`spec.postgresql.synchronous.dataDurability` is "preferred": commits continue without a standby when none is healthy, and a failover then loses them');
    }
    return check((number ?? 0) >= 1, `\`spec.postgresql.synchronous.number\` is ${number ?? 'unset'}`);
  }
  const minSync = readNumber(cluster.spec, 'minSyncReplicas', 'manifest.spec.minSyncReplicas');
  if (isUnresolved(minSync)) return unresolvable(minSync);
  return check((minSync ?? 0) >= 1, '`spec.postgresql.synchronous` is unset and `spec.minSyncReplicas` is 0: replication is asynchronous');
}

function scheduledBackup(cluster: ClusterManifest, _r: TfResource, stack: StackView): RuleResult {
  if (cluster.name === undefined) {
    return unresolvable('`metadata.name` of the Cluster');
  }
  for (const other of stack.ofType(...MANIFESTS)) {
    const scheduled = cnpgObject(other, 'ScheduledBackup');
    if (scheduled === undefined || isUnresolved(scheduled)) continue;
    const target = scheduled.spec?.cluster?.name;
    if (scheduled.namespace === cluster.namespace && target === cluster.name && scheduled.spec?.suspend !== true) {
      return COMPLIANT;
    }
  }
  return nonCompliant(`no ScheduledBackup in this stack targets the Cluster "${cluster.name}" in namespace "${cluster.namespace}"`);
}

/** The CloudNativePG rules, in the order RULES.md lists them. */
export const CLOUDNATIVE_PG_RULES: Rule[] = [
  {
    id: 'FT-CNPG-1',
    level: FindingLevel.ERROR,
    info: 'The CloudNativePG cluster runs fewer than 3 instances.',
    explanation:
      'With 1 instance there is nothing to fail over to; with 2, the loss of the standby leaves the primary alone (and with synchronous ' +
      'replication writes stop until it is back). A primary and two standbys keep a standby through any single failure. Set ' +
      '`spec.instances` to at least 3 (the default is 1).',
    resourceTypes: MANIFESTS,
    evaluate: onCluster(instances),
  },
  {
    id: 'FT-CNPG-2',
    level: FindingLevel.ERROR,
    info: 'The CloudNativePG cluster does not keep its instances in distinct zones.',
    explanation:
      'CloudNativePG only prefers to put instances on different nodes by default (`podAntiAffinityType: preferred`, `topologyKey: ' +
      'kubernetes.io/hostname`), so the primary and its standbys may share a zone, and the loss of that zone takes them all. Set ' +
      '`spec.affinity.podAntiAffinityType: required` and `spec.affinity.topologyKey: topology.kubernetes.io/zone` (or a zone topology ' +
      'spread constraint with `whenUnsatisfiable: DoNotSchedule`).',
    resourceTypes: MANIFESTS,
    evaluate: onCluster(zoneAntiAffinity),
  },
  {
    id: 'FT-CNPG-3',
    level: FindingLevel.ERROR,
    info: 'The CloudNativePG cluster has no backups with a WAL archive.',
    explanation:
      'Replication copies mistakes too: a bad migration or a deleted table reaches every standby at once. Only base backups plus a ' +
      'continuous WAL archive in an object store allow point-in-time recovery, and survive the loss of every volume. Configure the ' +
      'Barman Cloud plugin as WAL archiver (`spec.plugins[]` with `isWALArchiver: true` and an ObjectStore) or, deprecated, ' +
      '`spec.backup.barmanObjectStore`.',
    resourceTypes: MANIFESTS,
    evaluate: onCluster(walArchive),
  },
  {
    id: 'FT-CNPG-4',
    level: FindingLevel.ERROR,
    info: 'The CloudNativePG cluster replicates asynchronously, but the target allows no data loss.',
    explanation:
      'With asynchronous streaming replication a commit is acknowledged before any standby has it: a failover loses the writes not yet ' +
      'replicated. With a `recoveryPoint` of zero, set `spec.postgresql.synchronous` (e.g. `method: any`, `number: 1`) with ' +
      '`dataDurability: required` (`preferred` drops the standbys when they are unhealthy and commits alone).',
    resourceTypes: MANIFESTS,
    evaluate: onCluster(synchronousAgainstTarget),
  },
  {
    id: 'FT-CNPG-5',
    level: FindingLevel.WARNING,
    info: 'No ScheduledBackup in the stack backs up the CloudNativePG cluster.',
    explanation:
      'A WAL archive alone is not a backup: recovery starts from a base backup and replays the WAL since, so without regular base backups ' +
      'a restore replays everything since the first one (or cannot start, once retention has removed it). Add a `ScheduledBackup` for ' +
      'the cluster (daily, `immediate: true`), unless base backups are scheduled outside this stack.',
    resourceTypes: MANIFESTS,
    evaluate: onCluster(scheduledBackup),
  },
];
