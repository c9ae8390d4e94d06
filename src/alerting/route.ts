import { Duration } from '../core/duration';
import { checkInhibitRuleArguments, checkMatcherArguments, checkRouteArguments } from './private/arguments';
import type { InhibitRuleDescription, MatcherDescription, RouteDescription } from './private/descriptions';
import { matcherEscape } from './private/escape';
import { brand } from '../core/private/brand';

/**
 * How a {@link Matcher} compares a label.
 */
export enum MatchOperator {
  /** The label equals the value (`=`). */
  EQUALS = 'EQUALS',
  /** The label does not equal the value (`!=`). */
  NOT_EQUALS = 'NOT_EQUALS',
  /** The label matches the regular expression, anchored on both ends (`=~`). */
  MATCHES_REGEX = 'MATCHES_REGEX',
  /** The label does not match the regular expression (`!~`). */
  NOT_MATCHES_REGEX = 'NOT_MATCHES_REGEX',
}

/** Each operator in Alertmanager's matcher syntax. */
const OPERATOR_SYNTAX: Record<MatchOperator, string> = {
  [MatchOperator.EQUALS]: '=',
  [MatchOperator.NOT_EQUALS]: '!=',
  [MatchOperator.MATCHES_REGEX]: '=~',
  [MatchOperator.NOT_MATCHES_REGEX]: '!~',
};

/**
 * One condition on an alert's labels, rendered in Alertmanager's matcher syntax (`severity="critical"`).
 *
 * ```ts
 * Matcher.equal('severity', 'critical');
 * Matcher.regex('alertname', 'Kube.*');
 * ```
 */
export class Matcher {
  /** `label="value"` */
  public static equal(label: string, value: string): Matcher {
    checkMatcherArguments('Matcher.equal', label, value);
    return new Matcher({ label, operator: MatchOperator.EQUALS, value });
  }

  /** `label!="value"` */
  public static notEqual(label: string, value: string): Matcher {
    checkMatcherArguments('Matcher.notEqual', label, value);
    return new Matcher({ label, operator: MatchOperator.NOT_EQUALS, value });
  }

  /** `label=~"pattern"`: the whole label value matches the RE2 regular expression. */
  public static regex(label: string, pattern: string): Matcher {
    checkMatcherArguments('Matcher.regex', label, pattern);
    return new Matcher({ label, operator: MatchOperator.MATCHES_REGEX, value: pattern });
  }

  /** `label!~"pattern"` */
  public static notRegex(label: string, pattern: string): Matcher {
    checkMatcherArguments('Matcher.notRegex', label, pattern);
    return new Matcher({ label, operator: MatchOperator.NOT_MATCHES_REGEX, value: pattern });
  }

  private readonly description: MatcherDescription;

  private constructor(description: MatcherDescription) {
    this.description = description;
    brand(this, 'Matcher');
  }

  /**
   * The matcher in Alertmanager syntax, the value double-quoted and escaped as Alertmanager escapes it:
   * `severity="critical"`.
   */
  public toString(): string {
    const d = this.description;
    return `${d.label}${OPERATOR_SYNTAX[d.operator]}"${matcherEscape(String(d.value))}"`;
  }

  /**
   * The label, the comparison and the value, for the validation and the renderers.
   * @internal
   */
  public _describe(): MatcherDescription {
    return this.description;
  }
}

/**
 * Options of a {@link Route}. Unset timing and grouping options are inherited from the parent route.
 */
export interface RouteOptions {
  /**
   * The alerts this route takes: all matchers must match. The root route takes every alert and has none.
   * @default - every alert that reaches this route
   */
  readonly matchers?: Matcher[];
  /**
   * Labels that group alerts into one notification; `['...']` groups by every label (no grouping).
   * @default - the parent route's; on the root route `['alertname', 'namespace']`
   */
  readonly groupBy?: string[];
  /**
   * How long to wait for more alerts of a new group before the first notification (a whole number of seconds).
   * @default - the parent route's; on the root route 30 seconds
   */
  readonly groupWait?: Duration;
  /**
   * How long to wait before notifying about new alerts added to a group that was already notified (a whole number
   * of seconds, at least 1).
   * @default - the parent route's; on the root route 5 minutes
   */
  readonly groupInterval?: Duration;
  /**
   * How long to wait before repeating a notification for alerts still firing (a whole number of seconds, at
   * least 1).
   * @default - the parent route's; on the root route 4 hours
   */
  readonly repeatInterval?: Duration;
  /**
   * Keep matching the following sibling routes after this one matched (`continue: true`), e.g. to page and also
   * post to a channel. Not allowed on the root route.
   * @default false
   */
  readonly continueMatching?: boolean;
  /**
   * Nested routes, tried in order; an alert matching none stays with this route's receiver.
   * @default - none
   */
  readonly routes?: Route[];
}

/**
 * A node of Alertmanager's routing tree: which alerts go to which receiver.
 *
 * ```ts
 * Route.to('slack', {
 *   groupBy: ['alertname', 'namespace'],
 *   routes: [Route.to('pagerduty', { matchers: [Matcher.equal('severity', 'critical')] })],
 * });
 * ```
 */
export class Route {
  /** A route to the receiver named `receiver`. */
  public static to(receiver: string, options: RouteOptions = {}): Route {
    checkRouteArguments(receiver, options);
    return new Route({ ...(options ?? {}), receiver });
  }

  private readonly description: RouteDescription;

  private constructor(description: RouteDescription) {
    this.description = description;
    brand(this, 'Route');
  }

  /**
   * The receiver and the options, for the validation and the renderers.
   * @internal
   */
  public _describe(): RouteDescription {
    return this.description;
  }
}

/**
 * Options of {@link InhibitRule.of}.
 */
export interface InhibitRuleOptions {
  /** The alerts that mute (e.g. `severity="critical"`). At least one. */
  readonly sourceMatchers: Matcher[];
  /** The alerts muted (e.g. `severity="warning"`). At least one. */
  readonly targetMatchers: Matcher[];
  /**
   * Labels whose values must be equal in the source and the target alert.
   * @default - none: any source alert mutes every target alert (rarely what you want)
   */
  readonly equal?: string[];
}

/**
 * Mutes the alerts matching `targetMatchers` while an alert matching `sourceMatchers` fires with the same values
 * of the `equal` labels.
 *
 * ```ts
 * InhibitRule.of({
 *   sourceMatchers: [Matcher.equal('severity', 'critical')],
 *   targetMatchers: [Matcher.equal('severity', 'warning')],
 *   equal: ['alertname', 'namespace'],
 * });
 * ```
 */
export class InhibitRule {
  /** A rule muting `targetMatchers` while `sourceMatchers` fire with equal `equal` labels. */
  public static of(options: InhibitRuleOptions): InhibitRule {
    checkInhibitRuleArguments(options);
    const o = options ?? ({} as InhibitRuleOptions);
    return new InhibitRule({ sourceMatchers: o.sourceMatchers, targetMatchers: o.targetMatchers, equal: o.equal });
  }

  private readonly description: InhibitRuleDescription;

  private constructor(description: InhibitRuleDescription) {
    this.description = description;
    brand(this, 'InhibitRule');
  }

  /**
   * The source and target matchers and the equal labels, for the validation and the renderers.
   * @internal
   */
  public _describe(): InhibitRuleDescription {
    return this.description;
  }
}
