import { FindingLevel } from '../../findings';
import { NOT_APPLICABLE, Rule, nonCompliant, COMPLIANT, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { isExpression, isUnresolved, readBlocks } from '../values';

const ROUTE_TABLES = ['aws_route_table', 'aws_default_route_table'];

/** The route tables with a route through `nat`. */
function routeTablesThrough(nat: TfResource, stack: StackView): TfResource[] {
  const tables = new Map<string, TfResource>();
  for (const route of stack.ofType('aws_route')) {
    if (stack.refersTo(route.config.nat_gateway_id, nat)) {
      for (const table of stack.referenced(route.config.route_table_id, ...ROUTE_TABLES)) {
        tables.set(table.address, table);
      }
    }
  }
  for (const table of stack.ofType(...ROUTE_TABLES)) {
    const routes = readBlocks(table.config, 'route');
    if (!isUnresolved(routes) && routes.some((r) => stack.refersTo(r.nat_gateway_id, nat))) {
      tables.set(table.address, table);
    }
  }
  return [...tables.values()];
}

function zoneOf(subnet: TfResource | undefined): string | undefined {
  const zone = subnet?.config.availability_zone ?? subnet?.config.availability_zone_id;
  return typeof zone === 'string' ? zone : undefined;
}

/** A zone for a message: its name, or `zone #2` for `element(data.aws_availability_zones.x.names, 1)`. */
function zoneLabel(zone: string): string {
  if (!isExpression(zone)) {
    return zone;
  }
  const index = /element\([^,]+,\s*(\d+)\s*\)|\[(\d+)\]\s*\}$/.exec(zone);
  return index ? `zone #${Number(index[1] ?? index[2]) + 1}` : 'a zone given as an expression';
}

export const NETWORK_RULES: Rule[] = [
  {
    id: 'FT-NET-1',
    level: FindingLevel.ERROR,
    info: 'One NAT gateway serves private subnets of several availability zones.',
    explanation:
      'A NAT gateway lives in one zone. When that zone fails, every private subnet routed through it loses outbound access (package ' +
      'mirrors, external APIs, AWS endpoints without VPC endpoints), in the zones that are still healthy too. Give each zone its own ' +
      'NAT gateway and route each zone\'s private subnets through it (MultiAzNetwork does by default).',
    resourceTypes: ['aws_nat_gateway'],
    evaluate: (nat, stack) => {
      if (nat.config.count !== undefined || nat.config.for_each !== undefined) {
        return NOT_APPLICABLE; // one resource block, several gateways: referenced by index
      }
      const subnets = new Map<string, TfResource | undefined>();
      for (const table of routeTablesThrough(nat, stack)) {
        for (const assoc of stack.ofType('aws_route_table_association')) {
          if (stack.refersTo(assoc.config.route_table_id, table) && assoc.config.subnet_id !== undefined) {
            const subnet = stack.referenced(assoc.config.subnet_id, 'aws_subnet', 'aws_default_subnet')[0];
            subnets.set(subnet?.address ?? String(assoc.config.subnet_id), subnet);
          }
        }
      }
      if (subnets.size === 0) {
        return COMPLIANT;
      }
      const zones = new Set<string>();
      const unknown: string[] = [];
      for (const [key, subnet] of subnets) {
        const zone = zoneOf(subnet);
        if (zone === undefined) {
          unknown.push(key);
        } else {
          zones.add(zone);
        }
      }
      const own = zoneOf(stack.referenced(nat.config.subnet_id, 'aws_subnet', 'aws_default_subnet')[0]);
      const all = new Set([...zones, ...(own !== undefined ? [own] : [])]);
      if (all.size >= 2) {
        const served = [...zones].map(zoneLabel).join(', ');
        return nonCompliant(
          `it serves ${subnets.size} private ${subnets.size === 1 ? 'subnet' : 'subnets'} in ${zones.size} ${zones.size === 1 ? 'zone' : 'zones'} (${served})` +
            (own !== undefined ? `, from ${/^zone #/.test(zoneLabel(own)) ? zoneLabel(own) : `zone ${zoneLabel(own)}`}` : ''),
        );
      }
      if (unknown.length > 0 && all.size + unknown.length >= 2) {
        return unresolvable(`the availability zone of ${unknown.map((u) => `\`${u}\``).join(', ')}`);
      }
      return COMPLIANT;
    },
  },
  {
    id: 'FT-NET-2',
    level: FindingLevel.WARNING,
    info: 'The VPC has no flow logs.',
    explanation:
      'Without flow logs there is no record of the traffic that was accepted or rejected: when a zone fails, a security group change ' +
      'cuts a dependency off or an instance is compromised, nobody can tell which connections failed or were made. Add an ' +
      '`aws_flow_log` with `vpc_id` set to the VPC (all traffic, to an encrypted log group or bucket); MultiAzNetwork does by default.',
    resourceTypes: ['aws_vpc', 'aws_default_vpc'],
    evaluate: (vpc, stack) => {
      const logs = stack.ofType('aws_flow_log');
      if (logs.some((log) => stack.refersTo(log.config.vpc_id, vpc))) {
        return COMPLIANT;
      }
      const unknown = logs.find((log) => isExpression(log.config.vpc_id) && stack.referenced(log.config.vpc_id).length === 0);
      if (unknown) {
        return unresolvable(`\`${unknown.address}.vpc_id\` is \`${unknown.config.vpc_id}\``);
      }
      return nonCompliant('no `aws_flow_log` of this stack has `vpc_id` set to it');
    },
  },
];
