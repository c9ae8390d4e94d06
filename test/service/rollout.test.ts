import 'cdktf/lib/testing/adapters/jest';
import { IMAGE, named, only, resources, synthAws, synthKubernetes, userDataOf } from './fixtures';
import { DeploymentColor, Duration, ResilienceChecks, Rollout, RolloutStrategy, Workload } from '../../src';

const NEXT = Workload.container({ image: 'ghcr.io/acme/api:1.5.0', port: 3000 });
const K8S_NEXT = Workload.container({ image: 'registry.example.com/fault-app:1.1.0', port: 3000 });
const TRACK = 'cdktf-fault-tolerance.dev/track';
const SELECTOR = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'stack-web' };

describe('Rollout values', () => {
  test('rolling is the default', () => {
    const { service } = synthAws();
    expect(service.rolloutStrategy).toBe(RolloutStrategy.ROLLING);
  });

  test('canary: weight, a 10-minute bake by default, the version under test', () => {
    const r = Rollout.canary({ weight: 10, workload: NEXT });
    expect(r.strategy).toBe(RolloutStrategy.CANARY);
    expect(r._describe()).toEqual({ strategy: RolloutStrategy.CANARY, weight: 10, bakeTime: Duration.minutes(10), workload: NEXT });
    expect(String(r)).toBe('Rollout.canary({ weight: 10, bakeTime: 10min, workload: ghcr.io/acme/api:1.5.0 })');
    expect(Rollout.isRollout(r)).toBe(true);
    expect(Rollout.isRollout({ strategy: 'canary' })).toBe(false);
  });

  test('blue/green: the active colour and the standby version', () => {
    const r = Rollout.blueGreen({ active: DeploymentColor.GREEN, standby: NEXT });
    expect(r.strategy).toBe(RolloutStrategy.BLUE_GREEN);
    expect(r._describe()).toEqual({ strategy: RolloutStrategy.BLUE_GREEN, active: DeploymentColor.GREEN, standby: NEXT });
    // The declaration is private: nothing but the strategy is a public field.
    expect(Object.keys(r).filter((k) => !k.startsWith('description'))).toEqual(['strategy']);
  });
});

describe('canary on AWS: two groups behind weighted target groups', () => {
  const { json, service, lb } = synthAws({
    rollout: Rollout.canary({ weight: 10, bakeTime: Duration.minutes(15), workload: NEXT }),
    scaling: { minReplicas: 3, maxReplicas: 9, targetRequestsPerTarget: 1000 },
  });
  const stable = named(json, 'aws_autoscaling_group', 'api_AutoScalingGroup');
  const canary = named(json, 'aws_autoscaling_group', 'api_AutoScalingGroupCanary');

  test('the load balancer forwards 90/10 to the stable and canary target groups', () => {
    expect(service.targets.map((t) => [t.id, t.weight])).toEqual([['api', 90], ['api-canary', 10]]);
    const listener = resources(json, 'aws_lb_listener').find((l) => l.protocol === 'HTTPS');
    expect(listener.default_action[0].forward.target_group.map((g: any) => g.weight)).toEqual([90, 10]);
    expect(lb!.targets).toHaveLength(2);
  });

  test('the stable group runs `workload`, the canary group the version under test', () => {
    expect(userDataOf(named(json, 'aws_launch_template', 'api_LaunchTemplate'))).toContain(`docker pull '${IMAGE}'`);
    expect(userDataOf(named(json, 'aws_launch_template', 'api_LaunchTemplateCanary'))).toContain('docker pull \'ghcr.io/acme/api:1.5.0\'');
    expect(named(json, 'aws_launch_template', 'api_LaunchTemplateCanary').tags['ft:track']).toBe('canary');
  });

  test('the canary group is redundant on its own (2 instances, at least) and scales on its own load', () => {
    expect(stable).toMatchObject({ min_size: 3, max_size: 9 });
    expect(canary).toMatchObject({ min_size: 2, max_size: 9, health_check_type: 'ELB' });
    expect(canary.target_group_arns).toEqual([expect.stringMatching(/edge_TargetGroupApi-canary_\w+\.arn/)]);
    const labels = resources(json, 'aws_autoscaling_policy').map((p) => p.target_tracking_configuration.predefined_metric_specification.resource_label);
    expect(labels.sort()).toEqual([
      expect.stringMatching(/TargetGroupApi-canary_\w+\.arn_suffix\}$/),
      expect.stringMatching(/TargetGroupApi_\w+\.arn_suffix\}$/),
    ]);
  });

  test('a canary that fails its target group\'s alarms is rolled back', () => {
    expect(canary.instance_refresh.preferences).toMatchObject({
      auto_rollback: true,
      alarm_specification: {
        alarms: [
          expect.stringMatching(/Api-canaryUnhealthyHosts/),
          expect.stringMatching(/Api-canaryNoHealthyHosts/),
          expect.stringMatching(/Api-canaryTarget5xx/),
          'stack-api-CanaryInServiceInstances',
        ],
      },
    });
    expect(canary.instance_refresh.preferences.checkpoint_percentages).toBeUndefined();
  });

  test('promotion bakes too: the stable group replaces `weight`% first, waits `bakeTime`, rolls back on an alarm', () => {
    expect(stable.instance_refresh.preferences).toMatchObject({
      checkpoint_percentages: [10, 100],
      checkpoint_delay: '900',
      auto_rollback: true,
      min_healthy_percentage: 100,
    });
  });

  test('alarms per group', () => {
    expect(service.alarms.map((a) => a.key)).toEqual([
      'InServiceInstances',
      'CpuUtilization',
      'CanaryInServiceInstances',
      'CanaryCpuUtilization',
      'ApiUnhealthyHosts',
      'ApiNoHealthyHosts',
      'ApiTarget5xx',
      'Api-canaryUnhealthyHosts',
      'Api-canaryNoHealthyHosts',
      'Api-canaryTarget5xx',
    ]);
  });

  test('the facts count the stable group', () => {
    expect(service.resilienceFacts()).toMatchObject({ replicas: 3, zones: 3 });
  });

  test('between releases the canary group runs the stable version', () => {
    const { json: idle } = synthAws({ rollout: Rollout.canary({ weight: 5 }) });
    expect(userDataOf(named(idle, 'aws_launch_template', 'api_LaunchTemplateCanary'))).toContain(`docker pull '${IMAGE}'`);
    expect(named(idle, 'aws_autoscaling_group', 'api_AutoScalingGroupCanary')).toMatchObject({ min_size: 2, max_size: 2 });
    expect(named(idle, 'aws_autoscaling_group', 'api_AutoScalingGroup').instance_refresh.preferences.checkpoint_delay).toBe('600');
  });
});

describe('blue/green on AWS', () => {
  const { json, service } = synthAws({ rollout: Rollout.blueGreen({ active: DeploymentColor.BLUE, standby: NEXT }) });

  test('two full-size colours; the active one receives all traffic, the idle one none', () => {
    expect(service.targets.map((t) => [t.id, t.weight])).toEqual([['api-blue', 100], ['api-green', 0]]);
    expect(named(json, 'aws_autoscaling_group', 'api_AutoScalingGroupBlue')).toMatchObject({ min_size: 3, max_size: 3 });
    expect(named(json, 'aws_autoscaling_group', 'api_AutoScalingGroupGreen')).toMatchObject({ min_size: 3, max_size: 3 });
  });

  test('the active colour runs `workload`, the idle one `standby`', () => {
    expect(userDataOf(named(json, 'aws_launch_template', 'api_LaunchTemplateBlue'))).toContain(`docker pull '${IMAGE}'`);
    expect(userDataOf(named(json, 'aws_launch_template', 'api_LaunchTemplateGreen'))).toContain('docker pull \'ghcr.io/acme/api:1.5.0\'');
  });

  test('flipping `active` flips the weights', () => {
    const { service: flipped } = synthAws({ rollout: Rollout.blueGreen({ active: DeploymentColor.GREEN }) });
    expect(flipped.targets.map((t) => [t.id, t.weight])).toEqual([['api-blue', 0], ['api-green', 100]]);
  });

  test('no "no healthy host" alarm on the idle colour; the facts count the active colour', () => {
    expect(service.alarms.map((a) => a.key)).not.toContain('Api-greenNoHealthyHosts');
    expect(service.alarms.map((a) => a.key)).toContain('Api-blueNoHealthyHosts');
    expect(service.resilienceFacts()).toMatchObject({ replicas: 3 });
  });
});

describe('canary on Kubernetes: a second Deployment sharing the Service selector', () => {
  const rollout = Rollout.canary({ weight: 10, bakeTime: Duration.minutes(15), workload: K8S_NEXT });
  const { json, service } = synthKubernetes({ replicas: 9, rollout });
  const stable = named(json, 'kubernetes_deployment_v1', 'web_Deployment');
  const canary = named(json, 'kubernetes_deployment_v1', 'web_DeploymentCanary');

  test('the canary gets `weight`% of the pods: 1 next to 9', () => {
    expect(stable.spec.replicas).toBe('9');
    expect(canary.spec.replicas).toBe('1');
    expect(canary.metadata.name).toBe('stack-web-canary');
  });

  test('the Service selects both tracks; each Deployment selects its own', () => {
    expect(only(json, 'kubernetes_service_v1').spec.selector).toEqual(SELECTOR);
    expect(stable.spec.selector.match_labels).toEqual({ ...SELECTOR, [TRACK]: 'stable' });
    expect(canary.spec.selector.match_labels).toEqual({ ...SELECTOR, [TRACK]: 'canary' });
    expect(canary.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/version': '1.1.0', [TRACK]: 'canary' });
  });

  test('a canary pod counts as available only after `bakeTime` ready, and Terraform waits for it', () => {
    expect(canary.spec).toMatchObject({ min_ready_seconds: 900, progress_deadline_seconds: 1500 });
    expect(canary.timeouts).toEqual({ create: '25m', update: '25m' });
    expect(stable.spec.min_ready_seconds).toBeUndefined();
  });

  test('the one-pod canary is exempt from the 2-replica rule, with its reason', () => {
    const { stack } = { stack: service.node.scope! };
    const report = ResilienceChecks.of(stack, { writeReports: false, printSummary: false }).evaluate();
    expect(report.suppressed.map((f) => [f.ruleId, f.constructPath])).toContainEqual(['FT-K8S-1', 'stack/web/DeploymentCanary']);
    expect(report.errors).toEqual([]);
  });

  test('a larger weight, more canary pods', () => {
    const { json: half } = synthKubernetes({ replicas: 4, rollout: Rollout.canary({ weight: 50 }) });
    expect(named(half, 'kubernetes_deployment_v1', 'web_DeploymentCanary').spec.replicas).toBe('4');
  });

  test('with scaling, only the stable Deployment is autoscaled', () => {
    const { json: scaled } = synthKubernetes({ scaling: { minReplicas: 3, maxReplicas: 9 }, rollout: Rollout.canary({ weight: 25 }) });
    expect(resources(scaled, 'kubernetes_horizontal_pod_autoscaler_v2')).toHaveLength(1);
    expect(named(scaled, 'kubernetes_deployment_v1', 'web_DeploymentCanary').spec.replicas).toBe('1');
  });
});

describe('blue/green on Kubernetes: the Service selects the active colour', () => {
  const { json, service } = synthKubernetes({ rollout: Rollout.blueGreen({ active: DeploymentColor.GREEN, standby: K8S_NEXT }) });

  test('two full-size Deployments', () => {
    const blue = named(json, 'kubernetes_deployment_v1', 'web_DeploymentBlue');
    const green = named(json, 'kubernetes_deployment_v1', 'web_DeploymentGreen');
    expect([blue.metadata.name, blue.spec.replicas, green.metadata.name, green.spec.replicas]).toEqual(['stack-web-blue', '2', 'stack-web-green', '2']);
    expect(blue.spec.template.spec.container[0].image).toBe('registry.example.com/fault-app:1.1.0');
    expect(green.spec.template.spec.container[0].image).toBe('registry.example.com/fault-app:1.0.0');
  });

  test('the Service routes to the green pods only; the disruption budget covers both colours', () => {
    expect(only(json, 'kubernetes_service_v1').spec.selector).toEqual({ ...SELECTOR, [TRACK]: 'green' });
    expect(only(json, 'kubernetes_pod_disruption_budget_v1').spec.selector.match_labels).toEqual(SELECTOR);
    expect(service.resilienceFacts().replicas).toBe(2);
  });
});
