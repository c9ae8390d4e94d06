import { App, Testing } from 'cdktf';
import { awsStack, kubernetesStack } from './stacks';
import type { KubernetesWebAppStack } from '../../examples/kubernetes-web-app';
import { EXAMPLES } from '../../examples/main';
import { AlarmSeverity, FaultTargetKind, PlatformKind } from '../../src';

describe('what each construct reports to fault experiments (IFaultInjectable)', () => {
  const { stack, network, edge, api, db } = awsStack();
  void stack;

  test('MultiAzService on AWS: its Auto Scaling group, tagged instances in the VPC, target-group alarms that mean users are affected', () => {
    const [{ stopConditions, ...group }] = api.faultTargets();
    expect(stopConditions!.map((a) => [a.key, a.severity])).toEqual([['ApiNoHealthyHosts', AlarmSeverity.CRITICAL], ['ApiTarget5xx', AlarmSeverity.CRITICAL]]);
    expect(group).toEqual({
      kind: FaultTargetKind.AUTO_SCALING_GROUP,
      platform: PlatformKind.AWS,
      name: 'shop-api',
      arn: expect.stringContaining('${TfToken['),
      tags: { 'ft:construct-path': 'shop/api', 'ft:track': 'stable' },
      vpcId: network.vpcId,
      zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      primary: true,
      replicas: 3,
    });
    expect(api.alarms.map((a) => a.key)).toContain('InServiceInstances');
  });

  test('MultiAzService on Kubernetes: the pods of each group, by their labels in the namespace', () => {
    const { web } = kubernetesStack();
    expect(web.faultTargets()).toEqual([
      {
        kind: FaultTargetKind.PODS,
        platform: PlatformKind.KUBERNETES,
        name: 'cluster-web',
        namespaceName: 'shop',
        podSelector: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'cluster-web', 'cdktf-fault-tolerance.dev/track': 'stable' },
        primary: true,
        replicas: 3,
      },
    ]);
  });

  test('ReplicatedDatabase: the Multi-AZ primary by ARN, tagged by path and name, with its critical alarms', () => {
    const [{ stopConditions, ...target }] = db.faultTargets();
    expect(stopConditions!.map((a) => [a.key, a.severity])).toEqual([['FreeStorageSpace', AlarmSeverity.CRITICAL]]);
    expect([target]).toEqual([
      {
        kind: FaultTargetKind.DB_INSTANCE,
        platform: PlatformKind.AWS,
        name: db.name,
        arn: expect.stringContaining('${TfToken['),
        tags: { 'ft:construct-path': 'shop/db', 'Name': db.name },
        zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
        replicas: 2,
      },
    ]);
    const aurora = awsStack({ aurora: true }).db.faultTargets();
    expect(aurora).toEqual([expect.objectContaining({ kind: FaultTargetKind.DB_CLUSTER })]);
  });

  test('ReplicatedDatabase on Kubernetes (CloudNativePG): no fault target yet, so no experiment fails it over', () => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES['kubernetes-web-app'](app, 'kubernetes-web-app');
    const k8s = app.node.findChild('kubernetes-web-app') as KubernetesWebAppStack;
    expect(k8s.database.aws).toBeUndefined();
    expect(k8s.database.faultTargets()).toEqual([]);
    expect(k8s.experiments.experiments.map((e) => e.name).filter((n) => /db|database|failover/.test(n))).toEqual([]);
  });

  test('MultiAzNetwork: every subnet with its zone, by the network\'s tag in its VPC', () => {
    const [subnets] = network.faultTargets();
    expect(subnets).toEqual(expect.objectContaining({ kind: FaultTargetKind.SUBNETS, tags: { 'ft:construct-path': 'shop/network' }, vpcId: network.vpcId }));
    expect(subnets.subnets).toHaveLength(9);
    expect(subnets.subnets!.filter((s) => s.zone === 'eu-west-1a')).toHaveLength(3);
  });

  test('HealthCheckedLoadBalancer: its zones and the user-impact alarms of the load balancer and its targets (AWS); nothing on Kubernetes', () => {
    const [{ stopConditions, ...target }] = edge.faultTargets();
    expect(stopConditions!.map((a) => a.key)).toEqual(['Elb5xx', 'ApiNoHealthyHosts', 'ApiTarget5xx']);
    expect([target]).toEqual([
      {
        kind: FaultTargetKind.LOAD_BALANCER,
        platform: PlatformKind.AWS,
        name: edge.name,
        arn: expect.stringContaining('${TfToken['),
        zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      },
    ]);
    expect(kubernetesStack().lb.faultTargets()).toEqual([]);
  });

  test('faultTargets() returns a copy', () => {
    const copy = api.faultTargets();
    (copy[0].tags as any)['ft:track'] = 'changed';
    copy[0].zones!.push('eu-west-1z');
    expect(api.faultTargets()[0].tags!['ft:track']).toBe('stable');
    expect(api.faultTargets()[0].zones).toHaveLength(3);
  });
});
