import 'cdktf/lib/testing/adapters/jest';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Testing, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { Duration, HealthCheck } from '../../src';
import {
  ANNOTATION_CONSTRUCT_PATH,
  containerProbes,
  isDnsLabel,
  isDnsSubdomain,
  isLabelValue,
  isQuantity,
  livenessProbe,
  podDisruptionBudgetSpec,
  preferredHostAntiAffinity,
  readinessProbe,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  selectorLabels,
  standardAnnotations,
  standardLabels,
  startupFailureThreshold,
  startupProbe,
  toLabelValue,
  zoneAndHostSpread,
} from '../../src/core/private/kubernetes';

const SELECTOR = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'shop-web' };

describe('labels and annotations', () => {
  test('standard labels: name, instance, component, part-of, version and managed-by', () => {
    expect(standardLabels({ name: 'alertmanager', instance: 'shop-alerting', component: 'alerting', partOf: 'shop', version: 'v0.28.1' })).toEqual({
      'app.kubernetes.io/name': 'alertmanager',
      'app.kubernetes.io/instance': 'shop-alerting',
      'app.kubernetes.io/component': 'alerting',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/version': 'v0.28.1',
      'app.kubernetes.io/managed-by': 'cdktf-fault-tolerance',
    });
  });

  test('optional labels are left out when not given', () => {
    expect(standardLabels({ name: 'web', instance: 'shop-web' })).toEqual({
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/instance': 'shop-web',
      'app.kubernetes.io/managed-by': 'cdktf-fault-tolerance',
    });
  });

  test('selector labels are name and instance only, never the version', () => {
    expect(selectorLabels({ name: 'web', instance: 'shop-web', version: '1.0.0', component: 'api' })).toEqual(SELECTOR);
  });

  test('label values are made valid: "/" and ":" become "-", trimmed to 63 characters', () => {
    expect(standardLabels({ name: 'web', instance: 'stack/web:1' })['app.kubernetes.io/instance']).toBe('stack-web-1');
    expect(toLabelValue('-a'.repeat(40))).toBe('a-'.repeat(30) + 'a');
    expect(toLabelValue('___')).toBe('');
  });

  test('the construct path is an annotation (label values cannot contain "/"), with a valid key', () => {
    const stack = new TerraformStack(Testing.app(), 'shop');
    const web = new Construct(new Construct(stack, 'app'), 'web');
    expect(standardAnnotations(web)).toEqual({ 'cdktf-fault-tolerance.dev/construct-path': 'shop/app/web' });
    expect(standardAnnotations(web, { team: 'payments' })).toEqual({ [ANNOTATION_CONSTRUCT_PATH]: 'shop/app/web', team: 'payments' });
    expect(ANNOTATION_CONSTRUCT_PATH).toMatch(/^[a-z0-9.-]+\/[A-Za-z0-9][-A-Za-z0-9_.]*$/);
  });

  test('property: toLabelValue always yields a valid label value', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => isLabelValue(toLabelValue(s))));
  });
});

describe('name and quantity checks', () => {
  test.each([
    ['alertmanager', true],
    ['a-1', true],
    ['1a', true],
    ['A', false],
    ['-a', false],
    ['a-', false],
    ['a_b', false],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
  ])('isDnsLabel(%j) is %s', (value, ok) => {
    expect(isDnsLabel(value)).toBe(ok);
  });

  test('isDnsLabel honours a shorter maximum', () => {
    expect(isDnsLabel('a'.repeat(52), 52)).toBe(true);
    expect(isDnsLabel('a'.repeat(53), 52)).toBe(false);
  });

  test('isDnsSubdomain allows dots', () => {
    expect(isDnsSubdomain('pagerduty.keys')).toBe(true);
    expect(isDnsSubdomain('Pagerduty')).toBe(false);
    expect(isDnsSubdomain('a..b')).toBe(false);
  });

  test.each([['100m', true], ['1Gi', true], ['0.5', true], ['128Mi', true], ['1gi', false], ['-1', false], ['', false], ['1 Gi', false]])(
    'isQuantity(%j) is %s',
    (value, ok) => {
      expect(isQuantity(value)).toBe(ok);
    },
  );
});

describe('restricted security contexts', () => {
  test('container: non-root 65534, read-only root, no escalation, not privileged, drop ALL, RuntimeDefault seccomp', () => {
    expect(restrictedContainerSecurityContext()).toEqual({
      runAsNonRoot: true,
      runAsUser: '65534',
      runAsGroup: '65534',
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('container: user and group are configurable', () => {
    expect(restrictedContainerSecurityContext({ runAsUser: 10001, runAsGroup: 10002 })).toEqual(
      expect.objectContaining({ runAsUser: '10001', runAsGroup: '10002' }),
    );
  });

  test('pod: non-root, fsGroup defaults to the group, ownership changed on mismatch only, RuntimeDefault seccomp', () => {
    expect(restrictedPodSecurityContext()).toEqual({
      runAsNonRoot: true,
      runAsUser: '65534',
      runAsGroup: '65534',
      fsGroup: '65534',
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(restrictedPodSecurityContext({ runAsGroup: 2000 }).fsGroup).toBe('2000');
    expect(restrictedPodSecurityContext({ runAsGroup: 2000, fsGroup: 3000 }).fsGroup).toBe('3000');
  });
});

describe('probes from a HealthCheck', () => {
  const http = HealthCheck.http('/health');

  test('readiness: interval, timeout and both thresholds of the check, on the traffic port', () => {
    expect(readinessProbe(http, 3000)).toEqual({
      httpGet: { path: '/health', port: '3000', scheme: 'HTTP' },
      periodSeconds: 10,
      timeoutSeconds: 5,
      successThreshold: 2,
      failureThreshold: 2,
    });
  });

  test('the check\'s own port wins over the traffic port', () => {
    expect(readinessProbe(HealthCheck.http('/h', { port: 8081 }), 3000).httpGet!.port).toBe('8081');
  });

  test('HTTPS checks probe with scheme HTTPS', () => {
    expect(readinessProbe(HealthCheck.https('/h'), 8443).httpGet).toEqual({ path: '/h', port: '8443', scheme: 'HTTPS' });
  });

  test('TCP checks render tcp_socket, gRPC checks grpc (with the service when given)', () => {
    expect(readinessProbe(HealthCheck.tcp(), 5432)).toEqual(expect.objectContaining({ tcpSocket: [{ port: '5432' }] }));
    expect(readinessProbe(HealthCheck.grpc(), 9000)).toEqual(expect.objectContaining({ grpc: [{ port: 9000 }] }));
    expect(readinessProbe(HealthCheck.grpc({ service: 'api.v1' }), 9000).grpc).toEqual([{ port: 9000, service: 'api.v1' }]);
    expect(readinessProbe(HealthCheck.tcp(), 5432).httpGet).toBeUndefined();
  });

  test('liveness: success threshold 1 (required by Kubernetes), twice the failures readiness needs', () => {
    expect(livenessProbe(HealthCheck.http('/h', { unhealthyThreshold: 3 }), 80)).toEqual(
      expect.objectContaining({ successThreshold: 1, failureThreshold: 6, periodSeconds: 10, timeoutSeconds: 5 }),
    );
  });

  test('startup: failure threshold = ceil(gracePeriod / interval), at least 1', () => {
    expect(startupProbe(http, 80)).toEqual(expect.objectContaining({ successThreshold: 1, failureThreshold: 6, periodSeconds: 10 }));
    expect(startupFailureThreshold(HealthCheck.http('/', { gracePeriod: Duration.seconds(65) }))).toBe(7);
    expect(startupFailureThreshold(HealthCheck.http('/', { gracePeriod: Duration.seconds(0) }))).toBe(1);
    expect(startupFailureThreshold(HealthCheck.http('/', { gracePeriod: Duration.minutes(5), interval: Duration.seconds(30) }))).toBe(10);
  });

  test('startup: a token interval or grace period gives the threshold as a Terraform expression', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const grace = new TerraformVariable(stack, 'grace', { type: 'number' }).numberValue;
    const threshold = startupFailureThreshold(HealthCheck.http('/', { gracePeriod: Duration.seconds(grace) }));
    expect(Tokenization.resolve(threshold, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) })).toBe(
      '${max(1, ceil((var.grace / 10)))}',
    );
  });

  test('containerProbes: readiness from the first check, liveness and startup from the second (or the first)', () => {
    const probes = containerProbes(HealthCheck.http('/ready'), 9093, HealthCheck.http('/healthy'));
    expect(probes.readinessProbe.httpGet!.path).toBe('/ready');
    expect(probes.livenessProbe.httpGet!.path).toBe('/healthy');
    expect(probes.startupProbe.httpGet!.path).toBe('/healthy');
    expect(containerProbes(http, 80).livenessProbe.httpGet!.path).toBe('/health');
  });

  test('property: the startup budget always covers the grace period, and never by a whole interval more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 300 }), fc.integer({ min: 0, max: 7200 }), (interval, grace) => {
        const threshold = startupFailureThreshold(
          HealthCheck.http('/', { interval: Duration.seconds(interval), gracePeriod: Duration.seconds(grace) }),
        );
        return threshold >= 1 && threshold * interval >= grace && (threshold === 1 || (threshold - 1) * interval < grace);
      }),
    );
  });
});

describe('placement and disruption', () => {
  test('spread over zones, then nodes, max skew 1, refusing to stack by default', () => {
    expect(zoneAndHostSpread(SELECTOR)).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: [{ matchLabels: SELECTOR }] },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: [{ matchLabels: SELECTOR }] },
    ]);
  });

  test('each spread can be relaxed to ScheduleAnyway', () => {
    const [zones, hosts] = zoneAndHostSpread(SELECTOR, { zones: 'ScheduleAnyway', hosts: 'ScheduleAnyway' });
    expect(zones.whenUnsatisfiable).toBe('ScheduleAnyway');
    expect(hosts.whenUnsatisfiable).toBe('ScheduleAnyway');
  });

  test('anti-affinity on the hostname is preferred (weight 100), never required', () => {
    expect(preferredHostAntiAffinity(SELECTOR)).toEqual({
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: [{ matchLabels: SELECTOR }] } },
        ],
      },
    });
  });

  test('the disruption budget lets one replica go at a time', () => {
    expect(podDisruptionBudgetSpec(SELECTOR)).toEqual({ maxUnavailable: '1', selector: { matchLabels: SELECTOR } });
  });

  test('helpers return copies: changing a result never changes the selector', () => {
    const selector = { ...SELECTOR };
    podDisruptionBudgetSpec(selector).selector.matchLabels.extra = 'x';
    zoneAndHostSpread(selector)[0].labelSelector[0].matchLabels.extra = 'x';
    expect(selector).toEqual(SELECTOR);
  });
});

describe('the helpers fit the provider bindings of both Deployments and StatefulSets', () => {
  const labels = standardLabels({ name: 'web', instance: 'shop-web' });
  const podSpec = {
    securityContext: restrictedPodSecurityContext(),
    topologySpreadConstraint: zoneAndHostSpread(SELECTOR),
    affinity: preferredHostAntiAffinity(SELECTOR),
    container: [
      {
        name: 'web',
        image: 'registry.example.com/web:1.0.0',
        securityContext: restrictedContainerSecurityContext(),
        ...containerProbes(HealthCheck.http('/health'), 3000),
      },
    ],
  };
  const text = Testing.synthScope((scope) => {
    new DeploymentV1(scope, 'Deployment', {
      metadata: { name: 'web', labels },
      spec: { selector: { matchLabels: SELECTOR }, template: { metadata: { labels }, spec: podSpec } },
    });
    new StatefulSetV1(scope, 'StatefulSet', {
      metadata: { name: 'db', labels },
      spec: { serviceName: 'db', selector: { matchLabels: SELECTOR }, template: { metadata: { labels }, spec: podSpec } },
    });
    new PodDisruptionBudgetV1(scope, 'Pdb', { metadata: { name: 'web' }, spec: podDisruptionBudgetSpec(SELECTOR) });
  });

  test('probes and security contexts synthesize in the provider\'s snake_case blocks', () => {
    expect(text).toHaveResourceWithProperties(DeploymentV1, {
      spec: expect.objectContaining({
        template: expect.objectContaining({
          spec: expect.objectContaining({
            container: [
              expect.objectContaining({
                readiness_probe: expect.objectContaining({ http_get: { path: '/health', port: '3000', scheme: 'HTTP' }, failure_threshold: 2 }),
                startup_probe: expect.objectContaining({ failure_threshold: 6 }),
                security_context: expect.objectContaining({ capabilities: { drop: ['ALL'] }, seccomp_profile: { type: 'RuntimeDefault' } }),
              }),
            ],
            topology_spread_constraint: [
              expect.objectContaining({ topology_key: 'topology.kubernetes.io/zone' }),
              expect.objectContaining({ topology_key: 'kubernetes.io/hostname' }),
            ],
          }),
        }),
      }),
    });
    expect(text).toHaveResourceWithProperties(StatefulSetV1, {
      spec: expect.objectContaining({
        template: expect.objectContaining({
          spec: expect.objectContaining({ security_context: expect.objectContaining({ fs_group: '65534', run_as_non_root: true }) }),
        }),
      }),
    });
    expect(text).toHaveResourceWithProperties(PodDisruptionBudgetV1, { spec: { max_unavailable: '1', selector: { match_labels: SELECTOR } } });
  });
});
