import type { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import type { ILoadBalancer } from '../core/load-balancer';

/**
 * A listener rule of a `HealthCheckedLoadBalancer` (`addRoute`): requests matching its host headers and path patterns
 * go to its targets, weighted like the load balancer's own (blue/green, canary). It is a load balancer for the
 * service behind it: pass it as the service's `loadBalancer`, or call `addTarget` on it.
 *
 * ```ts
 * const api = edge.addRoute('api', { hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*'] });
 * new MultiAzService(this, 'api', { platform, workload, loadBalancer: api });
 * ```
 */
export interface ILoadBalancerRoute extends ILoadBalancer {
  /** The host headers the route answers (empty: any host). */
  readonly hostHeaders: string[];
  /** The path patterns the route answers (empty: any path). */
  readonly pathPatterns: string[];
  /**
   * The rule's priority: the declared one, or the one derived at synth (a number token until then).
   */
  readonly priority: number;
  /** The listener rule forwarding to the route's target groups. */
  readonly listenerRule: LbListenerRule;
}
