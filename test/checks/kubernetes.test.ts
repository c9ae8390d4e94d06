import 'cdktf/lib/testing/adapters/jest';
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import { DeploymentV1, DeploymentV1Spec } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { DeploymentV1SpecTemplateSpecContainer } from '@cdktf/provider-kubernetes/lib/deployment-v1/index-structs';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { PodV1 } from '@cdktf/provider-kubernetes/lib/pod-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { only, reportOf, unresolvables, violations } from './helpers';
import { Duration, ResilienceChecks, ResilienceTarget } from '../../src';
import { parseImage } from '../../src/core/private/image';

const LABELS = { app: 'web' };

/** A container that passes every rule, changed by `changes`. */
function container(changes: Partial<DeploymentV1SpecTemplateSpecContainer> = {}): DeploymentV1SpecTemplateSpecContainer {
  return {
    name: 'app',
    image: 'registry.example.com/web:1.0.0',
    readinessProbe: { httpGet: { path: '/health', port: '3000' }, periodSeconds: 10, failureThreshold: 2, timeoutSeconds: 5 },
    livenessProbe: { httpGet: { path: '/health', port: '3000' } },
    securityContext: { runAsNonRoot: true },
    resources: { requests: { cpu: '100m', memory: '128Mi' } },
    ...changes,
  };
}

/** A robust Deployment (with its PodDisruptionBudget unless `pdb` is false), changed by `spec`. */
interface DeploymentOptions {
  readonly containers?: any[];
  readonly podSpec?: any;
  readonly pdb?: boolean;
}

function deployment(s: TerraformStack, id: string, spec: Partial<DeploymentV1Spec> = {}, options: DeploymentOptions = {}): DeploymentV1 {
  const d = new DeploymentV1(s, id, {
    metadata: { name: id, namespace: 'shop' },
    spec: {
      replicas: '3',
      selector: { matchLabels: { ...LABELS, name: id } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0', maxSurge: '1' } },
      template: {
        metadata: { labels: { ...LABELS, name: id } },
        spec: {
          container: options.containers ?? [container()],
          topologySpreadConstraint: [{ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: [{ matchLabels: LABELS }] }],
          ...options.podSpec,
        },
      },
      ...spec,
    },
  });
  if (options.pdb ?? true) {
    new PodDisruptionBudgetV1(s, `${id}-pdb`, { metadata: { name: id, namespace: 'shop' }, spec: { maxUnavailable: '1', selector: { matchLabels: { name: id } } } });
  }
  return d;
}

describe('FT-K8S-1: fewer than 2 replicas', () => {
  test('Noncompliance 1: replicas unset (default 1)', () => {
    expect(only('FT-K8S-1', (s) => deployment(s, 'web', { replicas: undefined })).detail).toBe('`spec.replicas` is unset (default 1)');
  });
  test('Noncompliance 2: StatefulSet with 1 replica', () => {
    expect(
      violations('FT-K8S-1', (s) =>
        new StatefulSetV1(s, 'db', {
          metadata: { name: 'db' },
          spec: { serviceName: 'db', replicas: '1', selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: { container: [container()] } } },
        }),
      ),
    ).toEqual(['FT-K8S-1:db']);
  });
  test('Noncompliance 3: autoscaler with min_replicas 1', () => {
    const f = only('FT-K8S-1', (s) => {
      deployment(s, 'web', { replicas: undefined });
      new HorizontalPodAutoscalerV2(s, 'hpa', {
        metadata: { name: 'web', namespace: 'shop' },
        spec: { maxReplicas: 10, minReplicas: 1, scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' } },
      });
    });
    expect(f.detail).toBe('its autoscaler `kubernetes_horizontal_pod_autoscaler_v2.hpa` has `min_replicas` 1');
  });
  test('Unresolvable: replicas from a variable', () => {
    expect(
      unresolvables('FT-K8S-1', (s) => deployment(s, 'web', { replicas: new TerraformVariable(s, 'replicas', { type: 'string' }).stringValue })),
    ).toEqual(['cannot check at synth time: `spec.replicas` is `${var.replicas}`, known only at deploy time']);
  });
  test('Compliance: 3 replicas, or an autoscaler with min_replicas 2', () => {
    expect(
      violations('FT-K8S-1', (s) => {
        deployment(s, 'web');
        deployment(s, 'api', { replicas: undefined });
        new HorizontalPodAutoscalerV2(s, 'hpa', {
          metadata: { name: 'api', namespace: 'shop' },
          spec: { maxReplicas: 10, minReplicas: 2, scaleTargetRef: { kind: 'Deployment', name: 'api' } },
        });
      }),
    ).toEqual([]);
  });
});

describe('FT-K8S-1: a canary Deployment is recognised by its track label', () => {
  const TRACK = 'cdktf-fault-tolerance.dev/track';
  const APP = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'shop-web' };
  /** A Deployment of the `shop-web` instance on `track`, with `replicas` pods. */
  const tracked = (s: TerraformStack, id: string, track: string, replicas: string, app: Record<string, string> = APP) =>
    deployment(s, id, {
      replicas,
      selector: { matchLabels: { ...app, [TRACK]: track } },
      template: { metadata: { labels: { ...app, [TRACK]: track } }, spec: { container: [container()] } },
    });

  test('Exempt: a one-pod canary next to its stable Deployment, reported as suppressed with the reason', () => {
    const f = only('FT-K8S-1', (s) => {
      tracked(s, 'web', 'stable', '3');
      tracked(s, 'web-canary', 'canary', '1');
    });
    expect(f.id).toBe('FT-K8S-1:web-canary');
    expect(f.detail).toBe('`spec.replicas` is 1');
    expect(f.suppressionReason).toBe(
      'a canary Deployment (`cdktf-fault-tolerance.dev/track: canary`) takes a share of the traffic next to its stable Deployment ' +
        '`kubernetes_deployment_v1.web`, which keeps 3 replicas: losing the canary\'s pod returns that share to the stable pods',
    );
    expect(reportOf((s) => {
      tracked(s, 'web', 'stable', '3');
      tracked(s, 'web-canary', 'canary', '1');
    }).errors.filter((e) => e.ruleId === 'FT-K8S-1')).toEqual([]);
  });

  test('Noncompliance 1: a canary label alone does not exempt a Deployment', () => {
    expect(violations('FT-K8S-1', (s) => tracked(s, 'web-canary', 'canary', '1'))).toEqual(['FT-K8S-1:web-canary']);
    expect(reportOf((s) => tracked(s, 'web-canary', 'canary', '1')).errors.map((e) => e.id)).toContain('FT-K8S-1:web-canary');
  });

  test('Noncompliance 2: the stable Deployment is itself below 2 replicas, of another instance, or in another namespace', () => {
    const errors = (build: (s: TerraformStack) => void) => reportOf(build).errors.filter((e) => e.ruleId === 'FT-K8S-1').map((e) => e.id);
    expect(errors((s) => {
      tracked(s, 'web', 'stable', '1');
      tracked(s, 'web-canary', 'canary', '1');
    })).toEqual(['FT-K8S-1:web', 'FT-K8S-1:web-canary']);
    expect(errors((s) => {
      tracked(s, 'api', 'stable', '3', { ...APP, 'app.kubernetes.io/instance': 'shop-api' });
      tracked(s, 'web-canary', 'canary', '1');
    })).toEqual(['FT-K8S-1:web-canary']);
    expect(errors((s) => {
      const stable = tracked(s, 'web', 'stable', '3');
      stable.addOverride('metadata.namespace', 'other');
      tracked(s, 'web-canary', 'canary', '1');
    })).toEqual(['FT-K8S-1:web-canary']);
  });

  test('A suppression of the user\'s wins over the exemption', () => {
    const f = only('FT-K8S-1', (s) => {
      tracked(s, 'web', 'stable', '3');
      ResilienceChecks.suppress(tracked(s, 'web-canary', 'canary', '1'), 'FT-K8S-1', 'the canary is short-lived');
    });
    expect(f.suppressionReason).toBe('the canary is short-lived');
  });
});

describe('FT-K8S-2: container without readiness or liveness probe', () => {
  test('Noncompliance 1', () => {
    const f = only('FT-K8S-2', (s) =>
      deployment(s, 'web', {}, { containers: [container({ readinessProbe: undefined }), container({ name: 'sidecar', readinessProbe: undefined, livenessProbe: undefined })] }),
    );
    expect(f.detail).toBe('`app` has no readiness_probe; `sidecar` has no readiness_probe and no liveness_probe');
  });
  test('Noncompliance 2: DaemonSet', () => {
    expect(
      violations('FT-K8S-2', (s) =>
        new DaemonSetV1(s, 'agent', {
          metadata: { name: 'agent' },
          spec: {
            selector: { matchLabels: LABELS },
            template: { metadata: { labels: LABELS }, spec: { container: [container({ livenessProbe: undefined })] } },
          },
        }),
      ),
    ).toEqual(['FT-K8S-2:agent']);
  });
  test('Compliance', () => {
    expect(violations('FT-K8S-2', (s) => deployment(s, 'web'))).toEqual([]);
  });
});

describe('FT-K8S-3: no PodDisruptionBudget', () => {
  test('Noncompliance 1: none', () => {
    expect(only('FT-K8S-3', (s) => deployment(s, 'web', {}, { pdb: false })).detail).toBe(
      'no PodDisruptionBudget in namespace "shop" selects {"app":"web","name":"web"}',
    );
  });
  test('Noncompliance 2: a PDB in another namespace, or with a selector that does not match', () => {
    expect(
      violations('FT-K8S-3', (s) => {
        deployment(s, 'web', {}, { pdb: false });
        new PodDisruptionBudgetV1(s, 'elsewhere', { metadata: { name: 'web', namespace: 'default' }, spec: { maxUnavailable: '1', selector: { matchLabels: LABELS } } });
        new PodDisruptionBudgetV1(s, 'other', { metadata: { name: 'x', namespace: 'shop' }, spec: { maxUnavailable: '1', selector: { matchLabels: { app: 'api' } } } });
        new PodDisruptionBudgetV1(s, 'expr', {
          metadata: { name: 'y', namespace: 'shop' },
          spec: { maxUnavailable: '1', selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } },
        });
      }),
    ).toEqual(['FT-K8S-3:web']);
  });
  test('Compliance: match_labels subset, or match_expressions', () => {
    expect(
      violations('FT-K8S-3', (s) => {
        deployment(s, 'web');
        deployment(s, 'api', {}, { pdb: false });
        new PodDisruptionBudgetV1(s, 'api-pdb', {
          metadata: { name: 'api', namespace: 'shop' },
          spec: { minAvailable: '1', selector: { matchExpressions: [{ key: 'name', operator: 'In', values: ['api', 'web'] }, { key: 'app', operator: 'Exists' }] } },
        });
      }),
    ).toEqual([]);
  });
});

describe('FT-K8S-4: pods not spread across zones', () => {
  test('Noncompliance 1: nothing', () => {
    expect(only('FT-K8S-4', (s) => deployment(s, 'web', {}, { podSpec: { topologySpreadConstraint: [] } })).detail).toBe(
      'no `topology_spread_constraint` and no pod anti-affinity',
    );
  });
  test('Noncompliance 2: spread over nodes only', () => {
    const f = only('FT-K8S-4', (s) =>
      deployment(s, 'web', {}, { podSpec: { topologySpreadConstraint: [{ topologyKey: 'kubernetes.io/hostname', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' }] } }),
    );
    expect(f.detail).toBe('its topology spread constraints use kubernetes.io/hostname but not topology.kubernetes.io/zone');
  });
  test('Compliance: zone spread, or pod anti-affinity', () => {
    expect(
      violations('FT-K8S-4', (s) => {
        deployment(s, 'web');
        deployment(s, 'api', {}, {
          podSpec: {
            topologySpreadConstraint: [],
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 100, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: [{ matchLabels: LABELS }] } },
                ],
              },
            },
          },
        });
      }),
    ).toEqual([]);
  });
});

describe('FT-K8S-5: Recreate strategy', () => {
  test('Noncompliance 1', () => {
    expect(violations('FT-K8S-5', (s) => deployment(s, 'web', { strategy: { type: 'Recreate' } }))).toEqual(['FT-K8S-5:web']);
  });
  test('Compliance: RollingUpdate, or the default', () => {
    expect(violations('FT-K8S-5', (s) => { deployment(s, 'web'); deployment(s, 'api', { strategy: undefined }); })).toEqual([]);
  });
});

describe('FT-K8S-6: container may run as root', () => {
  test('Noncompliance 1: no security context', () => {
    expect(only('FT-K8S-6', (s) => deployment(s, 'web', {}, { containers: [container({ securityContext: undefined })] })).detail).toBe(
      '`app` has neither `run_as_non_root = true` nor a non-zero `run_as_user`',
    );
  });
  test('Noncompliance 2: run_as_user 0 overrides the pod\'s run_as_non_root', () => {
    const f = only('FT-K8S-6', (s) =>
      deployment(s, 'web', {}, { containers: [container({ securityContext: { runAsUser: '0' } })], podSpec: { securityContext: { runAsNonRoot: true } } }),
    );
    expect(f.detail).toBe('`app` sets `run_as_user` 0');
  });
  test('Noncompliance 3: an init container running as root', () => {
    expect(
      violations('FT-K8S-6', (s) => deployment(s, 'web', {}, { podSpec: { initContainer: [{ name: 'migrate', image: 'web:1.0.0' }] } })),
    ).toEqual(['FT-K8S-6:web']);
  });
  test('Compliance: container or pod level, run_as_non_root or a non-zero user', () => {
    expect(
      violations('FT-K8S-6', (s) => {
        deployment(s, 'web');
        deployment(s, 'pod-level', {}, { containers: [container({ securityContext: undefined })], podSpec: { securityContext: { runAsNonRoot: true } } });
        deployment(s, 'uid', {}, { containers: [container({ securityContext: { runAsUser: '1000' } })] });
      }),
    ).toEqual([]);
  });
});

describe('FT-K8S-7: image untagged or :latest', () => {
  test('Noncompliance 1', () => {
    const f = only('FT-K8S-7', (s) =>
      deployment(s, 'web', {}, { containers: [container({ image: 'nginx' }), container({ name: 'b', image: 'ghcr.io/acme/api:latest' }), container({ name: 'c', image: 'registry:5000/app' })] }),
    );
    expect(f.detail).toBe(
      '`app` uses "nginx" (untagged: latest); `b` uses "ghcr.io/acme/api:latest"; `c` uses "registry:5000/app" (untagged: latest)',
    );
  });
  test('Compliance: version tag or digest', () => {
    expect(
      violations('FT-K8S-7', (s) =>
        deployment(s, 'web', {}, { containers: [container(), container({ name: 'b', image: 'registry:5000/app@sha256:0123456789abcdef' })] }),
      ),
    ).toEqual([]);
  });
  test('image references are read with the shared parser (registry ports are not tags)', () => {
    expect(parseImage('nginx').tag).toBeUndefined();
    expect(parseImage('nginx:1.27').tag).toBe('1.27');
    expect(parseImage('localhost:5000/a/b').tag).toBeUndefined();
    expect(parseImage('localhost:5000/a/b:2').tag).toBe('2');
    expect(parseImage('a@sha256:ff').digest).toBe('sha256:ff');
  });
});

describe('FT-K8S-8: Alertmanager without a gossip cluster', () => {
  function alertmanager(s: TerraformStack, replicas: string, args: string[]): StatefulSetV1 {
    return new StatefulSetV1(s, 'alertmanager', {
      metadata: { name: 'alertmanager', namespace: 'monitoring' },
      spec: {
        serviceName: 'alertmanager',
        replicas,
        selector: { matchLabels: { app: 'alertmanager' } },
        template: {
          metadata: { labels: { app: 'alertmanager' } },
          spec: { container: [container({ name: 'alertmanager', image: 'quay.io/prometheus/alertmanager:v0.28.1', args })] },
        },
      },
    });
  }
  const peers = (n: number) => Array.from({ length: n }, (_, i) => `--cluster.peer=alertmanager-${i}.alertmanager.monitoring.svc:9094`);

  test('Noncompliance 1: one replica, no peers', () => {
    expect(only('FT-K8S-8', (s) => alertmanager(s, '1', ['--config.file=/etc/am/am.yml'])).detail).toBe(
      'it runs 1 replica; `alertmanager` lists 0 `--cluster.peer` for 1 replicas',
    );
  });
  test('Noncompliance 2: fewer peers than replicas, wrong port', () => {
    const f = only('FT-K8S-8', (s) => alertmanager(s, '3', [...peers(2), '--cluster.peer=alertmanager-2.alertmanager:9095']));
    expect(f.detail).toBe('peers not on the cluster port 9094: alertmanager-2.alertmanager:9095');
  });
  test('Noncompliance 3: clustering disabled', () => {
    expect(only('FT-K8S-8', (s) => alertmanager(s, '2', [...peers(2), '--cluster.listen-address='])).detail).toBe(
      '`--cluster.listen-address=` is empty, which disables clustering',
    );
  });
  test('Compliance: 3 replicas, a peer each on 9094; other workloads not applicable', () => {
    expect(
      violations('FT-K8S-8', (s) => {
        alertmanager(s, '3', ['--cluster.listen-address=0.0.0.0:9094', ...peers(3)]);
        deployment(s, 'web');
      }),
    ).toEqual([]);
  });
});

describe('FT-K8S-9: autoscaler min_replicas < 2', () => {
  test('Noncompliance 1: default 1', () => {
    expect(
      violations('FT-K8S-9', (s) =>
        new HorizontalPodAutoscalerV2(s, 'hpa', { metadata: { name: 'web' }, spec: { maxReplicas: 5, scaleTargetRef: { kind: 'Deployment', name: 'web' } } }),
      ),
    ).toEqual(['FT-K8S-9:hpa']);
  });
  test('Compliance', () => {
    expect(
      violations('FT-K8S-9', (s) =>
        new HorizontalPodAutoscalerV2(s, 'hpa', { metadata: { name: 'web' }, spec: { minReplicas: 2, maxReplicas: 5, scaleTargetRef: { kind: 'Deployment', name: 'web' } } }),
      ),
    ).toEqual([]);
  });
});

describe('FT-K8S-10: rolling update reduces capacity', () => {
  test('Noncompliance 1: default 25% of 4 replicas', () => {
    expect(only('FT-K8S-10', (s) => deployment(s, 'web', { replicas: '4', strategy: undefined })).detail).toBe(
      '`max_unavailable` unset (default 25%) takes 1 of 4 pods out of service',
    );
  });
  test('Noncompliance 2: max_unavailable 1', () => {
    expect(
      violations('FT-K8S-10', (s) => deployment(s, 'web', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '1', maxSurge: '1' } } })),
    ).toEqual(['FT-K8S-10:web']);
  });
  test('Compliance: 0, or 25% of 3 replicas rounds down to 0; Recreate reported by FT-K8S-5', () => {
    expect(
      violations('FT-K8S-10', (s) => {
        deployment(s, 'web');
        deployment(s, 'small', { strategy: undefined });
        deployment(s, 'recreate', { strategy: { type: 'Recreate' } });
      }),
    ).toEqual([]);
  });
});

describe('FT-K8S-11: readiness probe too slow', () => {
  test('Noncompliance 1: slower than a minute', () => {
    const f = only('FT-K8S-11', (s) =>
      deployment(s, 'web', {}, { containers: [container({ readinessProbe: { httpGet: { path: '/' }, periodSeconds: 30, failureThreshold: 3 } })] }),
    );
    expect(f.detail).toBe('`app` detects a failure in up to 91 s (30 s × 3 + 1 s), more than 60 s');
  });
  test('Noncompliance 2: the Kubernetes defaults (31 s) exceed a 30 s target', () => {
    expect(
      violations(
        'FT-K8S-11',
        (s) => deployment(s, 'web', {}, { containers: [container({ readinessProbe: { httpGet: { path: '/' } } })] }),
        { target: ResilienceTarget.survive({ maxDetection: Duration.seconds(30) }) },
      ),
    ).toEqual(['FT-K8S-11:web']);
  });
  test('Compliance', () => {
    expect(violations('FT-K8S-11', (s) => deployment(s, 'web'), { target: ResilienceTarget.survive({ maxDetection: Duration.seconds(30) }) })).toEqual([]);
  });
});

describe('FT-K8S-12: container without resource requests', () => {
  test('Noncompliance 1', () => {
    expect(only('FT-K8S-12', (s) => deployment(s, 'web', {}, { containers: [container({ resources: { requests: { cpu: '1' } } })] })).detail).toBe(
      '`app` requests no memory',
    );
  });
  test('Compliance', () => {
    expect(violations('FT-K8S-12', (s) => deployment(s, 'web'))).toEqual([]);
  });
});

describe('FT-K8S-13: bare pod', () => {
  test('Noncompliance 1', () => {
    expect(violations('FT-K8S-13', (s) => new PodV1(s, 'debug', { metadata: { name: 'debug' }, spec: { container: [container()] } }))).toEqual([
      'FT-K8S-13:debug',
    ]);
  });
  test('Compliance', () => {
    expect(violations('FT-K8S-13', (s) => deployment(s, 'web'))).toEqual([]);
  });
});
