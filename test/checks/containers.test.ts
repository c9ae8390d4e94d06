import 'cdktf/lib/testing/adapters/jest';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsService, EcsServiceConfig } from '@cdktf/provider-aws/lib/ecs-service';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { TerraformStack } from 'cdktf';
import { only, subnet, twoZones, violations } from './helpers';

function service(s: TerraformStack, id: string, config: Partial<EcsServiceConfig> = {}): EcsService {
  return new EcsService(s, id, {
    name: id,
    cluster: 'arn:cluster',
    taskDefinition: 'app:1',
    desiredCount: 2,
    deploymentCircuitBreaker: { enable: true, rollback: true },
    networkConfiguration: { subnets: ['subnet-a', 'subnet-b'] },
    ...config,
  });
}

describe('FT-ECS-1: ECS service with fewer than 2 tasks', () => {
  test('Noncompliance 1: desired_count unset', () => {
    expect(only('FT-ECS-1', (s) => service(s, 'api', { desiredCount: undefined })).detail).toBe('`desired_count` is unset (default 0)');
  });
  test('Noncompliance 2: scaling target with min_capacity 1', () => {
    const f = only('FT-ECS-1', (s) => {
      const svc = service(s, 'api', { desiredCount: undefined });
      new AppautoscalingTarget(s, 'scaling', {
        serviceNamespace: 'ecs',
        scalableDimension: 'ecs:service:DesiredCount',
        resourceId: `service/cluster/${svc.name}`,
        minCapacity: 1,
        maxCapacity: 4,
      });
    });
    expect(f.detail).toBe('its scaling target `aws_appautoscaling_target.scaling` has `min_capacity` 1');
  });
  test('Compliance: 2 tasks, a scaling target with min 2, or a daemon', () => {
    expect(
      violations('FT-ECS-1', (s) => {
        service(s, 'api');
        const scaled = service(s, 'scaled', { desiredCount: undefined });
        new AppautoscalingTarget(s, 'scaling', {
          serviceNamespace: 'ecs',
          scalableDimension: 'ecs:service:DesiredCount',
          resourceId: `service/cluster/${scaled.name}`,
          minCapacity: 2,
          maxCapacity: 4,
        });
        service(s, 'agent', { desiredCount: undefined, schedulingStrategy: 'DAEMON' });
      }),
    ).toEqual([]);
  });
});

describe('FT-ECS-2: ECS service without deployment rollback', () => {
  test('Noncompliance 1: no circuit breaker', () => {
    expect(only('FT-ECS-2', (s) => service(s, 'api', { deploymentCircuitBreaker: undefined })).detail).toBe('no `deployment_circuit_breaker` block');
  });
  test('Noncompliance 2: rollback off', () => {
    expect(violations('FT-ECS-2', (s) => service(s, 'api', { deploymentCircuitBreaker: { enable: true, rollback: false } }))).toEqual(['FT-ECS-2:api']);
  });
  test('Compliance: breaker with rollback; CodeDeploy controller not applicable', () => {
    expect(
      violations('FT-ECS-2', (s) => {
        service(s, 'api');
        service(s, 'bluegreen', { deploymentCircuitBreaker: undefined, deploymentController: { type: 'CODE_DEPLOY' } });
      }),
    ).toEqual([]);
  });
});

describe('FT-ECS-3: ECS service in fewer than 2 zones', () => {
  test('Noncompliance 1', () => {
    expect(violations('FT-ECS-3', (s) => service(s, 'api', { networkConfiguration: { subnets: [subnet(s, 'a', 'eu-west-1a').id] } }))).toEqual([
      'FT-ECS-3:api',
    ]);
  });
  test('Compliance', () => {
    expect(violations('FT-ECS-3', (s) => service(s, 'api', { networkConfiguration: { subnets: twoZones(s).map((x) => x.id) } }))).toEqual([]);
  });
});

describe('FT-EKS-1: EKS node group too small or in one zone', () => {
  test('Noncompliance 1', () => {
    const f = only('FT-EKS-1', (s) =>
      new EksNodeGroup(s, 'nodes', { clusterName: 'c', nodeRoleArn: 'arn:role', subnetIds: ['subnet-a'], scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 } }),
    );
    expect(f.detail).toBe('`scaling_config.min_size` is 1, `subnet_ids` lists 1 subnet');
  });
  test('Compliance', () => {
    expect(
      violations('FT-EKS-1', (s) =>
        new EksNodeGroup(s, 'nodes', {
          clusterName: 'c',
          nodeRoleArn: 'arn:role',
          subnetIds: twoZones(s).map((x) => x.id),
          scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 3 },
        }),
      ),
    ).toEqual([]);
  });
});
