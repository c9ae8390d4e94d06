import 'cdktf/lib/testing/adapters/jest';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { only, resources, synthKubernetes } from './fixtures';
import { CapabilityKind, Duration, HaAlertmanager, HealthCheck, HealthCheckedLoadBalancer, MultiAzService, Platform, PlatformKind, Receiver, SecretRef, Workload, WorkloadKind } from '../../src';

const SELECTOR = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'stack-web' };
const LABELS = { ...SELECTOR, 'app.kubernetes.io/component': 'service', 'app.kubernetes.io/managed-by': 'cdktf-fault-tolerance' };
const TRACK = 'cdktf-fault-tolerance.dev/track';
const IMAGE = 'registry.example.com/fault-app:1.0.0';

describe('MultiAzService on Kubernetes: defaults', () => {
  const { json, text, service } = synthKubernetes();
  const deployment = only(json, 'kubernetes_deployment_v1');
  const pod = deployment.spec.template.spec;
  const app = pod.container[0];

  test('2 replicas in the platform namespace, selected by name, instance and track', () => {
    expect(text).toHaveResourceWithProperties(DeploymentV1, {
      metadata: { name: 'stack-web', namespace: 'shop', labels: LABELS, annotations: { 'cdktf-fault-tolerance.dev/construct-path': 'stack/web' } },
      spec: expect.objectContaining({ replicas: '2', selector: { match_labels: { ...SELECTOR, [TRACK]: 'stable' } } }),
    });
    expect(deployment.spec.template.metadata.labels).toEqual({ ...LABELS, 'app.kubernetes.io/version': '1.0.0', [TRACK]: 'stable' });
    expect(service.minReplicas).toBe(2);
  });

  test('rolling updates that never take a ready pod away first: max_unavailable 0, max_surge 25% (at least 1)', () => {
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rolling_update: { max_surge: '25%', max_unavailable: '0' } });
    expect(deployment.spec).toMatchObject({ progress_deadline_seconds: 600, revision_history_limit: 10 });
    expect(deployment.spec.min_ready_seconds).toBeUndefined();
    expect(deployment.lifecycle).toBeUndefined();
    expect(deployment.timeouts).toBeUndefined();
  });

  test('readiness, liveness and startup probes from the one health check', () => {
    const httpGet = { path: '/health', port: '3000', scheme: 'HTTP' };
    expect(app.readiness_probe).toEqual({ http_get: httpGet, period_seconds: 10, timeout_seconds: 5, success_threshold: 2, failure_threshold: 2 });
    expect(app.liveness_probe).toEqual({ http_get: httpGet, period_seconds: 10, timeout_seconds: 5, success_threshold: 1, failure_threshold: 4 });
    expect(app.startup_probe).toEqual({ http_get: httpGet, period_seconds: 10, timeout_seconds: 5, success_threshold: 1, failure_threshold: 6 });
  });

  test('a non-root, read-only container without capabilities, RuntimeDefault seccomp', () => {
    expect(app.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: '65534',
      run_as_group: '65534',
      read_only_root_filesystem: true,
      allow_privilege_escalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(pod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: '65534', seccomp_profile: { type: 'RuntimeDefault' } });
  });

  test('a writable /tmp on an emptyDir, the only writable path', () => {
    expect(app.volume_mount).toEqual([{ name: 'tmp', mount_path: '/tmp' }]);
    expect(pod.volume).toEqual([{ name: 'tmp', empty_dir: { size_limit: '64Mi' } }]);
  });

  test('requests equal limits (Guaranteed QoS): 250m CPU, 256Mi memory; ephemeral storage bounded', () => {
    expect(app.resources).toEqual({
      requests: { 'cpu': '250m', 'memory': '256Mi', 'ephemeral-storage': '64Mi' },
      limits: { 'cpu': '250m', 'memory': '256Mi', 'ephemeral-storage': '512Mi' },
    });
  });

  test('the pinned image, pulled only when missing; the traffic port', () => {
    expect(app).toMatchObject({ name: 'app', image: IMAGE, image_pull_policy: 'IfNotPresent' });
    expect(app.port).toEqual([{ name: 'traffic', container_port: 3000, protocol: 'TCP' }]);
    expect(app.command).toBeUndefined();
    expect(app.env).toBeUndefined();
  });

  test('connection draining: a 5 s pre-stop pause, then 30 s to shut down', () => {
    expect(app.lifecycle).toEqual({ pre_stop: [{ exec: { command: ['sleep', '5'] } }] });
    expect(pod.termination_grace_period_seconds).toBe(35);
  });

  test('a ServiceAccount without an API token, no service links', () => {
    expect(text).toHaveResourceWithProperties(ServiceAccountV1, {
      metadata: expect.objectContaining({ name: 'stack-web', namespace: 'shop' }),
      automount_service_account_token: false,
    });
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.enable_service_links).toBe(false);
    expect(pod.service_account_name).toMatch(/kubernetes_service_account_v1\.web_ServiceAccount_\w+\.metadata\[0\]\.name/);
  });

  test('spread evenly over zones and nodes (DoNotSchedule), failed zones not counted, same revision compared', () => {
    const selector = [{ match_labels: { ...SELECTOR, [TRACK]: 'stable' } }];
    expect(pod.topology_spread_constraint).toEqual([
      {
        max_skew: 1,
        topology_key: 'topology.kubernetes.io/zone',
        when_unsatisfiable: 'DoNotSchedule',
        node_taints_policy: 'Honor',
        match_label_keys: ['pod-template-hash'],
        label_selector: selector,
      },
      {
        max_skew: 1,
        topology_key: 'kubernetes.io/hostname',
        when_unsatisfiable: 'DoNotSchedule',
        node_taints_policy: 'Honor',
        match_label_keys: ['pod-template-hash'],
        label_selector: selector,
      },
    ]);
    expect(pod.affinity.pod_anti_affinity.preferred_during_scheduling_ignored_during_execution[0]).toMatchObject({ weight: 100 });
  });

  test('a PodDisruptionBudget over every pod of the service: one voluntary disruption at a time', () => {
    expect(text).toHaveResourceWithProperties(PodDisruptionBudgetV1, {
      metadata: expect.objectContaining({ name: 'stack-web', namespace: 'shop' }),
      spec: { max_unavailable: '1', selector: { match_labels: SELECTOR } },
    });
  });

  test('a NetworkPolicy admitting the service port only', () => {
    expect(text).toHaveResourceWithProperties(NetworkPolicyV1, {
      spec: {
        pod_selector: { match_labels: SELECTOR },
        policy_types: ['Ingress'],
        ingress: [{ ports: [{ port: '3000', protocol: 'TCP' }] }],
      },
    });
  });

  test('registered with the load balancer: the Service selects every pod of the service on the container port', () => {
    const lbService = only(json, 'kubernetes_service_v1');
    expect(lbService.spec.selector).toEqual(SELECTOR);
    expect(lbService.spec.port[0]).toMatchObject({ port: 80, target_port: '3000' });
    expect(service.targets.map((t) => [t.id, t.port, t.selector])).toEqual([['web', 3000, SELECTOR]]);
    expect(service.kubernetes!.selector).toEqual(SELECTOR);
  });

  test('no namespace, autoscaler or alarms by default', () => {
    expect(resources(json, 'kubernetes_namespace_v1')).toEqual([]);
    expect(resources(json, 'kubernetes_horizontal_pod_autoscaler_v2')).toEqual([]);
    expect(service.alarms).toEqual([]);
    expect(service.kubernetes!.createdNamespace).toBeUndefined();
  });

  test('exposes what it created', () => {
    expect(service.kubernetes!.deployments[0]).toBe(service.kubernetes!.deployments[0]);
    expect(service.kubernetes!.serviceAccount).toBeDefined();
    expect(service.kubernetes!.podDisruptionBudget).toBeDefined();
    expect(service.kubernetes!.networkPolicy).toBeDefined();
    expect(service.aws).toBeUndefined();
    expect(() => service.securityGroupId).toThrow('MultiAzService "stack/web" runs on Kubernetes and has no security group');
  });

  test('resilience facts: replicas forced into distinct zones, detection from the readiness probe', () => {
    const facts = service.resilienceFacts();
    expect(facts).toMatchObject({
      capability: CapabilityKind.SERVICE,
      platform: PlatformKind.KUBERNETES,
      replicas: 2,
      spreadAcrossZones: true,
      acceptedSinglePointsOfFailure: [],
    });
    expect(facts.zones).toBeUndefined();
    expect(facts.failureDetection!.toSeconds()).toBe(25);
  });
});

describe('MultiAzService on Kubernetes: options', () => {
  test('zones: replicas default to max(2, zones); the facts count them', () => {
    const { json, service } = synthKubernetes({ zones: 3 });
    expect(only(json, 'kubernetes_deployment_v1').spec.replicas).toBe('3');
    expect(service.resilienceFacts()).toMatchObject({ zones: 3, replicas: 3 });
  });

  test('replicas', () => {
    const { json } = synthKubernetes({ replicas: 4 });
    expect(only(json, 'kubernetes_deployment_v1').spec.replicas).toBe('4');
  });

  test('allowSingleZone: ScheduleAnyway over zones, reported as an accepted single point of failure', () => {
    const { json, service } = synthKubernetes({ allowSingleZone: true, zones: 1 });
    const spread = only(json, 'kubernetes_deployment_v1').spec.template.spec.topology_spread_constraint;
    expect(spread.map((c: any) => c.when_unsatisfiable)).toEqual(['ScheduleAnyway', 'DoNotSchedule']);
    const facts = service.resilienceFacts();
    expect(facts.spreadAcrossZones).toBe(false);
    expect(facts.zones).toBeUndefined();
    expect(facts.acceptedSinglePointsOfFailure).toEqual([expect.stringContaining('`allowSingleZone`')]);
  });

  test('createNamespace: the restricted Pod Security Standard enforced, every object waits for it', () => {
    const { json, text, service } = synthKubernetes({ createNamespace: true });
    expect(text).toHaveResourceWithProperties(NamespaceV1, {
      metadata: expect.objectContaining({
        name: 'shop',
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      }),
    });
    expect(only(json, 'kubernetes_deployment_v1').metadata.namespace).toMatch(/kubernetes_namespace_v1\.web_Namespace_\w+\.metadata\[0\]\.name/);
    expect(only(json, 'kubernetes_service_v1').depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\.web_Namespace_\w+$/)]);
    expect(service.kubernetes!.createdNamespace).toBeDefined();
  });

  test('cpu and memory', () => {
    const { json } = synthKubernetes({ workload: Workload.container({ image: IMAGE, port: 3000, cpu: '1', memory: '1Gi' }) });
    expect(only(json, 'kubernetes_deployment_v1').spec.template.spec.container[0].resources).toMatchObject({
      requests: { cpu: '1', memory: '1Gi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
  });

  test('environment, secrets by reference, command, args, user', () => {
    const { json } = synthKubernetes({
      workload: Workload.container({
        image: IMAGE,
        port: 3000,
        environment: { NODE_ENV: 'production' },
        secrets: { API_TOKEN: SecretRef.kubernetes('api-credentials', 'token') },
        command: ['node'],
        args: ['server.js'],
        user: 10001,
      }),
    });
    const pod = only(json, 'kubernetes_deployment_v1').spec.template.spec;
    expect(pod.container[0]).toMatchObject({
      command: ['node'],
      args: ['server.js'],
      env: [
        { name: 'NODE_ENV', value: 'production' },
        { name: 'API_TOKEN', value_from: { secret_key_ref: { name: 'api-credentials', key: 'token', optional: false } } },
      ],
      security_context: expect.objectContaining({ run_as_user: '10001', run_as_group: '10001' }),
    });
    expect(pod.security_context).toMatchObject({ run_as_user: '10001', fs_group: '10001' });
  });

  test('a digest-pinned image: the version label is the digest\'s start', () => {
    const image = `registry.example.com/fault-app@sha256:${'a'.repeat(64)}`;
    const { json } = synthKubernetes({ workload: Workload.container({ image, port: 3000 }) });
    const deployment = only(json, 'kubernetes_deployment_v1');
    expect(deployment.spec.template.spec.container[0].image).toBe(image);
    expect(deployment.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('aaaaaaaaaaaa');
  });

  test('a TCP health check becomes TCP probes; a separate health port is admitted by the NetworkPolicy', () => {
    const { json } = synthKubernetes({ healthCheck: HealthCheck.tcp({ port: 9000 }) });
    const app = only(json, 'kubernetes_deployment_v1').spec.template.spec.container[0];
    expect(app.readiness_probe.tcp_socket).toEqual([{ port: '9000' }]);
    expect(only(json, 'kubernetes_network_policy_v1').spec.ingress[0].ports).toEqual([
      { port: '3000', protocol: 'TCP' },
      { port: '9000', protocol: 'TCP' },
    ]);
  });

  test('livenessCheck: a separate check restarts the container (liveness, startup); readiness keeps the health check', () => {
    const { json } = synthKubernetes({ livenessCheck: HealthCheck.http('/alive') });
    const app = only(json, 'kubernetes_deployment_v1').spec.template.spec.container[0];
    expect(app.readiness_probe.http_get.path).toBe('/health');
    expect(app.liveness_probe.http_get.path).toBe('/alive');
    expect(app.startup_probe.http_get.path).toBe('/alive');
  });

  test('shutdownGracePeriod', () => {
    const { json } = synthKubernetes({ shutdownGracePeriod: Duration.seconds(60) });
    expect(only(json, 'kubernetes_deployment_v1').spec.template.spec.termination_grace_period_seconds).toBe(65);
  });

  test('name', () => {
    const { json } = synthKubernetes({ name: 'web' });
    expect(only(json, 'kubernetes_deployment_v1').metadata.name).toBe('web');
    expect(only(json, 'kubernetes_pod_disruption_budget_v1').spec.selector.match_labels['app.kubernetes.io/instance']).toBe('web');
  });

  test('scaling: an autoscaling/v2 HPA on CPU, scaling in gently; Terraform leaves the replica count to it', () => {
    const { json, text, service } = synthKubernetes({ scaling: { minReplicas: 3, maxReplicas: 10, targetCpuUtilization: 70 } });
    expect(text).toHaveResourceWithProperties(HorizontalPodAutoscalerV2, {
      metadata: expect.objectContaining({ name: 'stack-web', namespace: 'shop' }),
      spec: {
        min_replicas: 3,
        max_replicas: 10,
        scale_target_ref: { api_version: 'apps/v1', kind: 'Deployment', name: expect.stringMatching(/web_Deployment_\w+\.metadata\[0\]\.name/) },
        metric: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } }],
        behavior: {
          scale_down: [{ stabilization_window_seconds: 300, select_policy: 'Max', policy: [{ type: 'Pods', value: 1, period_seconds: 60 }] }],
        },
      },
    });
    const deployment = only(json, 'kubernetes_deployment_v1');
    expect(deployment.spec.replicas).toBe('3');
    expect(deployment.lifecycle).toEqual({ ignore_changes: ['spec[0].replicas'] });
    expect(service.kubernetes!.autoscalers).toHaveLength(1);
  });

  test('scaling without a target tracks CPU at 60%', () => {
    const { json } = synthKubernetes({ scaling: { minReplicas: 2, maxReplicas: 4 } });
    expect(only(json, 'kubernetes_horizontal_pod_autoscaler_v2').spec.metric[0].resource.target.average_utilization).toBe(60);
  });

  test('without a load balancer: no Service; the probes still guard the pods', () => {
    const { json, service } = synthKubernetes({}, { loadBalancer: false });
    expect(resources(json, 'kubernetes_service_v1')).toEqual([]);
    expect(service.targets).toEqual([]);
    expect(only(json, 'kubernetes_deployment_v1').spec.template.spec.container[0].readiness_probe).toBeDefined();
  });

  test('the platform\'s alerting watches the Deployment (replicas below the minimum, rollout, unavailable)', () => {
    let alerting!: HaAlertmanager;
    Testing.synthScope((scope) => {
      alerting = new HaAlertmanager(scope, 'alerting', {
        platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
        receivers: [Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'))],
      });
      const platform = Platform.kubernetes({ namespaceName: 'shop', alerting });
      const lb = new HealthCheckedLoadBalancer(scope, 'web-lb', { platform });
      new MultiAzService(scope, 'web', { platform, loadBalancer: lb, replicas: 3, workload: Workload.container({ image: IMAGE, port: 3000 }) });
    });
    expect(alerting.monitoredWorkloads).toContainEqual({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name: 'stack-web', minReplicas: 3 });
    const rules = parse(alerting.rulesYaml());
    const exprs = rules.groups.flatMap((g: any) => g.rules.map((r: any) => r.expr));
    expect(exprs).toContain('kube_deployment_status_replicas_available{namespace="shop",deployment="stack-web"} < 3');
  });
});
