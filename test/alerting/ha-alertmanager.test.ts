import 'cdktf/lib/testing/adapters/jest';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { Lazy, TerraformVariable, Testing } from 'cdktf';
import { parse } from 'yaml';
import { MAXIMAL, terraformVariableProps } from './cases';
import { PAGERDUTY, SLACK, container, minimalProps, only, resources, synth } from './support';
import { CapabilityKind, Duration, HaAlertmanager, Platform, PlatformKind, Receiver, Route, SecretRef, WorkloadKind } from '../../src';

const SELECTOR = { 'app.kubernetes.io/name': 'alertmanager', 'app.kubernetes.io/instance': 'stack-alerting' };
const LABELS = {
  ...SELECTOR,
  'app.kubernetes.io/component': 'alerting',
  'app.kubernetes.io/version': 'v0.28.1',
  'app.kubernetes.io/managed-by': 'cdktf-fault-tolerance',
};

describe('HaAlertmanager defaults', () => {
  const { json, text, alertmanager } = synth();
  const sts = only(json, 'kubernetes_stateful_set_v1');
  const pod = sts.spec.template.spec;
  const am = container(json);

  test('3 replicas, started and replaced in parallel, rolling updates', () => {
    expect(alertmanager.replicas).toBe(3);
    expect(alertmanager.toleratedFailures).toBe(2);
    expect(text).toHaveResourceWithProperties(StatefulSetV1, {
      metadata: expect.objectContaining({ name: 'stack-alerting', namespace: 'monitoring', labels: LABELS }),
      spec: expect.objectContaining({
        replicas: '3',
        pod_management_policy: 'Parallel',
        update_strategy: [{ type: 'RollingUpdate', rolling_update: [{ partition: 0 }] }],
        selector: { match_labels: SELECTOR },
      }),
    });
  });

  test('the name derives from the stack and construct path; every object is in the platform namespace', () => {
    expect(alertmanager.name).toBe('stack-alerting');
    expect(alertmanager.namespaceName).toBe('monitoring');
    expect(alertmanager.alertingNamespace).toBe('monitoring');
    for (const type of [
      'kubernetes_stateful_set_v1',
      'kubernetes_service_v1',
      'kubernetes_secret_v1',
      'kubernetes_config_map_v1',
      'kubernetes_service_account_v1',
      'kubernetes_pod_disruption_budget_v1',
      'kubernetes_network_policy_v1',
    ]) {
      for (const r of resources(json, type)) {
        expect(r.metadata.namespace).toBe('monitoring');
        expect(r.metadata.labels).toEqual(LABELS);
        expect(r.metadata.annotations).toEqual({ 'cdktf-fault-tolerance.dev/construct-path': 'stack/alerting' });
      }
    }
  });

  test('a fixed Alertmanager image, pulled only when missing (a registry outage must not stop restarts)', () => {
    expect(alertmanager.image).toBe('quay.io/prometheus/alertmanager:v0.28.1');
    expect(am.image).toBe('quay.io/prometheus/alertmanager:v0.28.1');
    expect(am.image_pull_policy).toBe('IfNotPresent');
  });

  test('gossip: listen on 9094, advertise the pod IP, a cluster label against cross-talk, one peer per replica', () => {
    expect(am.args).toEqual([
      '--config.file=/etc/alertmanager/config/alertmanager.yml',
      '--storage.path=/alertmanager',
      '--web.listen-address=:9093',
      '--cluster.listen-address=0.0.0.0:9094',
      '--cluster.advertise-address=[$(POD_IP)]:9094',
      '--cluster.label=monitoring/stack-alerting',
      '--cluster.peer=stack-alerting-0.stack-alerting-headless.monitoring.svc:9094',
      '--cluster.peer=stack-alerting-1.stack-alerting-headless.monitoring.svc:9094',
      '--cluster.peer=stack-alerting-2.stack-alerting-headless.monitoring.svc:9094',
    ]);
    expect(am.env).toEqual([{ name: 'POD_IP', value_from: { field_ref: { api_version: 'v1', field_path: 'status.podIP' } } }]);
  });

  test('the peer list matches the replica count, the headless Service name and the namespace', () => {
    expect(alertmanager.peers).toEqual([
      'stack-alerting-0.stack-alerting-headless.monitoring.svc:9094',
      'stack-alerting-1.stack-alerting-headless.monitoring.svc:9094',
      'stack-alerting-2.stack-alerting-headless.monitoring.svc:9094',
    ]);
    const headless = resources(json, 'kubernetes_service_v1').find((s) => s.spec.cluster_ip === 'None');
    expect(alertmanager.peers.every((p) => p.includes(`.${headless.metadata.name}.${headless.metadata.namespace}.svc:`))).toBe(true);
    expect(sts.spec.service_name).toBe(`\${kubernetes_service_v1.${(alertmanager.kubernetes.headlessService as any).friendlyUniqueId}.metadata[0].name}`);
    expect(alertmanager.alertmanagerAddresses).toEqual(alertmanager.peers.map((p) => p.replace(/:9094$/, ':9093')));
    expect(alertmanager.headlessServiceName).toBe('stack-alerting-headless.monitoring.svc');
  });

  test('container ports: web 9093/TCP, gossip 9094 on TCP and UDP', () => {
    expect(am.port).toEqual([
      { name: 'web', container_port: 9093, protocol: 'TCP' },
      { name: 'mesh-tcp', container_port: 9094, protocol: 'TCP' },
      { name: 'mesh-udp', container_port: 9094, protocol: 'UDP' },
    ]);
  });

  test('a headless Service publishing not-ready addresses, with the gossip ports on TCP and UDP', () => {
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      metadata: expect.objectContaining({ name: 'stack-alerting-headless' }),
      spec: {
        cluster_ip: 'None',
        publish_not_ready_addresses: true,
        selector: SELECTOR,
        port: [
          { name: 'web', port: 9093, target_port: 'web', protocol: 'TCP' },
          { name: 'mesh-tcp', port: 9094, target_port: 'mesh-tcp', protocol: 'TCP' },
          { name: 'mesh-udp', port: 9094, target_port: 'mesh-udp', protocol: 'UDP' },
        ],
      },
    });
  });

  test('a ClusterIP Service for the UI and API on 9093 only', () => {
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      metadata: expect.objectContaining({ name: 'stack-alerting' }),
      spec: { type: 'ClusterIP', selector: SELECTOR, port: [{ name: 'web', port: 9093, target_port: 'web', protocol: 'TCP' }] },
    });
  });

  test('a PodDisruptionBudget lets one replica go at a time', () => {
    expect(text).toHaveResourceWithProperties(PodDisruptionBudgetV1, {
      metadata: expect.objectContaining({ name: 'stack-alerting' }),
      spec: { max_unavailable: '1', selector: { match_labels: SELECTOR } },
    });
  });

  test('spread evenly over zones and nodes (hard), plus a preferred hostname anti-affinity', () => {
    expect(pod.topology_spread_constraint).toEqual([
      { max_skew: 1, topology_key: 'topology.kubernetes.io/zone', when_unsatisfiable: 'DoNotSchedule', label_selector: [{ match_labels: SELECTOR }] },
      { max_skew: 1, topology_key: 'kubernetes.io/hostname', when_unsatisfiable: 'DoNotSchedule', label_selector: [{ match_labels: SELECTOR }] },
    ]);
    expect(pod.affinity.pod_anti_affinity.preferred_during_scheduling_ignored_during_execution).toEqual([
      { weight: 100, pod_affinity_term: { topology_key: 'kubernetes.io/hostname', label_selector: [{ match_labels: SELECTOR }] } },
    ]);
    expect(pod.affinity.pod_anti_affinity.required_during_scheduling_ignored_during_execution).toBeUndefined();
  });

  test('requests and limits: 50m/500m CPU, 128Mi/256Mi memory, 64Mi/256Mi ephemeral storage', () => {
    expect(am.resources).toEqual({
      requests: { 'cpu': '50m', 'memory': '128Mi', 'ephemeral-storage': '64Mi' },
      limits: { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '256Mi' },
    });
  });

  test('a non-root, read-only container without privileges or capabilities, RuntimeDefault seccomp', () => {
    expect(am.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: '65534',
      run_as_group: '65534',
      read_only_root_filesystem: true,
      allow_privilege_escalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(pod.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: '65534',
      run_as_group: '65534',
      fs_group: '65534',
      fs_group_change_policy: 'OnRootMismatch',
      seccomp_profile: { type: 'RuntimeDefault' },
    });
  });

  test('readiness on /-/ready, liveness and startup on /-/healthy, all on the web port', () => {
    expect(am.readiness_probe).toEqual({
      http_get: { path: '/-/ready', port: '9093', scheme: 'HTTP' },
      period_seconds: 10,
      timeout_seconds: 5,
      success_threshold: 2,
      failure_threshold: 2,
    });
    expect(am.liveness_probe).toEqual({
      http_get: { path: '/-/healthy', port: '9093', scheme: 'HTTP' },
      period_seconds: 10,
      timeout_seconds: 5,
      success_threshold: 1,
      failure_threshold: 4,
    });
    expect(am.startup_probe).toEqual(expect.objectContaining({ http_get: { path: '/-/healthy', port: '9093', scheme: 'HTTP' }, failure_threshold: 6 }));
  });

  test('a ServiceAccount without an API token, not mounted in the pods; no service links; no host namespaces or paths', () => {
    expect(text).toHaveResourceWithProperties(ServiceAccountV1, { automount_service_account_token: false });
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.service_account_name).toBe(`\${kubernetes_service_account_v1.${(alertmanager.kubernetes.serviceAccount as any).friendlyUniqueId}.metadata[0].name}`);
    expect(pod.enable_service_links).toBe(false);
    expect(pod.host_network).toBeUndefined();
    expect(pod.host_pid).toBeUndefined();
    expect(JSON.stringify(pod)).not.toContain('host_path');
  });

  test('a 1Gi ReadWriteOnce volume per replica from the default storage class, mounted at --storage.path', () => {
    expect(sts.spec.volume_claim_template).toEqual([
      {
        metadata: { name: 'storage', labels: { ...LABELS, 'app.kubernetes.io/version': undefined } },
        spec: { access_modes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ]);
    expect(sts.spec.volume_claim_template[0].metadata.labels).not.toHaveProperty(['app.kubernetes.io/version']);
    expect(am.volume_mount).toEqual([
      { name: 'config', mount_path: '/etc/alertmanager/config', read_only: true },
      { name: 'storage', mount_path: '/alertmanager' },
    ]);
  });

  test('the configuration Secret and each referenced Secret key are one read-only projected volume', () => {
    const configSecret = `\${kubernetes_secret_v1.${(alertmanager.kubernetes.configSecret as any).friendlyUniqueId}.metadata[0].name}`;
    expect(pod.volume).toEqual([
      {
        name: 'config',
        projected: [
          {
            default_mode: '0440',
            sources: [
              { secret: [{ name: configSecret, items: [{ key: 'alertmanager.yml', path: 'alertmanager.yml' }] }] },
              { secret: [{ name: 'pagerduty', items: [{ key: 'routing-key', path: 'secrets/pagerduty/routing-key' }] }] },
            ],
          },
        ],
      },
    ]);
  });

  test('the configuration is an Opaque Secret named <name>-config', () => {
    expect(text).toHaveResourceWithProperties(SecretV1, {
      metadata: expect.objectContaining({ name: 'stack-alerting-config' }),
      type: 'Opaque',
      data: { 'alertmanager.yml': alertmanager.configYaml },
    });
  });

  test('the pod template carries the configuration checksum', () => {
    expect(sts.spec.template.metadata.annotations).toEqual({
      'cdktf-fault-tolerance.dev/construct-path': 'stack/alerting',
      'cdktf-fault-tolerance.dev/config-checksum': alertmanager.configChecksum,
    });
    expect(alertmanager.configChecksum).toMatch(/^[0-9a-f]{64}$/);
    expect(sts.spec.template.metadata.labels).toEqual(LABELS);
  });

  test('the Prometheus rules are a ConfigMap <name>-rules with rules.yaml', () => {
    expect(text).toHaveResourceWithProperties(ConfigMapV1, {
      metadata: expect.objectContaining({ name: 'stack-alerting-rules' }),
      data: { 'rules.yaml': alertmanager.rulesYaml() },
    });
    expect(parse(alertmanager.rulesYaml()).groups).toHaveLength(2);
  });

  test('a NetworkPolicy: the web port (unauthenticated API) from the own namespace only, gossip from the replicas only', () => {
    expect(text).toHaveResourceWithProperties(NetworkPolicyV1, {
      spec: {
        pod_selector: { match_labels: SELECTOR },
        policy_types: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
            ports: [{ port: '9093', protocol: 'TCP' }],
          },
          {
            from: [{ pod_selector: { match_labels: SELECTOR } }],
            ports: [
              { port: '9094', protocol: 'TCP' },
              { port: '9094', protocol: 'UDP' },
            ],
          },
        ],
        egress: [
          {
            ports: [
              { port: '53', protocol: 'UDP' },
              { port: '53', protocol: 'TCP' },
            ],
          },
          {
            to: [{ pod_selector: { match_labels: SELECTOR } }],
            ports: [
              { port: '9094', protocol: 'TCP' },
              { port: '9094', protocol: 'UDP' },
            ],
          },
          { ports: [{ port: '443', protocol: 'TCP' }] },
        ],
      },
    });
  });

  test('egress: SMTP only with email receivers, on the smarthosts\' ports; the standard ports when a port is unknown', () => {
    const egressPorts = (receivers: Receiver[]) =>
      only(synth(minimalProps({ receivers })).json, 'kubernetes_network_policy_v1').spec.egress[2].ports.map((p: any) => `${p.port}/${p.protocol}`);
    const mail = (name: string, smarthost: string) => Receiver.email(name, { to: 'ops@example.com', fromAddress: 'am@example.com', smarthost });
    expect(egressPorts([PAGERDUTY])).toEqual(['443/TCP']);
    expect(egressPorts([PAGERDUTY, mail('a', 'smtp.example.com:587'), mail('b', 'relay.example.com:25'), mail('c', 'x.example.com:587')])).toEqual([
      '443/TCP',
      '25/TCP',
      '587/TCP',
    ]);
    const withVariable = JSON.parse(
      Testing.synthScope((scope) => {
        const smarthost = new TerraformVariable(scope, 'smarthost', { type: 'string' }).stringValue;
        new HaAlertmanager(scope, 'alerting', minimalProps({ receivers: [mail('m', smarthost)] }));
      }),
    );
    expect(only(withVariable, 'kubernetes_network_policy_v1').spec.egress[2].ports.map((p: any) => p.port)).toEqual(['443', '25', '465', '587']);
  });

  test('the default route sends everything to the first receiver; the default inhibit rule mutes warnings under criticals', () => {
    expect(parse(alertmanager.configYaml)).toEqual({
      route: {
        receiver: 'oncall',
        group_by: ['alertname', 'namespace'],
        group_wait: '30s',
        group_interval: '5m',
        repeat_interval: '4h',
        routes: [{ receiver: 'watchdog-unrouted', matchers: ['alertname="Watchdog"'] }],
      },
      receivers: [
        { name: 'oncall', pagerduty_configs: [{ routing_key_file: '/etc/alertmanager/config/secrets/pagerduty/routing-key', send_resolved: true }] },
        { name: 'watchdog-unrouted' },
      ],
      inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'namespace'] }],
    });
  });

  test('the created resources are exposed', () => {
    expect(alertmanager.kubernetes.statefulSet).toBeInstanceOf(StatefulSetV1);
    expect(alertmanager.kubernetes.headlessService).toBeInstanceOf(ServiceV1);
    expect(alertmanager.kubernetes.service).toBeInstanceOf(ServiceV1);
    expect(alertmanager.kubernetes.configSecret).toBeInstanceOf(SecretV1);
    expect(alertmanager.kubernetes.rulesConfigMap).toBeInstanceOf(ConfigMapV1);
    expect(alertmanager.kubernetes.serviceAccount).toBeInstanceOf(ServiceAccountV1);
    expect(alertmanager.kubernetes.podDisruptionBudget).toBeInstanceOf(PodDisruptionBudgetV1);
    expect(alertmanager.kubernetes.networkPolicy).toBeInstanceOf(NetworkPolicyV1);
    expect(Object.keys(alertmanager.kubernetes)).toHaveLength(8);
    expect(alertmanager.node.children.map((c) => c.node.id).sort()).toEqual([
      'ConfigSecret',
      'HeadlessService',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'RulesConfigMap',
      'Service',
      'ServiceAccount',
      'StatefulSet',
    ]);
  });

  test('resilience facts: alerting on Kubernetes, 3 replicas, detection from the readiness probe, failover within the peer timeout', () => {
    const facts = alertmanager.resilienceFacts();
    expect(facts).toEqual({
      capability: CapabilityKind.ALERTING,
      platform: PlatformKind.KUBERNETES,
      replicas: 3,
      spreadAcrossZones: true,
      failureDetection: expect.anything(),
      failover: expect.anything(),
      acceptedSinglePointsOfFailure: [],
    });
    expect(facts.failureDetection!.toSeconds()).toBe(25);
    expect(facts.failover!.toSeconds()).toBe(15);
  });

  test('snapshot (minimal)', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('HaAlertmanager options', () => {
  test('replicas: peers, addresses, tolerated failures and the cluster-size rule follow the count', () => {
    const { json, alertmanager } = synth(minimalProps({ replicas: 5 }));
    expect(only(json, 'kubernetes_stateful_set_v1').spec.replicas).toBe('5');
    expect(alertmanager.peers).toHaveLength(5);
    expect(alertmanager.peers[4]).toBe('stack-alerting-4.stack-alerting-headless.monitoring.svc:9094');
    expect(container(json).args.filter((a: string) => a.startsWith('--cluster.peer='))).toHaveLength(5);
    expect(alertmanager.toleratedFailures).toBe(4);
    expect(alertmanager.rulesYaml()).toContain('min(alertmanager_cluster_members{job="stack-alerting"}) < 5');
    expect(alertmanager.resilienceFacts().replicas).toBe(5);
  });

  test('apiClients: each is one `from` peer (namespace AND pods), the namespace defaulting to the own; [] admits nobody', () => {
    const { json } = synth(
      minimalProps({
        apiClients: [
          { namespaceLabels: { 'kubernetes.io/metadata.name': 'prometheus' }, podLabels: { 'app.kubernetes.io/name': 'prometheus' } },
          { podLabels: { app: 'grafana' } },
        ],
      }),
    );
    const ingress = only(json, 'kubernetes_network_policy_v1').spec.ingress;
    expect(ingress[0]).toEqual({
      from: [
        {
          namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'prometheus' } },
          pod_selector: { match_labels: { 'app.kubernetes.io/name': 'prometheus' } },
        },
        { namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'monitoring' } }, pod_selector: { match_labels: { app: 'grafana' } } },
      ],
      ports: [{ port: '9093', protocol: 'TCP' }],
    });
    // Every rule names its sources: none admits the whole cluster.
    for (const rule of ingress) {
      expect(rule.from.length).toBeGreaterThan(0);
    }
    const closed = only(synth(minimalProps({ apiClients: [] })).json, 'kubernetes_network_policy_v1').spec.ingress;
    expect(closed).toHaveLength(1);
    expect(closed[0].ports.map((p: any) => p.port)).toEqual(['9094', '9094']);
  });

  test('clusterTls: the Secret is mounted read-only and passed as --cluster.tls-config; gossip stays replica-only', () => {
    const { json } = synth(minimalProps({ clusterTls: { secretName: 'am-tls', configKey: 'gossip.yml' } }));
    const c = container(json);
    expect(c.args).toContain('--cluster.tls-config=/etc/alertmanager/tls/gossip.yml');
    expect(c.volume_mount).toContainEqual({ name: 'cluster-tls', mount_path: '/etc/alertmanager/tls', read_only: true });
    expect(only(json, 'kubernetes_stateful_set_v1').spec.template.spec.volume).toContainEqual({
      name: 'cluster-tls',
      secret: { secret_name: 'am-tls', default_mode: '0440' },
    });
    const defaultKey = container(synth(minimalProps({ clusterTls: { secretName: 'am-tls' } })).json).args;
    expect(defaultKey).toContain('--cluster.tls-config=/etc/alertmanager/tls/cluster-tls-config.yml');
    expect(container(synth().json).args.join(' ')).not.toContain('tls');
  });

  test('name: every object is named after it', () => {
    const { json, alertmanager } = synth(minimalProps({ name: 'alertmanager' }));
    expect(alertmanager.name).toBe('alertmanager');
    expect(alertmanager.peers[0]).toBe('alertmanager-0.alertmanager-headless.monitoring.svc:9094');
    expect(resources(json, 'kubernetes_service_v1').map((s) => s.metadata.name).sort()).toEqual(['alertmanager', 'alertmanager-headless']);
    expect(only(json, 'kubernetes_secret_v1').metadata.name).toBe('alertmanager-config');
    expect(only(json, 'kubernetes_config_map_v1').metadata.name).toBe('alertmanager-rules');
    expect(container(json).args).toContain('--cluster.label=monitoring/alertmanager');
  });

  test('the platform namespace defaults to "default"', () => {
    const { alertmanager } = synth(minimalProps({ platform: Platform.kubernetes() }));
    expect(alertmanager.namespaceName).toBe('default');
    expect(alertmanager.peers[0]).toBe('stack-alerting-0.stack-alerting-headless.default.svc:9094');
  });

  test('image: a pinned tag or a digest is used as given; the version label follows the tag', () => {
    const tagged = synth(minimalProps({ image: 'registry.example.com/mirror/alertmanager:v0.27.0' }));
    expect(container(tagged.json).image).toBe('registry.example.com/mirror/alertmanager:v0.27.0');
    expect(only(tagged.json, 'kubernetes_stateful_set_v1').metadata.labels['app.kubernetes.io/version']).toBe('v0.27.0');
    const digest = 'quay.io/prometheus/alertmanager@sha256:' + 'a'.repeat(64);
    const pinned = synth(minimalProps({ image: digest }));
    expect(container(pinned.json).image).toBe(digest);
    expect(only(pinned.json, 'kubernetes_stateful_set_v1').metadata.labels).not.toHaveProperty(['app.kubernetes.io/version']);
  });

  test('storage: size and storage class', () => {
    const { json } = synth(minimalProps({ storage: { size: '5Gi', storageClassName: 'gp3-zonal' } }));
    expect(only(json, 'kubernetes_stateful_set_v1').spec.volume_claim_template[0].spec).toEqual({
      access_modes: ['ReadWriteOnce'],
      storage_class_name: 'gp3-zonal',
      resources: { requests: { storage: '5Gi' } },
    });
  });

  test('cpu, memory and ephemeralStorage: each sets its request and limit alone, like a workload\'s cpu and memory', () => {
    const { json } = synth(minimalProps({ cpu: '100m', memory: '512Mi' }));
    expect(container(json).resources).toEqual({
      requests: { 'cpu': '100m', 'memory': '512Mi', 'ephemeral-storage': '64Mi' },
      limits: { 'cpu': '100m', 'memory': '512Mi', 'ephemeral-storage': '256Mi' },
    });
    const all = synth(minimalProps({ cpu: '1', memory: '1Gi', ephemeralStorage: '100Mi' }));
    expect(container(all.json).resources).toEqual({
      requests: { 'cpu': '1', 'memory': '1Gi', 'ephemeral-storage': '100Mi' },
      limits: { 'cpu': '1', 'memory': '1Gi', 'ephemeral-storage': '100Mi' },
    });
  });

  test('allowSingleZone: the zone spread becomes a preference and is reported as an accepted single point of failure', () => {
    const { json, alertmanager } = synth(minimalProps({ allowSingleZone: true }));
    const spread = only(json, 'kubernetes_stateful_set_v1').spec.template.spec.topology_spread_constraint;
    expect(spread[0]).toEqual(expect.objectContaining({ topology_key: 'topology.kubernetes.io/zone', when_unsatisfiable: 'ScheduleAnyway' }));
    expect(spread[1]).toEqual(expect.objectContaining({ topology_key: 'kubernetes.io/hostname', when_unsatisfiable: 'DoNotSchedule' }));
    expect(alertmanager.resilienceFacts().acceptedSinglePointsOfFailure).toEqual([
      '`allowSingleZone`: replicas may share a zone, so the loss of that zone can take down alerting.',
    ]);
    expect(alertmanager.resilienceFacts().spreadAcrossZones).toBe(false);
    // A copy: changing what the checks read does not change the construct.
    alertmanager.resilienceFacts().acceptedSinglePointsOfFailure!.push('changed');
    expect(alertmanager.resilienceFacts().acceptedSinglePointsOfFailure).toHaveLength(1);
  });

  test('externalUrl: passed as --web.external-url', () => {
    const { json } = synth(minimalProps({ externalUrl: 'https://alerts.example.com' }));
    expect(container(json).args).toContain('--web.external-url=https://alerts.example.com');
    expect(container(synth().json).args.some((a: string) => a.startsWith('--web.external-url'))).toBe(false);
  });

  test('several references to one Kubernetes Secret are one projected source; each Secret is mounted under its name', () => {
    const { json } = synth(
      minimalProps({
        receivers: [
          Receiver.pagerDuty('oncall', SecretRef.kubernetes('alerting', 'pd')),
          Receiver.webhook('hook', SecretRef.kubernetes('alerting', 'hook-url')),
          Receiver.slack('team', SecretRef.kubernetes('alerting', 'pd'), { channel: '#x' }),
        ],
      }),
    );
    const sources = only(json, 'kubernetes_stateful_set_v1').spec.template.spec.volume[0].projected[0].sources;
    expect(sources).toHaveLength(2);
    expect(sources[1]).toEqual({
      secret: [
        {
          name: 'alerting',
          items: [
            { key: 'pd', path: 'secrets/alerting/pd' },
            { key: 'hook-url', path: 'secrets/alerting/hook-url' },
          ],
        },
      ],
    });
  });

  test('a Terraform-variable credential is stored in the configuration Secret and mounted from it', () => {
    let alertmanager!: HaAlertmanager;
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        alertmanager = new HaAlertmanager(scope, 'alerting', terraformVariableProps(scope));
      }),
    );
    expect(only(json, 'kubernetes_secret_v1').data).toEqual({
      'alertmanager.yml': alertmanager.configYaml,
      'receiver-1-api-url': '${var.slack_webhook}',
    });
    expect(parse(alertmanager.configYaml).receivers[1].slack_configs[0].api_url_file).toBe('/etc/alertmanager/config/credentials/receiver-1-api-url');
    expect(alertmanager.configYaml).not.toContain('var.');
    const sts = only(json, 'kubernetes_stateful_set_v1');
    expect(sts.spec.template.spec.volume[0].projected[0].sources[0].secret[0].items).toEqual([
      { key: 'alertmanager.yml', path: 'alertmanager.yml' },
      { key: 'receiver-1-api-url', path: 'credentials/receiver-1-api-url' },
    ]);
    // A new variable value must roll the pods too: Terraform hashes it into the checksum annotation.
    expect(sts.spec.template.metadata.annotations['cdktf-fault-tolerance.dev/config-checksum']).toBe(
      `\${sha256(join("\\n", ["${alertmanager.configChecksum}", var.slack_webhook]))}`,
    );
  });

  test('only Kubernetes Secret references: the configuration Secret holds the configuration alone', () => {
    expect(Object.keys(only(synth().json, 'kubernetes_secret_v1').data)).toEqual(['alertmanager.yml']);
  });

  test('changing the configuration changes the checksum; the same configuration keeps it', () => {
    const a = synth(minimalProps()).alertmanager.configChecksum;
    const b = synth(minimalProps()).alertmanager.configChecksum;
    const c = synth(minimalProps({ route: Route.to('oncall', { repeatInterval: Duration.hours(1) }) })).alertmanager.configChecksum;
    const d = synth(minimalProps({ receivers: [Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'other-key'))] })).alertmanager.configChecksum;
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(d).not.toBe(a);
  });

  test('snapshot (maximal)', () => {
    const { json } = synth(MAXIMAL);
    expect(json).toMatchSnapshot();
  });
});

describe('IAlertRouting and the platform', () => {
  test('a Kubernetes platform carries the alerting it routes to', () => {
    const { alertmanager } = synth();
    const platform = Platform.kubernetes({ namespaceName: 'shop', alerting: alertmanager });
    expect(platform.alerting).toBe(alertmanager);
    expect(platform.alerting!.alertingNamespace).toBe('monitoring');
    expect(platform.alerting!.alertmanagerAddresses).toEqual(alertmanager.alertmanagerAddresses);
    expect(Platform.kubernetes({ namespaceName: 'shop' }).alerting).toBeUndefined();
  });

  test('workloads registered after construction are in the synthesized rules ConfigMap', () => {
    const { json, alertmanager } = synth(minimalProps(), (_scope, am) => {
      const platform = Platform.kubernetes({ namespaceName: 'shop', alerting: am });
      platform.alerting!.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name: 'web', minReplicas: 3, scrapeJob: 'shop-web' });
    });
    const rules = only(json, 'kubernetes_config_map_v1').data['rules.yaml'];
    expect(rules).toBe(alertmanager.rulesYaml());
    expect(rules).toContain('kube_deployment_status_replicas_available{namespace="shop",deployment="web"} < 3');
    expect(rules).toContain('up{job="shop-web"} == 0');
    expect(alertmanager.monitoredWorkloads.map((w) => `${w.kind}/${w.namespaceName}/${w.name}`)).toEqual([
      'STATEFUL_SET/monitoring/stack-alerting',
      'DEPLOYMENT/shop/web',
    ]);
  });

  test('a workload registered twice keeps its last registration', () => {
    const { alertmanager } = synth();
    alertmanager.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name: 'web', minReplicas: 2 });
    alertmanager.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name: 'web', minReplicas: 4 });
    expect(alertmanager.monitoredWorkloads).toHaveLength(2);
    expect(alertmanager.monitoredWorkloads[1].minReplicas).toBe(4);
  });

  test('a workload minimum below 1 is refused', () => {
    const { alertmanager } = synth();
    expect(() => alertmanager.monitorWorkload({ kind: WorkloadKind.STATEFUL_SET, namespaceName: 'db', name: 'pg', minReplicas: 0 })).toThrow(
      'HaAlertmanager "stack/alerting": `minReplicas` of StatefulSet db/pg must be a whole number of at least 1, got 0.',
    );
  });

  test('a workload kind that is not a WorkloadKind member is refused (plain JavaScript, or the old "Deployment")', () => {
    const { alertmanager } = synth();
    expect(() => alertmanager.monitorWorkload({ kind: 'Deployment' as WorkloadKind, namespaceName: 'shop', name: 'web' })).toThrow(
      'HaAlertmanager "stack/alerting": `workload.kind` must be one of WorkloadKind.DEPLOYMENT, WorkloadKind.STATEFUL_SET, got "Deployment".',
    );
    expect(() => alertmanager.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 5 as any, name: undefined as any })).toThrow(
      'HaAlertmanager "stack/alerting" has 2 invalid props:\n' +
        '  - `workload.namespaceName` must be a namespace name, got 5.\n' +
        '  - `workload.name` must be a workload name, got nothing.',
    );
    expect(alertmanager.monitoredWorkloads).toHaveLength(1);
  });

  test('namespaces given as tokens flow into names and peers unvalidated', () => {
    const namespace = Lazy.stringValue({ produce: () => 'ops' });
    const { json, alertmanager } = synth(minimalProps({ platform: Platform.kubernetes({ namespaceName: namespace }) }));
    expect(only(json, 'kubernetes_stateful_set_v1').metadata.namespace).toBe('ops');
    expect(container(json).args).toContain('--cluster.peer=stack-alerting-0.stack-alerting-headless.ops.svc:9094');
    expect(alertmanager.peers).toHaveLength(3);
  });

  test('HaAlertmanager is exposed as a construct implementing IResilient', () => {
    expect(typeof HaAlertmanager.prototype.resilienceFacts).toBe('function');
    expect(SLACK.name).toBe('team');
  });
});
