import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/**
 * The seed's hands-on (a Node.js app with replicas behind a LoadBalancer Service, plus HA Alertmanager), made
 * production-grade one capability at a time.
 */
export class KubernetesWebAppStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new KubernetesProvider(this, 'kubernetes', {
      configPath: '~/.kube/config',
    });
  }
}
