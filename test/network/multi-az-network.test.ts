import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Testing, Tokenization } from 'cdktf';
import * as fc from 'fast-check';
import { CapabilityKind, Duration, MultiAzNetwork, MultiAzNetworkProps, NatGatewayMode, PlatformKind, SubnetTier } from '../../src';

interface Synth {
  readonly json: any;
  readonly text: string;
  readonly network: MultiAzNetwork;
}

function synth(props: MultiAzNetworkProps = {}): Synth {
  let network!: MultiAzNetwork;
  const text = Testing.synthScope((scope) => {
    network = new MultiAzNetwork(scope, 'network', props);
  });
  return { json: JSON.parse(text), text, network };
}

function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

function networkError(props: MultiAzNetworkProps): string {
  const stack = new TerraformStack(Testing.app(), 'stack');
  try {
    new MultiAzNetwork(stack, 'network', props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('MultiAzNetwork defaults', () => {
  const { json, text, network } = synth();

  test('a VPC of 10.0.0.0/16 with DNS support and the library tags', () => {
    expect(text).toHaveResourceWithProperties(Vpc, {
      cidr_block: '10.0.0.0/16',
      enable_dns_hostnames: true,
      enable_dns_support: true,
      tags: expect.objectContaining({
        'Name': 'stack-network',
        'ft:construct-path': 'stack/network',
        'ft:managed-by': 'cdktf-fault-tolerance',
      }),
    });
  });

  test('3 zones read from aws_availability_zones, only zones that need no opt-in', () => {
    expect(text).toHaveDataSourceWithProperties(DataAwsAvailabilityZones, {
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    // No state filter: an impaired zone must neither shift the zone indices nor shrink the list mid-incident.
    expect(Object.values(json.data.aws_availability_zones as object)[0].state).toBeUndefined();
    expect(network.zoneCount).toBe(3);
    expect(network.zones).toHaveLength(3);
  });

  test('a precondition fails the plan when the region has fewer zones than requested', () => {
    const vpc = resources(json, 'aws_vpc')[0];
    expect(vpc.lifecycle.precondition).toEqual([
      {
        condition: expect.stringMatching(/^\$\{length\(data\.aws_availability_zones\.network_AvailabilityZones_\w+\.names\) >= 3\}$/),
        error_message: expect.stringContaining('spans 3 availability zones'),
      },
    ]);
  });

  test('a public, a private and an isolated subnet in each of the 3 zones, without overlap', () => {
    const subnets = resources(json, 'aws_subnet');
    expect(subnets).toHaveLength(9);
    const cidrs = subnets.map((s) => s.cidr_block).sort();
    expect(new Set(cidrs).size).toBe(9);
    expect(network.publicSubnets.map((s) => s.cidrBlock)).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20']);
    expect(network.privateSubnets.map((s) => s.cidrBlock)).toEqual(['10.0.64.0/20', '10.0.80.0/20', '10.0.96.0/20']);
    expect(network.isolatedSubnets.map((s) => s.cidrBlock)).toEqual(['10.0.128.0/20', '10.0.144.0/20', '10.0.160.0/20']);
    for (const tier of [SubnetTier.PUBLIC, SubnetTier.PRIVATE, SubnetTier.ISOLATED]) {
      expect(network.subnets(tier).map((s) => s.zone)).toEqual(network.zones);
    }
  });

  test('subnets are placed in distinct zones and never assign public IPs', () => {
    expect(text).toHaveResourceWithProperties(Subnet, {
      availability_zone: expect.stringMatching(/^\$\{element\(data\.aws_availability_zones\.\w+\.names, 2\)\}$/),
      map_public_ip_on_launch: false,
      tags: expect.objectContaining({ 'ft:subnet-tier': 'isolated', 'Name': 'stack-network-isolated-3' }),
    });
    const zonesByTier = new Map<string, Set<string>>();
    for (const s of resources(json, 'aws_subnet')) {
      const tier = s.tags['ft:subnet-tier'];
      zonesByTier.set(tier, (zonesByTier.get(tier) ?? new Set()).add(s.availability_zone));
      expect(s.map_public_ip_on_launch).toBe(false);
    }
    expect([...zonesByTier.values()].map((z) => z.size)).toEqual([3, 3, 3]);
  });

  test('an internet gateway with a public default route', () => {
    expect(text).toHaveResource(InternetGateway);
    expect(text).toHaveResourceWithProperties(Route, {
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: expect.stringMatching(/^\$\{aws_internet_gateway\.\w+\.id\}$/),
    });
  });

  test('one NAT gateway with its own Elastic IP in the public subnet of every zone', () => {
    const nats = resources(json, 'aws_nat_gateway');
    expect(nats).toHaveLength(3);
    expect(resources(json, 'aws_eip')).toHaveLength(3);
    expect(text).toHaveResourceWithProperties(Eip, { domain: 'vpc' });
    expect(nats.map((n) => n.subnet_id)).toEqual(network.aws.publicSubnets.map((s) => `\${aws_subnet.${(s as any).friendlyUniqueId}.id}`));
    expect(text).toHaveResourceWithProperties(NatGateway, { connectivity_type: 'public' });
  });

  test('each zone\'s private route table routes through the NAT gateway of the same zone', () => {
    const routes = resources(json, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(routes).toHaveLength(3);
    routes.forEach((route, i) => {
      expect(route.nat_gateway_id).toBe(`\${aws_nat_gateway.${(network.aws.natGateways[i] as any).friendlyUniqueId}.id}`);
      expect(route.route_table_id).toBe(`\${aws_route_table.${(network.aws.privateRouteTables[i] as any).friendlyUniqueId}.id}`);
    });
  });

  test('5 route tables (public, 3 private, isolated) and 9 associations; isolated subnets have no route out', () => {
    expect(resources(json, 'aws_route_table')).toHaveLength(5);
    expect(resources(json, 'aws_route_table_association')).toHaveLength(9);
    expect(text).toHaveResourceWithProperties(RouteTable, { tags: expect.objectContaining({ Name: 'stack-network-isolated' }) });
    const isolatedTable = Object.entries(json.resource.aws_route_table).find(([, t]: any) => t.tags.Name === 'stack-network-isolated')![0];
    const routesOfIsolated = resources(json, 'aws_route').filter((r) => r.route_table_id.includes(isolatedTable));
    expect(routesOfIsolated).toEqual([]);
    expect(text).toHaveResourceWithProperties(RouteTableAssociation, {
      route_table_id: `\${aws_route_table.${isolatedTable}.id}`,
    });
  });

  test('the default security group is closed', () => {
    expect(text).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
  });

  test('flow logs of all traffic to a KMS-encrypted log group kept 365 days', () => {
    expect(text).toHaveResourceWithProperties(FlowLog, {
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      max_aggregation_interval: 60,
    });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/vpc/flow-logs/stack-network',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.\w+\.arn\}$/),
    });
    expect(text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    const policy = JSON.parse(resources(json, 'aws_kms_key')[0].policy);
    expect(policy.Statement[1]).toEqual(
      expect.objectContaining({
        Principal: { Service: expect.stringMatching(/^logs\.\$\{data\.aws_region\.\w+\.region\}\.amazonaws\.com$/) },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': expect.stringMatching(/:log-group:\/vpc\/flow-logs\/stack-network$/) } },
      }),
    );
  });

  test('the flow log role is assumable only by VPC Flow Logs and writes only to its log group', () => {
    const role = resources(json, 'aws_iam_role')[0];
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': expect.stringMatching(/^\$\{data\.aws_caller_identity\.\w+\.account_id\}$/) },
          ArnLike: { 'aws:SourceArn': expect.stringMatching(/:vpc-flow-log\/\*$/) },
        },
      },
    ]);
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'stack-network-flow-logs' });
    const policy = JSON.parse(resources(json, 'aws_iam_role_policy')[0].policy);
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\w+\.arn\}$/), expect.stringMatching(/:\*$/)],
      },
    ]);
    expect(text).toHaveResourceWithProperties(IamRolePolicy, { name: 'write-flow-logs' });
  });

  test('reports 3 zones, 3 NAT gateways and no accepted single point of failure', () => {
    expect(network.resilienceFacts()).toEqual({
      capability: CapabilityKind.NETWORK,
      platform: PlatformKind.AWS,
      zones: 3,
      replicas: 3,
      acceptedSinglePointsOfFailure: [],
    });
  });

  test('what was created on AWS is exposed as `aws`; the INetwork view reads the same subnets', () => {
    const resolve = (value: unknown) =>
      Tokenization.resolve(value, { scope: network, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    const ref = (r: any, attr = 'id') => `\${${r.terraformResourceType}.${r.friendlyUniqueId}.${attr}}`;
    expect(network.aws.zoneLookup).toBeDefined();
    expect(resolve(network.vpcId)).toBe(ref(network.aws.vpc));
    expect(resolve(network.vpcCidrBlock)).toBe(ref(network.aws.vpc, 'cidr_block'));
    expect(network.aws.publicSubnets.map((s) => ref(s))).toEqual(resolve(network.publicSubnets.map((s) => s.subnetId)));
    expect(network.aws.privateSubnets.map((s) => ref(s))).toEqual(resolve(network.privateSubnets.map((s) => s.subnetId)));
    expect(network.aws.isolatedSubnets.map((s) => ref(s))).toEqual(resolve(network.isolatedSubnets.map((s) => s.subnetId)));
    expect(resolve(network.zones)).toEqual(resources(json, 'aws_subnet').slice(0, 3).map((s) => s.availability_zone));
    expect(ref(network.aws.defaultSecurityGroup)).toMatch(/^\$\{aws_default_security_group\./);
    expect(ref(network.aws.internetGateway)).toMatch(/^\$\{aws_internet_gateway\./);
    expect(network.aws.publicRouteTable.friendlyUniqueId).toMatch(/PublicRouteTable/);
    expect(network.aws.isolatedRouteTable.friendlyUniqueId).toMatch(/IsolatedRouteTable/);
    expect(network.aws.privateRouteTables).toHaveLength(3);
    expect(network.aws.natElasticIps.map((e) => ref(e, 'allocation_id'))).toEqual(resources(json, 'aws_nat_gateway').map((n) => n.allocation_id));
    expect(ref(network.aws.flowLog!)).toMatch(/^\$\{aws_flow_log\./);
    expect(ref(network.aws.flowLogGroup!, 'arn')).toBe(resources(json, 'aws_flow_log')[0].log_destination);
    expect(ref(network.aws.flowLogRole!, 'arn')).toBe(resources(json, 'aws_flow_log')[0].iam_role_arn);
    expect(ref(network.aws.flowLogKey!, 'arn')).toBe(resources(json, 'aws_cloudwatch_log_group')[0].kms_key_id);
  });

  test('resilienceFacts() returns a copy', () => {
    network.resilienceFacts().acceptedSinglePointsOfFailure!.push('changed');
    expect(network.resilienceFacts().acceptedSinglePointsOfFailure).toEqual([]);
  });

  test('snapshot of the default network', () => {
    expect(text).toMatchSnapshot();
  });
});

describe('MultiAzNetwork options', () => {
  test('zones: 2 creates 6 subnets, keeping the /20 layout so a third zone can be added later', () => {
    const { json, network } = synth({ zones: 2 });
    expect(resources(json, 'aws_subnet')).toHaveLength(6);
    expect(resources(json, 'aws_nat_gateway')).toHaveLength(2);
    expect(network.privateSubnets.map((s) => s.cidrBlock)).toEqual(['10.0.64.0/20', '10.0.80.0/20']);
  });

  test('zones: 6 uses 8 slots per tier (/21 in a /16)', () => {
    const { network } = synth({ zones: 6 });
    expect(network.isolatedSubnets.map((s) => s.cidrBlock)).toEqual([
      '10.0.128.0/21', '10.0.136.0/21', '10.0.144.0/21', '10.0.152.0/21', '10.0.160.0/21', '10.0.168.0/21',
    ]);
  });

  test('availabilityZones are used as given, without a lookup or precondition', () => {
    const { json, text, network } = synth({ availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
    expect(json.data?.aws_availability_zones).toBeUndefined();
    expect(resources(json, 'aws_vpc')[0].lifecycle).toBeUndefined();
    expect(network.zones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(network.aws.zoneLookup).toBeUndefined();
    expect(text).toHaveResourceWithProperties(Subnet, { availability_zone: 'eu-west-1b', cidr_block: '10.0.144.0/20' });
  });

  test('cidr and subnetPrefixLength', () => {
    const { text, network } = synth({ cidr: '172.16.0.0/20', subnetPrefixLength: 26 });
    expect(text).toHaveResourceWithProperties(Vpc, { cidr_block: '172.16.0.0/20' });
    expect(network.publicSubnets.map((s) => s.cidrBlock)).toEqual(['172.16.0.0/26', '172.16.0.64/26', '172.16.0.128/26']);
    expect(network.privateSubnets[0].cidrBlock).toBe('172.16.1.0/26');
  });

  test('a token cidr lets Terraform compute the same layout with cidrsubnet', () => {
    const text = Testing.synthScope((scope) => {
      const cidr = new TerraformVariable(scope, 'cidr', { type: 'string' });
      new MultiAzNetwork(scope, 'network', { cidr: cidr.stringValue });
    });
    expect(text).toHaveResourceWithProperties(Vpc, { cidr_block: '${var.cidr}' });
    expect(text).toHaveResourceWithProperties(Subnet, {
      cidr_block: '${cidrsubnet(var.cidr, 4, 5)}',
      tags: expect.objectContaining({ Name: 'stack-network-private-2' }),
    });
  });

  test('natGateways: SINGLE routes every zone through one gateway and reports the single point of failure', () => {
    const { json, network } = synth({ natGateways: NatGatewayMode.SINGLE });
    expect(resources(json, 'aws_nat_gateway')).toHaveLength(1);
    const natRoutes = resources(json, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
    expect(network.resilienceFacts().acceptedSinglePointsOfFailure).toEqual([
      'one NAT gateway serves every zone: losing its zone cuts outbound internet access of all private subnets',
    ]);
  });

  test('natGateways: NONE creates no NAT gateway and no private default route', () => {
    const { json } = synth({ natGateways: NatGatewayMode.NONE });
    expect(resources(json, 'aws_nat_gateway')).toHaveLength(0);
    expect(resources(json, 'aws_eip')).toHaveLength(0);
    expect(resources(json, 'aws_route').filter((r) => r.nat_gateway_id)).toHaveLength(0);
  });

  test('flowLogs.enabled: false creates no flow log, role, log group or key', () => {
    const { json, network } = synth({ flowLogs: { enabled: false } });
    for (const type of ['aws_flow_log', 'aws_cloudwatch_log_group', 'aws_iam_role', 'aws_kms_key']) {
      expect(resources(json, type)).toHaveLength(0);
    }
    expect(network.aws.flowLog).toBeUndefined();
    expect(network.aws.flowLogGroup).toBeUndefined();
    expect(network.aws.flowLogRole).toBeUndefined();
    expect(network.aws.flowLogKey).toBeUndefined();
  });

  test('flowLogs.retention and encryptionKeyArn', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/abc';
    const { json, text } = synth({ flowLogs: { retention: Duration.days(30), encryptionKeyArn: keyArn } });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 30, kms_key_id: keyArn });
    expect(resources(json, 'aws_kms_key')).toHaveLength(0);
    expect(synth({ flowLogs: { encryptionKeyArn: keyArn } }).network.aws.flowLogKey).toBeUndefined();
  });

  test('tags are added to every taggable resource and may override the library tags', () => {
    const { json } = synth({ tags: { team: 'platform', Name: 'custom' } });
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_nat_gateway', 'aws_eip', 'aws_route_table', 'aws_flow_log', 'aws_kms_key']) {
      for (const r of resources(json, type)) {
        expect(r.tags).toEqual(expect.objectContaining({ 'team': 'platform', 'Name': 'custom', 'ft:managed-by': 'cdktf-fault-tolerance' }));
      }
    }
  });

  test('snapshot of the maximal configuration', () => {
    const { text } = synth({
      cidr: '10.20.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'],
      subnetPrefixLength: 22,
      natGateways: NatGatewayMode.PER_ZONE,
      flowLogs: { retention: Duration.days(731) },
      tags: { team: 'platform' },
    });
    expect(text).toMatchSnapshot();
  });
});

describe('MultiAzNetwork validation', () => {
  test('fewer than 2 zones', () => {
    expect(networkError({ zones: 1 })).toBe(
      'MultiAzNetwork "stack/network": `zones` must be a whole number from 2 to 6 so the network survives the loss of a zone (AWS regions offer up to 6), got 1.',
    );
  });

  test('one availability zone, listed twice', () => {
    expect(networkError({ availabilityZones: ['eu-west-1a', 'eu-west-1a'] })).toBe(
      'MultiAzNetwork "stack/network": `availabilityZones` must not list a zone twice, got ["eu-west-1a", "eu-west-1a"]. Remove the duplicate zone.',
    );
    expect(networkError({ availabilityZones: ['eu-west-1a'] })).toBe(
      'MultiAzNetwork "stack/network": `availabilityZones` must list at least 2 zones so the network survives the loss of a zone, got ["eu-west-1a"]. Add another availability zone of the region.',
    );
  });

  test('zones conflicting with availabilityZones', () => {
    expect(networkError({ zones: 3, availabilityZones: ['a', 'b'] })).toBe(
      'MultiAzNetwork "stack/network": `zones` conflicts with `availabilityZones`, which lists 2 zones, got 3. Pass only one of `zones` and `availabilityZones`.',
    );
  });

  test('invalid, misaligned and too small CIDR blocks', () => {
    expect(networkError({ cidr: '10.0.0.0' })).toBe(
      'MultiAzNetwork "stack/network": `cidr` must be an IPv4 CIDR block like "10.0.0.0/16", got "10.0.0.0".',
    );
    expect(networkError({ cidr: '10.0.1.0/16' })).toBe(
      'MultiAzNetwork "stack/network": `cidr` must be a network address: its host bits must be zero, got "10.0.1.0/16". Use "10.0.1.0" aligned to its prefix, e.g. "10.0.0.0/16".',
    );
    expect(networkError({ cidr: '10.0.0.0/26' })).toBe(
      'MultiAzNetwork "stack/network" has 2 invalid props:\n' +
        '  - `cidr` must have a prefix length from /16 to /24 (AWS allows /16 to /28, and three tiers of subnets need room), got "10.0.0.0/26".\n' +
        '  - `cidr` is too small: 3 tiers × 4 zone slots need subnets of /30, smaller than the AWS minimum /28, got "10.0.0.0/26". Use a /24 or larger block.',
    );
  });

  test('subnetPrefixLength that does not fit', () => {
    expect(networkError({ cidr: '10.0.0.0/16', subnetPrefixLength: 18 })).toBe(
      'MultiAzNetwork "stack/network": `subnetPrefixLength` must be a whole number from 20 to 28 to fit 3 tiers × 4 zone slots in 10.0.0.0/16, got 18.',
    );
  });

  test('a flow log retention CloudWatch does not offer', () => {
    expect(networkError({ flowLogs: { retention: Duration.days(2) } })).toBe(
      'MultiAzNetwork "stack/network": `flowLogs.retention` must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days (the retention periods CloudWatch Logs accepts), got 2d.',
    );
  });

  test('every problem is reported at once', () => {
    const message = networkError({ zones: 9, cidr: 'nope', flowLogs: { retention: Duration.hours(5) } });
    expect(message.split('\n')).toEqual([
      'MultiAzNetwork "stack/network" has 3 invalid props:',
      '  - `zones` must be a whole number from 2 to 6 so the network survives the loss of a zone (AWS regions offer up to 6), got 9.',
      '  - `cidr` must be an IPv4 CIDR block like "10.0.0.0/16", got "nope".',
      expect.stringMatching(/^ {2}- `flowLogs.retention` must be one of 1, 3, .* days \(the retention periods CloudWatch Logs accepts\), got 5h\.$/),
    ]);
  });

  test('property: any zone count outside 2..6 gives the clear error', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -50, max: 1 }), fc.integer({ min: 7, max: 500 }), fc.double({ min: 2.01, max: 5.99, noNaN: true })),
        (zones) => {
          expect(networkError({ zones })).toBe(
            `MultiAzNetwork "stack/network": \`zones\` must be a whole number from 2 to 6 so the network survives the loss of a zone (AWS regions offer up to 6), got ${zones}.`,
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  test('property: any string that is not an IPv4 CIDR gives the clear error', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(s)), (cidr) => {
        expect(networkError({ cidr })).toBe(
          `MultiAzNetwork "stack/network": \`cidr\` must be an IPv4 CIDR block like "10.0.0.0/16", got ${JSON.stringify(cidr)}.`,
        );
      }),
      { numRuns: 50 },
    );
  });

  test('property: random zone lists with a duplicate are always rejected', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 }), fc.nat(), (zones, pick) => {
        const withDuplicate = [...zones, zones[pick % zones.length]];
        expect(networkError({ availabilityZones: withDuplicate })).toContain('`availabilityZones` must not list a zone twice');
      }),
      { numRuns: 50 },
    );
  });
});

describe('MultiAzNetwork validation: wrong types and enum values (plain JavaScript)', () => {
  const PREFIX = 'MultiAzNetwork "stack/network": ';
  const cases: Array<[string, any, string]> = [
    ['natGateways not a member', { natGateways: 'per-zone' }, '`natGateways` must be one of NatGatewayMode.PER_ZONE, NatGatewayMode.SINGLE, NatGatewayMode.NONE, got "per-zone".'],
    ['zones as a string', { zones: '3' }, '`zones` must be a whole number from 2 to 6 so the network survives the loss of a zone (AWS regions offer up to 6), got "3".'],
    ['availabilityZones as one string', { availabilityZones: 'eu-west-1a' }, '`availabilityZones` must be a list of availability zone names, e.g. ["eu-west-1a", "eu-west-1b"], got "eu-west-1a".'],
    ['availabilityZones with a number', { availabilityZones: ['eu-west-1a', 2] }, '`availabilityZones` must be a list of availability zone names, e.g. ["eu-west-1a", "eu-west-1b"], got ["eu-west-1a", 2].'],
    ['cidr as a number', { cidr: 16 }, '`cidr` must be an IPv4 CIDR block like "10.0.0.0/16", got 16.'],
    ['subnetPrefixLength as a string', { subnetPrefixLength: '24' }, '`subnetPrefixLength` must be a whole number from 20 to 28 to fit 3 tiers × 4 zone slots in 10.0.0.0/16, got "24".'],
    ['flowLogs as a boolean', { flowLogs: true }, '`flowLogs` must be an object like { retention: Duration.days(365) }, got true.'],
    ['flowLogs.enabled as a string', { flowLogs: { enabled: 'false' } }, '`flowLogs.enabled` must be true or false, got "false".'],
    ['flowLogs.retention as a number', { flowLogs: { retention: 30 } }, '`flowLogs.retention` must be a Duration, e.g. `Duration.seconds(30)`, got 30.'],
    [
      'flowLogs.encryptionKeyArn an alias',
      { flowLogs: { encryptionKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/logs' } },
      '`flowLogs.encryptionKeyArn` must be a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." (not an alias: the service needs the key itself), got "arn:aws:kms:eu-west-1:123456789012:alias/logs".',
    ],
    [
      'flowLogs.encryptionKeyArn a key id',
      { flowLogs: { encryptionKeyArn: '1234abcd-12ab-34cd-56ef-1234567890ab' } },
      '`flowLogs.encryptionKeyArn` must be a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." (not an alias: the service needs the key itself), got "1234abcd-12ab-34cd-56ef-1234567890ab".',
    ],
    ['tags with a number', { tags: { team: 1 } }, '`tags` must map tag keys to string values, got {"team":1}.'],
  ];
  test.each(cases)('%s', (_name, props, problem) => {
    expect(networkError(props)).toBe(PREFIX + problem);
  });

  test('subnetPrefixLength with a cidr given as a token is refused, not ignored', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    expect(() => new MultiAzNetwork(stack, 'network', { cidr, subnetPrefixLength: 24 })).toThrow(
      `${PREFIX}\`subnetPrefixLength\` cannot be honoured with a \`cidr\` given as a token (its prefix length is unknown at synth time), got 24. Remove it, or pass \`cidr\` literally.`,
    );
  });

  test('a KMS key ARN and tokens are accepted', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const key = new TerraformVariable(stack, 'key', { type: 'string' }).stringValue;
    expect(() => new MultiAzNetwork(stack, 'a', { flowLogs: { encryptionKeyArn: key, enabled: true } })).not.toThrow();
    expect(() => new MultiAzNetwork(stack, 'b', { flowLogs: { encryptionKeyArn: 'arn:aws-cn:kms:cn-north-1:123456789012:key/abc' } })).not.toThrow();
  });

  test('property: any string that is not a NatGatewayMode member is rejected, naming the members', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !Object.values(NatGatewayMode).includes(s as NatGatewayMode)), (mode) => {
        expect(networkError({ natGateways: mode as NatGatewayMode })).toBe(
          `${PREFIX}\`natGateways\` must be one of NatGatewayMode.PER_ZONE, NatGatewayMode.SINGLE, NatGatewayMode.NONE, got ${JSON.stringify(mode)}.`,
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe('MultiAzNetwork.fromExisting', () => {
  function existing(props: any) {
    const stack = new TerraformStack(Testing.app(), 'stack');
    return MultiAzNetwork.fromExisting(stack, 'imported', props);
  }

  test('exposes the given subnets, zones and VPC', () => {
    const network = existing({
      vpcId: 'vpc-1',
      vpcCidrBlock: '10.1.0.0/16',
      publicSubnets: [
        { subnetId: 'subnet-a', zone: 'eu-west-1a' },
        { subnetId: 'subnet-b', zone: 'eu-west-1b' },
      ],
      privateSubnets: [
        { subnetId: 'subnet-c', zone: 'eu-west-1a' },
        { subnetId: 'subnet-d', zone: 'eu-west-1c' },
      ],
    });
    expect(network.vpcId).toBe('vpc-1');
    expect(network.vpcCidrBlock).toBe('10.1.0.0/16');
    expect(network.zones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(network.subnets(SubnetTier.PRIVATE).map((s) => s.subnetId)).toEqual(['subnet-c', 'subnet-d']);
    expect(network.subnets(SubnetTier.ISOLATED)).toEqual([]);
  });

  test('rejects tiers in a single zone, repeated subnets and an empty network', () => {
    expect(() =>
      existing({
        vpcId: 'vpc-1',
        vpcCidrBlock: '10.1.0.0/16',
        privateSubnets: [
          { subnetId: 'subnet-c', zone: 'eu-west-1a' },
          { subnetId: 'subnet-c', zone: 'eu-west-1a' },
        ],
      }),
    ).toThrow(
      'MultiAzNetwork.fromExisting "stack/imported" has 2 invalid props:\n' +
        '  - `privateSubnets` must span at least 2 distinct zones so the network survives the loss of a zone, got ["eu-west-1a", "eu-west-1a"]. Add a subnet in another availability zone.\n' +
        '  - `privateSubnets` must not list the same subnet twice, got ["subnet-c", "subnet-c"].',
    );
    expect(() => existing({ vpcId: 'vpc-1', vpcCidrBlock: '10.1.0.0/16' })).toThrow(
      'MultiAzNetwork.fromExisting "stack/imported": at least one of `publicSubnets`, `privateSubnets` or `isolatedSubnets` must list subnets, got none.',
    );
  });

  test('wrong types are reported, never a TypeError', () => {
    expect(() => existing({ vpcCidrBlock: 'ten', privateSubnets: { subnetId: 'subnet-a', zone: 'eu-west-1a' } })).toThrow(
      'MultiAzNetwork.fromExisting "stack/imported" has 3 invalid props:\n' +
        '  - `vpcId` must be the VPC id, e.g. "vpc-0123456789abcdef0", got nothing.\n' +
        '  - `vpcCidrBlock` must be the VPC\'s IPv4 CIDR block, e.g. "10.0.0.0/16", got "ten".\n' +
        '  - `privateSubnets` must list subnets as { subnetId, zone }, e.g. [{ subnetId: "subnet-1", zone: "eu-west-1a" }], got {"subnetId":"subnet-a","zone":"eu-west-1a"}.',
    );
    expect(() => existing({ vpcId: 'vpc-1', vpcCidrBlock: '10.1.0.0/16', publicSubnets: [{ subnetId: 'subnet-a' }, { subnetId: 'subnet-b', zone: 'b' }] })).toThrow(
      'MultiAzNetwork.fromExisting "stack/imported": `publicSubnets` must list subnets as { subnetId, zone }, e.g. [{ subnetId: "subnet-1", zone: "eu-west-1a" }], got [{"subnetId":"subnet-a"}, {"subnetId":"subnet-b","zone":"b"}].',
    );
  });

  test('ids, CIDR blocks and zones known only at deploy time are accepted', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const v = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
    const network = MultiAzNetwork.fromExisting(stack, 'imported', {
      vpcId: v('vpc'),
      vpcCidrBlock: v('cidr'),
      privateSubnets: [
        { subnetId: v('a'), zone: v('za') },
        { subnetId: v('b'), zone: v('zb') },
      ],
    });
    expect(network.zones).toHaveLength(2);
  });
});
