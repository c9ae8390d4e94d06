import * as net from 'net';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { network } from './subjects';
import { AlarmTopic, BackupStore, HaAlertmanager, HealthCheckedLoadBalancer, Platform, Receiver, Route, SecretRef } from '../../src';
import { isHostPort, isWebUrl, parseIpv6 } from '../../src/core/private/urls';

/*
 * Promise: every address or URL the library accepts and renders is IPv6-safe: an IPv6 host is bracketed where a port
 * or URL follows it (as Go's net.SplitHostPort and the WHATWG URL parser require), IPv6 CIDR blocks are parsed, not
 * guessed at, and each ends up where its family belongs. (Alertmanager's advertise address: test/alerting.)
 */

function error(make: (stack: TerraformStack) => void): string | undefined {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  try {
    make(stack);
    Testing.synth(stack);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('IPv6 addresses are parsed as RFC 4291 writes them', () => {
  test('every IPv6 address is one; Node\'s own parser agrees on random text', () => {
    fc.assert(fc.property(fc.ipV6(), (ip) => parseIpv6(ip) !== undefined), { seed: 6, numRuns: 2000 });
    const text = fc.stringMatching(/^[0-9a-f:.]{0,45}$/);
    fc.assert(fc.property(text, (t) => (parseIpv6(t) !== undefined) === net.isIPv6(t)), { seed: 6, numRuns: 5000 });
  });

  test.each([
    ['smtp.example.com:587', true],
    ['192.0.2.25:587', true],
    ['[2001:db8::25]:587', true],
    ['[::1]:25', true],
    ['2001:db8::25:587', false],
    ['[2001:db8::25]', false],
    ['[not-an-ip]:587', false],
    ['smtp.example.com:0', false],
    ['smtp.example.com:65536', false],
    ['smtp.example.com', false],
  ])('host:port %s: %s', (address, ok) => {
    expect(isHostPort(address)).toBe(ok);
  });

  test.each([
    ['https://[2001:db8::1]:9093/', true],
    ['https://alerts.example.com/', true],
    ['https://2001:db8::1:9093/', false],
    ['https://[2001:db8::1/', false],
    ['ftp://alerts.example.com/', false],
  ])('URL %s: %s', (url, ok) => {
    expect(isWebUrl(url, ['http:', 'https:'])).toBe(ok);
  });
});

describe('each URL and address prop takes a bracketed IPv6 host and refuses a bare one', () => {
  const receivers = [Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'))];
  const am = (externalUrl: string) => (s: TerraformStack) =>
    new HaAlertmanager(s, 'am', { platform: Platform.kubernetes({ namespaceName: 'monitoring' }), receivers, route: Route.to('oncall'), externalUrl });

  test('HaAlertmanager externalUrl', () => {
    expect(error(am('https://[2001:db8::1]:9093/'))).toBeUndefined();
    expect(error(am('https://2001:db8::1:9093/'))).toBe('HaAlertmanager "stack/am": `externalUrl` must be an http:// or https:// URL, got "https://2001:db8::1:9093/".');
  });

  test('AlarmTopic httpsEndpoints', () => {
    expect(error((s) => new AlarmTopic(s, 't', { httpsEndpoints: ['https://[2001:db8::1]/events'] }))).toBeUndefined();
    expect(error((s) => new AlarmTopic(s, 't', { httpsEndpoints: ['https://2001:db8::1/events'] }))).toContain('`httpsEndpoints[0]`');
  });

  test('BackupStore endpointUrl', () => {
    expect(() => BackupStore.s3({ destinationPath: 's3://bkt/', endpointUrl: 'https://[2001:db8::10]:9000' })).not.toThrow();
    expect(() => BackupStore.s3({ destinationPath: 's3://bkt/', endpointUrl: 'https://2001:db8::10:9000' })).toThrow(
      'BackupStore.s3: `endpointUrl` must be an http(s) URL like "https://minio.storage.svc:9000" (an IPv6 host in brackets: "https://[2001:db8::10]:9000"), got "https://2001:db8::10:9000".',
    );
  });
});

describe('load balancer client blocks', () => {
  const lb = (allowedCidrs: string[], platform: 'aws' | 'kubernetes' = 'aws') => (s: TerraformStack) =>
    new HealthCheckedLoadBalancer(s, 'lb', { platform: platform === 'aws' ? Platform.aws({ network: network(s) }) : Platform.kubernetes(), allowPlainHttp: true, allowedCidrs });

  test('IPv6 blocks go to cidr_ipv6, IPv4 blocks to cidr_ipv4', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    lb(['0.0.0.0/0', '2001:db8::/32'])(stack);
    const rules = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_vpc_security_group_ingress_rule as Record<string, any>);
    expect(rules.map((r) => [r.cidr_ipv4, r.cidr_ipv6])).toEqual([['0.0.0.0/0', undefined], [undefined, '2001:db8::/32']]);
  });

  test('a block with host bits set is refused with its network address', () => {
    expect(error(lb(['0.0.0.0/0', '2001:db8::1/32']))).toContain('`allowedCidrs[1]`');
    expect(error(lb(['0.0.0.0/0', '2001:db8::1/32']))).toContain('2001:db8::/32');
  });

  test('an IPv6-only list on the IPv4-only AWS load balancer is refused; Kubernetes takes it', () => {
    expect(error(lb(['::/0']))).toContain('admits only IPv6 clients, but the load balancer is IPv4-only');
    expect(error(lb(['2001:db8::/32'], 'kubernetes'))).toBeUndefined();
  });

  test('text that only looks like a block is refused', () => {
    expect(error(lb(['2001:db8:::/32']))).toContain('`allowedCidrs[0]` must be an IPv4 or IPv6 CIDR block');
    expect(error(lb(['::/129']))).toContain('`allowedCidrs[0]`');
  });
});
