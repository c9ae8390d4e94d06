import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { DashboardPlan, MAX_WIDGETS, dashboardWidgets, planDashboard } from './private/dashboard';
import { validateDashboard } from './private/validate';
import type { HealthDashboardAwsResources } from './resources';
import { AlarmRegistry } from '../core/alarms';
import { MetricRegistry } from '../core/metrics';
import { attached, attachedIfAny } from '../core/private/brand';
import { namingPathOfPath } from '../core/private/moves';

/**
 * Props of {@link HealthDashboard}.
 */
export interface HealthDashboardProps {
  /**
   * The dashboard name: 1 to 255 letters, digits, `-` or `_`, unique in the account (dashboards are global, not
   * per region).
   * @default - derived from the stack and construct path
   */
  readonly name?: string;
  /**
   * Show only these constructs and the constructs below them: one dashboard per group of constructs (a team, a
   * service and its database).
   * @default - every construct of the stack
   */
  readonly constructs?: IConstruct[];
}

/**
 * A CloudWatch dashboard of a stack's health in one place: the state of every alarm the constructs of this library
 * created (`AlarmRegistry`, critical first), then each construct's key metrics (`MetricRegistry`): requests, 5XX,
 * p99 latency and healthy targets per target group of a load balancer; running tasks or in-service instances,
 * healthy replicas per zone and utilization of a service; CPU, connections, free storage and replica lag of a
 * database.
 *
 * An `AlarmTopic` creates one for its stack unless told not to (`dashboard: false`); create one yourself when
 * alarms notify a topic of another stack, or one per group of constructs:
 *
 * ```ts
 * new HealthDashboard(this, 'payments', { constructs: [api, db] });
 * ```
 *
 * The dashboard is computed at synth, so constructs declared after it are on it.
 */
export class HealthDashboard extends Construct {
  /** The dashboard covering the whole stack of `scope`, if one was created. */
  public static of(scope: IConstruct): HealthDashboard | undefined {
    return attachedIfAny<HealthDashboard>(TerraformStack.of(scope), 'HealthDashboard');
  }

  /** The dashboard name. */
  public readonly name: string;
  /** What was created on AWS: the dashboard. */
  public readonly aws: HealthDashboardAwsResources;

  private readonly plan: DashboardPlan;

  constructor(scope: Construct, id: string, props: HealthDashboardProps = {}) {
    super(scope, id);
    validateDashboard(this, props ?? {});
    this.plan = planDashboard(this, props ?? {});
    this.name = this.plan.name;
    if (this.plan.constructPaths === undefined) {
      attached(TerraformStack.of(this), 'HealthDashboard', () => this);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderHealthDashboard } = require('./aws') as typeof import('./aws');
    this.aws = renderHealthDashboard(this, this.plan, (region) => this.widgets(region));
    this.node.addValidation({
      validate: () => {
        const count = this.widgets().length;
        return count > MAX_WIDGETS
          ? [
            `HealthDashboard "${this.node.path}" would have ${count} widgets: a CloudWatch dashboard holds at most ${MAX_WIDGETS}. ` +
                'Split it: one HealthDashboard per group of constructs (`constructs`)' +
                (this.plan.constructPaths === undefined ? ', and `dashboard: false` on the AlarmTopic if it created this one.' : '.'),
          ]
          : [];
      },
    });
  }

  private widgets(region: string = ''): any[] {
    // Section headers name each construct by its path before a declared move, so Refactor.move keeps them.
    const stack = TerraformStack.of(this);
    return dashboardWidgets(this.plan, AlarmRegistry.of(this).alarms, MetricRegistry.of(this).graphs, region, (p) => namingPathOfPath(stack, p));
  }
}
