import { createHash } from 'crypto';

/*
 * Listener rules of an Application Load Balancer: the conditions of a route, how specific they are, whether one route
 * matches every request another does, and the priorities derived for routes declared without one. Pure functions:
 * the plan and the synth-time validation use them.
 *
 * Limits (AWS docs, "Quotas for your Application Load Balancers", rules): 100 rules per load balancer (adjustable),
 * 5 condition values per rule, 5 condition wildcards per rule, 5 target groups per action, 100 target groups per load
 * balancer; priorities 1 to 50000 (hashicorp/terraform-provider-aws internal/service/elbv2/listener_rule.go).
 */

/** The highest priority of a rule that is not the default rule. */
export const MAX_PRIORITY = 50_000;
/** Rules per Application Load Balancer, not counting default rules: the default (adjustable) quota. */
export const DEFAULT_RULE_QUOTA = 100;
/** Condition values (host headers and path patterns together) per rule. */
export const MAX_CONDITION_VALUES = 5;
/** Wildcard characters (`*`, `?`) over all condition values of a rule. */
export const MAX_WILDCARDS = 5;
/** Target groups per Application Load Balancer (not adjustable). */
export const MAX_TARGET_GROUPS = 100;

/** A host header condition value: letters, digits, `-`, `.`, and the wildcards `*` and `?`, at most 128 characters. */
export const HOST_PATTERN = /^[A-Za-z0-9.*?-]{1,128}$/;
/**
 * A path pattern: starts with `/` (or a wildcard), at most 128 characters of letters, digits, `_ - . $ / ~ " ' @ : + &`
 * and the wildcards `*` and `?`.
 */
export const PATH_PATTERN = /^[/*?][A-Za-z0-9_\-.$/~"'@:+&*?]{0,127}$/;

/** The conditions of a route, normalized: host patterns lower-case (they match case-insensitively), both sorted. */
export interface RouteConditions {
  readonly hosts: string[];
  readonly paths: string[];
}

/** A route as the priority derivation and the shadowing check read it. */
export interface RoutedRule {
  readonly id: string;
  readonly conditions: RouteConditions;
  /** The declared priority; undefined when derived. */
  readonly priority?: number;
}

/** Normalizes the declared conditions. */
export function routeConditions(hostHeaders: readonly string[] | undefined, pathPatterns: readonly string[] | undefined): RouteConditions {
  return {
    hosts: [...new Set((hostHeaders ?? []).map((h) => h.toLowerCase()))].sort(),
    paths: [...new Set(pathPatterns ?? [])].sort(),
  };
}

/** Whether two routes match exactly the same requests (same host patterns, same path patterns). */
export function sameConditions(a: RouteConditions, b: RouteConditions): boolean {
  return a.hosts.join('\n') === b.hosts.join('\n') && a.paths.join('\n') === b.paths.join('\n');
}

/** `api.example.com` and `/v1/*` in a message. */
export function describeConditions(c: RouteConditions): string {
  const parts = [
    ...(c.hosts.length > 0 ? [`host ${c.hosts.join(' or ')}`] : []),
    ...(c.paths.length > 0 ? [`path ${c.paths.join(' or ')}`] : []),
  ];
  return parts.join(' and ');
}

/** How many wildcard characters the values hold. */
export function wildcards(values: readonly string[]): number {
  return values.reduce((n, v) => n + (v.match(/[*?]/g)?.length ?? 0), 0);
}

/**
 * Whether every string matched by pattern `narrow` is also matched by pattern `broad` (both ALB patterns: `*` any
 * sequence, `?` one character). Sound for the patterns routes use: a `*` of `narrow` can only be covered by a `*` of
 * `broad`, a `?` of `narrow` by a `?` or a `*`.
 */
export function patternCovers(broad: string, narrow: string): boolean {
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) {
      return known;
    }
    let result: boolean;
    if (i === broad.length) {
      result = j === narrow.length;
    } else if (broad[i] === '*') {
      // Matches nothing, or consumes one more character (wildcard or not) of the narrow pattern.
      result = go(i + 1, j) || (j < narrow.length && go(i, j + 1));
    } else if (j === narrow.length) {
      result = false;
    } else if (broad[i] === '?') {
      result = narrow[j] !== '*' && go(i + 1, j + 1);
    } else {
      result = narrow[j] === broad[i] && go(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/**
 * Whether route `broad` matches every request route `narrow` matches: no host condition, or every host pattern of
 * `narrow` covered by one of `broad`; the same for paths. A route without a condition of a kind matches every value.
 */
export function routeCovers(broad: RouteConditions, narrow: RouteConditions): boolean {
  const covers = (b: string[], n: string[]): boolean =>
    b.length === 0 || (n.length > 0 && n.every((x) => b.some((y) => patternCovers(y, x))));
  return covers(broad.hosts, narrow.hosts) && covers(broad.paths, narrow.paths);
}

/** How specific one pattern is: 2 per literal character, 1 per `?`, nothing for `*`; capped at 120. */
function patternSpecificity(pattern: string): number {
  const literals = pattern.replace(/[*?]/g, '').length;
  const singles = (pattern.match(/\?/g) ?? []).length;
  return Math.min(120, 2 * literals + singles);
}

/** The largest {@link specificity}. */
const MAX_SPECIFICITY = 130 + 120 + 120 + 9;

/**
 * How specific a route is, 0 to 379: a host condition weighs more than a path condition, longer literal patterns more
 * than shorter ones, fewer values more than many. A route that covers another is never more specific than it.
 */
export function specificity(c: RouteConditions): number {
  const min = (values: string[]) => Math.min(...values.map(patternSpecificity));
  const hosts = c.hosts.length > 0 ? 130 + min(c.hosts) : 0;
  const paths = c.paths.length > 0 ? min(c.paths) : 0;
  return hosts + paths + Math.max(0, 10 - c.hosts.length - c.paths.length);
}

/** Priorities in one band of equal specificity. */
const BAND = 100;

/**
 * The priority of every route: the declared one, or one derived from the route's specificity (more specific routes
 * are evaluated first) and a hash of its id (so adding or removing another route leaves it unchanged). A derived
 * priority never takes a declared one or another derived one.
 */
export function derivePriorities(routes: readonly RoutedRule[]): Map<string, number> {
  const result = new Map<string, number>();
  const taken = new Set<number>();
  for (const r of routes) {
    if (r.priority !== undefined) {
      result.set(r.id, r.priority);
      taken.add(r.priority);
    }
  }
  const derived = routes
    .filter((r) => r.priority === undefined)
    .map((r) => ({ r, spec: specificity(r.conditions), slot: parseInt(createHash('sha256').update(r.id).digest('hex').slice(0, 8), 16) % BAND }))
    .sort((a, b) => b.spec - a.spec || a.slot - b.slot || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
  for (const { r, spec, slot } of derived) {
    const base = 1 + (MAX_SPECIFICITY - spec) * BAND;
    let priority = base + slot;
    while (taken.has(priority) && priority < MAX_PRIORITY) {
      priority++;
    }
    taken.add(priority);
    result.set(r.id, priority);
  }
  return result;
}

/**
 * The routes never reached because a route evaluated before them matches every request they match: `[hidden,
 * hiding]` pairs.
 */
export function shadowedRoutes(routes: readonly RoutedRule[], priorities: Map<string, number>): Array<[RoutedRule, RoutedRule]> {
  const ordered = [...routes].sort((a, b) => priorities.get(a.id)! - priorities.get(b.id)!);
  const out: Array<[RoutedRule, RoutedRule]> = [];
  ordered.forEach((narrow, i) => {
    const broad = ordered.slice(0, i).find((b) => routeCovers(b.conditions, narrow.conditions));
    if (broad) {
      out.push([narrow, broad]);
    }
  });
  return out;
}
