import 'cdktf/lib/testing/adapters/jest';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { TerraformStack } from 'cdktf';
import { only, subnet, unresolvables, violations } from './helpers';
import { MultiAzNetwork, NatGatewayMode } from '../../src';

/** Private subnets in `zones`, each with its own route table whose default route goes through `nat`. */
function privateSubnetsThrough(s: TerraformStack, nat: NatGateway, zones: Array<string | undefined>, inline = false): Subnet[] {
  return zones.map((zone, i) => {
    const sn = zone ? subnet(s, `private-${i}`, zone) : new Subnet(s, `private-${i}`, { vpcId: 'vpc-1', cidrBlock: '10.0.9.0/24' });
    const table = new RouteTable(s, `rt-${i}`, {
      vpcId: 'vpc-1',
      route: inline ? [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat.id }] : undefined,
    });
    if (!inline) {
      new Route(s, `default-${i}`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
    }
    new RouteTableAssociation(s, `assoc-${i}`, { routeTableId: table.id, subnetId: sn.id });
    return sn;
  });
}

describe('FT-NET-1: one NAT gateway serves several zones', () => {
  test('Noncompliance 1: private subnets of two zones route through one NAT gateway', () => {
    const f = only('FT-NET-1', (s) => {
      const nat = new NatGateway(s, 'nat', { subnetId: subnet(s, 'public-a', 'eu-west-1a').id });
      privateSubnetsThrough(s, nat, ['eu-west-1a', 'eu-west-1b']);
    });
    expect(f.id).toBe('FT-NET-1:nat');
    expect(f.detail).toBe('it serves 2 private subnets in 2 zones (eu-west-1a, eu-west-1b), from zone eu-west-1a');
  });
  test('Noncompliance 2: inline routes of aws_route_table', () => {
    expect(
      violations('FT-NET-1', (s) => {
        const nat = new NatGateway(s, 'nat', { subnetId: 'subnet-public' });
        privateSubnetsThrough(s, nat, ['eu-west-1a', 'eu-west-1b'], true);
      }),
    ).toEqual(['FT-NET-1:nat']);
  });
  test('Noncompliance 3: the private subnet is in another zone than its NAT gateway', () => {
    expect(
      violations('FT-NET-1', (s) => {
        const nat = new NatGateway(s, 'nat', { subnetId: subnet(s, 'public-a', 'eu-west-1a').id });
        privateSubnetsThrough(s, nat, ['eu-west-1b']);
      }),
    ).toEqual(['FT-NET-1:nat']);
  });
  test('Noncompliance 4: MultiAzNetwork with a single NAT gateway', () => {
    const f = only('FT-NET-1', (s) => new MultiAzNetwork(s, 'network', { natGateways: NatGatewayMode.SINGLE }));
    expect(f.id).toBe('FT-NET-1:network/NatGateway1');
    expect(f.detail).toBe('it serves 3 private subnets in 3 zones (zone #1, zone #2, zone #3), from zone #1');
  });
  test('Unresolvable: subnets of unknown zone', () => {
    expect(
      unresolvables('FT-NET-1', (s) => {
        const nat = new NatGateway(s, 'nat', { subnetId: 'subnet-public' });
        privateSubnetsThrough(s, nat, [undefined, undefined]);
      }),
    ).toEqual(['cannot check at synth time: the availability zone of `aws_subnet.private-0`, `aws_subnet.private-1`, known only at deploy time']);
  });
  test('Compliance: one NAT gateway per zone', () => {
    expect(
      violations('FT-NET-1', (s) => {
        for (const zone of ['a', 'b']) {
          const nat = new NatGateway(s, `nat-${zone}`, { subnetId: subnet(s, `public-${zone}`, `eu-west-1${zone}`).id });
          const sn = subnet(s, `private-${zone}`, `eu-west-1${zone}`);
          const table = new RouteTable(s, `rt-${zone}`, { vpcId: 'vpc-1' });
          new Route(s, `default-${zone}`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
          new RouteTableAssociation(s, `assoc-${zone}`, { routeTableId: table.id, subnetId: sn.id });
        }
        new MultiAzNetwork(s, 'network');
      }),
    ).toEqual([]);
  });
});
