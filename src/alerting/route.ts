import { Duration } from '../core/duration';

/**
 * How a {@link Matcher} compares a label.
 */
export enum MatchOperator {
  /** The label equals the value. */
  EQUALS = '=',
  /** The label does not equal the value. */
  NOT_EQUALS = '!=',
  /** The label matches the regular expression (anchored on both ends). */
  MATCHES_REGEX = '=~',
  /** The label does not match the regular expression. */
  NOT_MATCHES_REGEX = '!~',
}

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
    return new Matcher(label, MatchOperator.EQUALS, value);
  }

  /** `label!="value"` */
  public static notEqual(label: string, value: string): Matcher {
    return new Matcher(label, MatchOperator.NOT_EQUALS, value);
  }

  /** `label=~"pattern"`: the whole label value matches the RE2 regular expression. */
  public static regex(label: string, pattern: string): Matcher {
    return new Matcher(label, MatchOperator.MATCHES_REGEX, pattern);
  }

  /** `label!~"pattern"` */
  public static notRegex(label: string, pattern: string): Matcher {
    return new Matcher(label, MatchOperator.NOT_MATCHES_REGEX, pattern);
  }

  /** The label name. */
  public readonly label: string;
  /** The comparison. */
  public readonly operator: MatchOperator;
  /** The value or regular expression. */
  public readonly value: string;

  private constructor(label: string, operator: MatchOperator, value: string) {
    this.label = label;
    this.operator = operator;
    this.value = value;
  }

  /** The matcher in Alertmanager syntax, the value double-quoted and escaped: `severity="critical"`. */
  public toString(): string {
    return `${this.label}${this.operator}${JSON.stringify(this.value)}`;
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
   * How long to wait for more alerts of a new group before the first notification.
   * @default - the parent route's; on the root route 30 seconds
   */
  readonly groupWait?: Duration;
  /**
   * How long to wait before notifying about new alerts added to a group that was already notified.
   * @default - the parent route's; on the root route 5 minutes
   */
  readonly groupInterval?: Duration;
  /**
   * How long to wait before repeating a notification for alerts still firing.
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
    return new Route(receiver, options);
  }

  /** The receiver's name. */
  public readonly receiver: string;
  /** The route's options. */
  public readonly options: RouteOptions;

  private constructor(receiver: string, options: RouteOptions) {
    this.receiver = receiver;
    this.options = options ?? {};
  }
}

/**
 * Mutes the alerts matching `targetMatchers` while an alert matching `sourceMatchers` fires with the same values
 * of the `equal` labels.
 */
export interface InhibitRule {
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
