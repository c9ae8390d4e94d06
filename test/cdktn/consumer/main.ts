// A user's CDK Terrain (cdktn 0.24) app: the library's cdktn flavour on AWS and on Kubernetes, with the checks on.
// There is no prebuilt @cdktn/provider-kubernetes: the flavour ships the Kubernetes bindings it uses, provider
// included, under cdktn-fault-tolerance/lib/providers/kubernetes/.
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktn';
import {
  Duration,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  NatGatewayMode,
  Platform,
  ResilienceChecks,
  ResilienceTarget,
  Workload,
} from 'cdktn-fault-tolerance';
import { KubernetesProvider } from 'cdktn-fault-tolerance/lib/providers/kubernetes/provider';
import { Construct } from 'constructs';

/** A network, an internet-facing load balancer and a service over two zones, checked to survive one zone's loss. */
export class WebStack extends TerraformStack {
  public readonly checks: ResilienceChecks;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    const network = new MultiAzNetwork(this, 'network', { zones: 2 });
    const aws = Platform.aws({ network });
    const edge = new HealthCheckedLoadBalancer(this, 'edge', {
      platform: aws,
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    });
    new MultiAzService(this, 'api', {
      platform: aws,
      workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }),
      healthCheck: HealthCheck.http('/health'),
      loadBalancer: edge,
    });
    this.checks = ResilienceChecks.of(this, { target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }) });
  }
}

/** A network with one NAT gateway for both zones: a single point of failure the checks must refuse. */
export class FragileStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    new MultiAzNetwork(this, 'network', { zones: 2, natGateways: NatGatewayMode.SINGLE });
    ResilienceChecks.of(this);
  }
}

/** The same service on Kubernetes: 3 replicas over 3 zones behind a LoadBalancer Service. */
export class KubernetesStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new KubernetesProvider(this, 'kubernetes', { configPath: '~/.kube/config' });
    const k8s = Platform.kubernetes({ namespaceName: 'shop' });
    const lb = new HealthCheckedLoadBalancer(this, 'web-lb', { platform: k8s, port: 80 });
    new MultiAzService(this, 'web', {
      platform: k8s,
      workload: Workload.container({ image: 'registry.example.com/web:1.0.0', port: 3000 }),
      healthCheck: HealthCheck.http('/health'),
      replicas: 3,
      zones: 3,
      loadBalancer: lb,
      createNamespace: true,
    });
    ResilienceChecks.of(this);
    ResilienceChecks.suppress(lb, 'FT-TARGET-1', 'The cloud load balancer behind a Kubernetes Service spans the zones of the cluster nodes.');
  }
}

export function buildApp(outdir?: string): App {
  const app = new App({ outdir, stackTraces: false });
  new WebStack(app, 'web');
  new KubernetesStack(app, 'kubernetes');
  return app;
}

if (require.main === module) buildApp().synth();
