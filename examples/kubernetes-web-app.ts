import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { HaAlertmanager, HealthCheckedLoadBalancer, Matcher, Platform, Receiver, Route, SecretRef } from '../src';

/**
 * The seed's hands-on (a Node.js app with replicas behind a LoadBalancer Service, plus HA Alertmanager), made
 * production-grade one capability at a time.
 */
export class KubernetesWebAppStack extends TerraformStack {
  /** 3 gossiping Alertmanagers in `monitoring`: critical alerts page, warnings go to Slack. */
  public readonly alerting: HaAlertmanager;
  /** The seed's LoadBalancer Service in `shop`: port 80 to the web pods' port 3000, ready pods only. */
  public readonly webLoadBalancer: HealthCheckedLoadBalancer;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    new KubernetesProvider(this, 'kubernetes', {
      configPath: '~/.kube/config',
    });

    // The Secrets `pagerduty` and `slack` must exist in `monitoring`; their values never pass through Terraform.
    this.alerting = new HaAlertmanager(this, 'alerting', {
      platform: Platform.kubernetes({ namespace: 'monitoring' }),
      replicas: 3,
      receivers: [
        Receiver.pagerDuty('pagerduty', SecretRef.kubernetes('pagerduty', 'routing-key')),
        Receiver.slack('slack', SecretRef.kubernetes('slack', 'webhook-url'), { channel: '#shop-alerts' }),
      ],
      route: Route.to('slack', {
        groupBy: ['alertname', 'namespace'],
        routes: [
          Route.to('pagerduty', { matchers: [Matcher.equal('severity', 'critical')] }),
          Route.to('slack', { matchers: [Matcher.equal('severity', 'warning')] }),
        ],
      }),
    });
    // Constructs on `Platform.kubernetes({ namespace: 'shop', alerting: this.alerting })` register their workloads.

    // The seed's LoadBalancer Service: port 80 to the web pods' port 3000. A MultiAzService given
    // `loadBalancer: this.webLoadBalancer` registers its own pods instead of this selector.
    this.webLoadBalancer = new HealthCheckedLoadBalancer(this, 'web-lb', {
      platform: Platform.kubernetes({ namespace: 'shop' }),
      port: 80,
    });
    this.webLoadBalancer.addTarget('web', { port: 3000, selector: { 'app.kubernetes.io/name': 'web' } });
  }
}
