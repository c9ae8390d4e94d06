import * as fc from 'fast-check';
import {
  FIS_ACTIONS,
  FIS_RESOURCE_TYPES,
  TERRAFORM_TARGET_KEYS,
  fisActionProblems,
  fisTargetProblems,
  isoDuration,
  isoDurationSeconds,
} from '../../src/fault-injection/private/fis-catalogue';

const stop = { name: 'stop', actionId: 'aws:ec2:stop-instances', parameters: {}, targetKey: 'Instances', targetResourceType: 'aws:ec2:instance' };

describe('the FIS action catalogue', () => {
  test('every action it lists has a target key the Terraform provider accepts, except zonal autoshift (ManagedResources)', () => {
    const refused = Object.values(FIS_ACTIONS).filter((a) => a.targetKey && !TERRAFORM_TARGET_KEYS.includes(a.targetKey));
    expect(refused.map((a) => [a.id, a.targetKey, a.terraform])).toEqual([['aws:arc:start-zonal-autoshift', 'ManagedResources', false]]);
    for (const a of Object.values(FIS_ACTIONS)) {
      if (a.resourceType) {
        expect(FIS_RESOURCE_TYPES).toContain(a.resourceType);
      }
      expect(a.permissions.every((p) => !p.includes('*'))).toBe(true);
    }
  });

  test('a known action with valid parameters has no problem', () => {
    expect(fisActionProblems({ ...stop, parameters: { startInstancesAfterDuration: 'PT10M', completeIfInstancesTerminated: 'true' } })).toEqual([]);
  });

  test.each<[string, Parameters<typeof fisActionProblems>[0], string]>([
    [
      'an unknown action',
      { ...stop, actionId: 'aws:ec2:explode-instances' },
      'action `stop` uses "aws:ec2:explode-instances", which is not in the FIS action catalogue (aws:ec2:stop-instances, aws:ec2:terminate-instances,',
    ],
    ['an unknown parameter', { ...stop, parameters: { restartAfter: 'PT1M' } }, 'action `stop` (aws:ec2:stop-instances) has no parameter `restartAfter`; it takes startInstancesAfterDuration, completeIfInstancesTerminated'],
    ['a parameter of an action that takes none', { name: 't', actionId: 'aws:ec2:terminate-instances', parameters: { force: 'true' }, targetKey: 'Instances' }, 'action `t` (aws:ec2:terminate-instances) has no parameter `force`; it takes none'],
    [
      'a missing required parameter',
      { name: 'ice', actionId: 'aws:ec2:asg-insufficient-instance-capacity-error', parameters: { duration: 'PT5M' }, targetKey: 'AutoScalingGroups' },
      'action `ice` (aws:ec2:asg-insufficient-instance-capacity-error) needs the parameter `availabilityZoneIdentifiers`',
    ],
    ['a duration above 12 hours', { ...stop, parameters: { startInstancesAfterDuration: 'PT13H' } }, 'action `stop` parameter `startInstancesAfterDuration` must be an ISO 8601 duration from PT1M to PT12H, got "PT13H"'],
    ['a duration that is not ISO 8601', { ...stop, parameters: { startInstancesAfterDuration: '10m' } }, 'must be an ISO 8601 duration from PT1M to PT12H, got "10m"'],
    ['a boolean that is not true or false', { ...stop, parameters: { completeIfInstancesTerminated: 'yes' } }, 'action `stop` parameter `completeIfInstancesTerminated` must be "true" or "false", got "yes"'],
    [
      'a percentage above 100',
      { name: 'ice', actionId: 'aws:ec2:asg-insufficient-instance-capacity-error', parameters: { duration: 'PT5M', availabilityZoneIdentifiers: 'eu-west-1a', percentage: '101' }, targetKey: 'AutoScalingGroups' },
      'action `ice` parameter `percentage` must be a whole number from 1 to 100, got "101"',
    ],
    [
      'a scope the network action does not know',
      { name: 'cut', actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'zone' }, targetKey: 'Subnets' },
      'action `cut` parameter `scope` must be one of all, availability-zone, dynamodb, prefix-list, s3, s3express, vpc, got "zone"',
    ],
    [
      'document parameters that are not a JSON object',
      { name: 'ssm', actionId: 'aws:ssm:send-command', parameters: { documentArn: 'arn:aws:ssm:eu-west-1::document/x', documentParameters: '[1]', duration: 'PT1M' }, targetKey: 'Instances' },
      'action `ssm` parameter `documentParameters` must be a JSON object, got "[1]"',
    ],
    ['a parameter of aws:ecs:stop-task, which takes none', { name: 'task', actionId: 'aws:ecs:stop-task', parameters: { reason: 'chaos' }, targetKey: 'Tasks' }, 'action `task` (aws:ecs:stop-task) has no parameter `reason`; it takes none'],
    ['aws:ecs:stop-task on instances', { name: 'task', actionId: 'aws:ecs:stop-task', parameters: {}, targetKey: 'Instances' }, 'action `task` (aws:ecs:stop-task) needs a target under the key Tasks, got Instances'],
    ['the wrong target key', { ...stop, targetKey: 'Subnets' }, 'action `stop` (aws:ec2:stop-instances) needs a target under the key Instances, got Subnets'],
    ['a target of the wrong resource type', { ...stop, targetResourceType: 'aws:ec2:subnet' }, 'action `stop` (aws:ec2:stop-instances) acts on aws:ec2:instance, but its target is of type aws:ec2:subnet'],
    [
      'an action whose target key the provider refuses',
      { name: 'shift', actionId: 'aws:arc:start-zonal-autoshift', parameters: { duration: 'PT5M', availabilityZoneIdentifier: 'eu-west-1a', managedResourceTypes: 'ALB' }, targetKey: 'ManagedResources' },
      'action `shift` (aws:arc:start-zonal-autoshift) needs the target key ManagedResources, which the Terraform AWS provider refuses: start it from the console or the AWS CLI instead',
    ],
  ])('%s is an error', (_name, action, message) => {
    expect(fisActionProblems(action).join('\n')).toContain(message);
  });

  test('values known only at deploy time are not judged', () => {
    expect(fisActionProblems({ ...stop, parameters: { startInstancesAfterDuration: '${var.length}' } })).toEqual([]);
  });

  test.each<[string, Parameters<typeof fisTargetProblems>[0], string[]]>([
    ['a known type without parameters', { name: 'i', resourceType: 'aws:ec2:instance' }, []],
    ['subnets by zone', { name: 's', resourceType: 'aws:ec2:subnet', parameters: { availabilityZoneIdentifier: 'eu-west-1a' } }, []],
    ['ECS tasks by cluster and service', { name: 't', resourceType: 'aws:ecs:task', parameters: { cluster: 'shop-api', service: 'shop-api' } }, []],
    [
      'ECS tasks by a parameter FIS does not take',
      { name: 't', resourceType: 'aws:ecs:task', parameters: { availabilityZoneIdentifier: 'eu-west-1a' } },
      ['target `t` (aws:ecs:task) has no parameter `availabilityZoneIdentifier`; it takes cluster, service'],
    ],
    ['an unknown resource type', { name: 'x', resourceType: 'aws:ec2:instances' }, ['target `x` has the resource type "aws:ec2:instances", which FIS does not support']],
    [
      'an unknown target parameter',
      { name: 'db', resourceType: 'aws:rds:db', parameters: { zone: 'eu-west-1a' } },
      ['target `db` (aws:rds:db) has no parameter `zone`; it takes availabilityZoneIdentifiers'],
    ],
    ['a missing required target parameter', { name: 'rg', resourceType: 'aws:elasticache:replicationgroup' }, ['target `rg` (aws:elasticache:replicationgroup) needs the parameter `availabilityZoneIdentifier`']],
  ])('targets: %s', (_name, target, problems) => {
    expect(fisTargetProblems(target)).toEqual(problems);
  });

  test('ISO 8601 durations round-trip for every whole number of seconds up to 12 hours', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 43200 }), (seconds) => isoDurationSeconds(isoDuration(seconds)) === seconds));
    expect([isoDuration(600), isoDuration(5400), isoDuration(90), isoDuration(43200)]).toEqual(['PT10M', 'PT1H30M', 'PT1M30S', 'PT12H']);
    expect(isoDurationSeconds('PT')).toBeUndefined();
  });
});
