// A user's cdktf app: one AWS stack built with the library, one Kubernetes stack with a raw
// Chaos Mesh object (any cdktf stack can be proven, not only this library's).
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { MultiAzNetwork } from 'cdktf-fault-tolerance';
import { Construct } from 'constructs';

export class NetworkStack extends TerraformStack {
  public readonly network: MultiAzNetwork;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    this.network = new MultiAzNetwork(this, 'network', { zones: 2 });
    new S3Bucket(this, 'artifacts', { bucketPrefix: 'artifacts-' });
  }
}

export class ChaosStack extends TerraformStack {
  public readonly experiment: Manifest;
  constructor(scope: Construct, id: string, props: { mode?: string } = {}) {
    super(scope, id);
    new KubernetesProvider(this, 'k8s', { host: 'https://kubernetes.example.com', token: 'offline' });
    this.experiment = new Manifest(this, 'kill-one-web-pod', {
      manifest: {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'PodChaos',
        metadata: { name: 'kill-one-web-pod', namespace: 'shop' },
        spec: { action: 'pod-kill', mode: props.mode ?? 'one', selector: { namespaces: ['shop'], labelSelectors: { app: 'web' } } },
      },
    });
  }
}

export function buildApp(outdir?: string): App {
  const app = new App({ outdir, stackTraces: false });
  new NetworkStack(app, 'network');
  new ChaosStack(app, 'chaos');
  return app;
}

if (require.main === module) buildApp().synth();
