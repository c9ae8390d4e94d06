import 'cdktf/lib/testing/adapters/jest';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { CERT, awsError, errorOf, existingNetwork, kubernetesError, resources, synthAws } from './fixtures';
import { AlarmTopic, HealthCheckedLoadBalancer, LoadBalancerType, MultiAzNetwork, Platform } from '../../src';
import {
  derivePriorities,
  patternCovers,
  routeConditions,
  routeCovers,
  shadowedRoutes,
  specificity,
} from '../../src/load-balancing/private/routing';

const PREFIX = 'HealthCheckedLoadBalancer "stack/edge": ';

/** The rule of route `id` (construct `edge/<id>/ListenerRule`). */
function rule(json: any, id: string): any {
  const entries = Object.entries(json.resource.aws_lb_listener_rule ?? {}).filter(([k]) => k.startsWith(`edge_${id}_ListenerRule_`));
  if (entries.length !== 1) {
    throw new Error(`expected one rule for ${id}, got ${entries.length}`);
  }
  return entries[0][1];
}

describe('HealthCheckedLoadBalancer routes: listener rules', () => {
  const { json, text, lb } = synthAws({}, (edge) => {
    const api = edge.addRoute('api', { hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*'], priority: 10 });
    api.addTarget('api-blue', { port: 3000, weight: 100 });
    api.addTarget('api-green', { port: 3000, weight: 0 });
    edge.addRoute('shop', { hostHeaders: ['shop.example.com'] }).addTarget('shop', { port: 8080 });
  });

  test('one rule per route on the HTTPS listener, with its host-header and path-pattern conditions', () => {
    expect(text).toHaveResourceWithProperties(LbListenerRule, {
      listener_arn: expect.stringMatching(/^\$\{aws_lb_listener\.edge_HttpsListener_\w+\.arn\}$/),
      priority: 10,
      condition: [{ host_header: { values: ['api.example.com'] } }, { path_pattern: { values: ['/v1/*'] } }],
    });
    expect(rule(json, 'shop').condition).toEqual([{ host_header: { values: ['shop.example.com'] } }]);
    expect(lb.aws!.listenerRules).toHaveLength(2);
    expect(lb.routes.map((r) => [r.node.id, r.hostHeaders, r.pathPatterns])).toEqual([
      ['api', ['api.example.com'], ['/v1/*']],
      ['shop', ['shop.example.com'], []],
    ]);
  });

  test('the weighted forward of blue/green inside the rule, with the load balancer\'s stickiness', () => {
    expect(rule(json, 'api').action).toEqual([
      {
        type: 'forward',
        forward: {
          target_group: [
            { arn: expect.stringMatching(/aws_lb_target_group\.edge_TargetGroupApi-blue_\w+\.arn/), weight: 100 },
            { arn: expect.stringMatching(/aws_lb_target_group\.edge_TargetGroupApi-green_\w+\.arn/), weight: 0 },
          ],
          stickiness: { enabled: false, duration: 1 },
        },
      },
    ]);
  });

  test('every target is routed: the listener answers the requests no route matches with 404', () => {
    const listener = Object.values(json.resource.aws_lb_listener).find((l: any) => l.protocol === 'HTTPS') as any;
    expect(listener.default_action).toEqual([
      { type: 'fixed-response', fixed_response: { content_type: 'text/plain', message_body: 'Not found', status_code: '404' } },
    ]);
  });

  test('a routed target is forwarded by its rule; an unrouted one by the listener', () => {
    const api = lb.routes[0];
    expect(api.targets.map((t) => t.forwardedBy)).toEqual([api.listenerRule, api.listenerRule]);
    const mixed = synthAws({}, (edge) => {
      edge.addTarget('web', { port: 3000 });
      edge.addRoute('api', { pathPatterns: ['/api/*'] }).addTarget('api', { port: 3001 });
    });
    expect(mixed.lb.targets.map((t) => t.forwardedBy)).toEqual([mixed.lb.aws!.httpsListener, mixed.lb.routes[0].listenerRule]);
    const listener = Object.values(mixed.json.resource.aws_lb_listener).find((l: any) => l.protocol === 'HTTPS') as any;
    expect(listener.default_action[0].forward.target_group).toEqual([{ arn: expect.stringMatching(/TargetGroupWeb/), weight: 1 }]);
  });

  test('route targets are load balancer targets: target groups, alarms and the security-group wiring as for addTarget', () => {
    expect(lb.targets.map((t) => t.id)).toEqual(['api-blue', 'api-green', 'shop']);
    expect(resources(json, 'aws_lb_target_group')).toHaveLength(3);
    expect(lb.routes[0].targets.map((t) => t.alarms.map((a) => a.key))).toEqual([
      ['Api-blueUnhealthyHosts', 'Api-blueNoHealthyHosts', 'Api-blueTarget5xx'],
      ['Api-greenUnhealthyHosts', 'Api-greenTarget5xx'],
    ]);
  });

  test('a route is a load balancer for the service behind it: 5 targets, request counts, the load balancer\'s health check', () => {
    const [api] = lb.routes;
    expect([api.platformKind, api.maxTargets, api.countsRequests, api.healthCheck]).toEqual([lb.platformKind, 5, true, lb.healthCheck]);
    expect(api.priority).toBe(10);
  });
});

describe('HealthCheckedLoadBalancer routes: derived priorities', () => {
  const routesOf = (ids: Array<[string, string[] | undefined, string[] | undefined]>) => {
    const { json } = synthAws({}, (edge) => {
      ids.forEach(([id, hostHeaders, pathPatterns]) => edge.addRoute(id, { hostHeaders, pathPatterns }).addTarget(id, { port: 3000 }));
    });
    return Object.fromEntries(ids.map(([id]) => [id, rule(json, id).priority as number]));
  };

  test('more specific routes are evaluated first: host and path, then host, then the longer path', () => {
    const p = routesOf([
      ['all-api', undefined, ['/api/*']],
      ['admin', undefined, ['/api/admin/*']],
      ['shop', ['shop.example.com'], undefined],
      ['shop-api', ['shop.example.com'], ['/api/*']],
      ['wild', ['*.example.com'], undefined],
    ]);
    expect(p['shop-api']).toBeLessThan(p.shop);
    expect(p.shop).toBeLessThan(p.wild);
    expect(p.wild).toBeLessThan(p.admin);
    expect(p.admin).toBeLessThan(p['all-api']);
    for (const value of Object.values(p)) {
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThanOrEqual(50000);
    }
  });

  test('adding a route leaves the others\' priorities unchanged (no renumbering, no PriorityInUse during apply)', () => {
    const before = routesOf([['a', undefined, ['/a/*']], ['b', undefined, ['/b/*']]]);
    const after = routesOf([['a', undefined, ['/a/*']], ['new', undefined, ['/0/*']], ['b', undefined, ['/b/*']]]);
    expect(after.a).toBe(before.a);
    expect(after.b).toBe(before.b);
  });

  test('a derived priority never takes a declared one', () => {
    const declared = derivePriorities([{ id: 'x', conditions: routeConditions(undefined, ['/x/*']) }]).get('x')!;
    const { json } = synthAws({}, (edge) => {
      edge.addRoute('pinned', { pathPatterns: ['/pinned/*'], priority: declared }).addTarget('pinned', { port: 3000 });
      edge.addRoute('x', { pathPatterns: ['/x/*'] }).addTarget('x', { port: 3000 });
    });
    expect(rule(json, 'pinned').priority).toBe(declared);
    expect(rule(json, 'x').priority).not.toBe(declared);
  });

  test('property: 100 routes get 100 distinct priorities within 1..50000, a route always before the routes that cover it', () => {
    const segment = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 100, selector: (s) => s.join('/') }), (paths) => {
        const routes = paths.map((segments, i) => ({ id: `r${i}`, conditions: routeConditions(undefined, [`/${segments.join('/')}/*`]) }));
        const priorities = derivePriorities(routes);
        const values = [...priorities.values()];
        expect(new Set(values).size).toBe(routes.length);
        expect(values.every((v) => Number.isInteger(v) && v >= 1 && v <= 50000)).toBe(true);
        expect(shadowedRoutes(routes, priorities)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('routing: coverage and specificity', () => {
  test.each([
    ['/api/*', '/api/admin/*', true],
    ['/api/*', '/api/v1', true],
    ['/api/*', '/ap*', false],
    ['*.example.com', 'api.example.com', true],
    ['api.example.com', '*.example.com', false],
    ['/a?c', '/a*c', false],
    ['/a*c', '/a?c', true],
    ['/x', '/x', true],
  ])('%s covers %s: %s', (broad, narrow, expected) => {
    expect(patternCovers(broad, narrow)).toBe(expected);
  });

  test('a route without a host covers one with a host only when its paths cover the other\'s', () => {
    expect(routeCovers(routeConditions(undefined, ['/api/*']), routeConditions(['a.example.com'], ['/api/v1/*']))).toBe(true);
    expect(routeCovers(routeConditions(['a.example.com'], undefined), routeConditions(undefined, ['/api/*']))).toBe(false);
    expect(routeCovers(routeConditions(['A.Example.com'], undefined), routeConditions(['a.example.COM'], ['/x']))).toBe(true);
  });

  test('property: a route that covers another is never more specific than it', () => {
    const pattern = fc.stringMatching(/^\/[a-z*?]{0,6}$/);
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const broad = routeConditions(undefined, [a]);
        const narrow = routeConditions(undefined, [b]);
        if (routeCovers(broad, narrow)) {
          expect(specificity(broad)).toBeLessThanOrEqual(specificity(narrow));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('HealthCheckedLoadBalancer routes: validation', () => {
  const route = (options: any, setup?: (lb: HealthCheckedLoadBalancer) => void) =>
    awsError({}, (lb) => {
      setup?.(lb);
      lb.addRoute('api', options);
    });

  test('a route needs a condition', () => {
    expect(route({})).toBe(
      `${PREFIX}\`addRoute("api")\` needs \`hostHeaders\`, \`pathPatterns\` or both: a rule without a condition would take every request. Add targets to the load balancer itself (\`addTarget\`) for the requests no route matches.`,
    );
  });

  test('host headers and path patterns must be well formed', () => {
    expect(route({ hostHeaders: ['api example.com'], pathPatterns: ['api/*'] })).toBe(
      'HealthCheckedLoadBalancer "stack/edge" has 2 invalid props:\n' +
        '  - `addRoute("api").hostHeaders[0]` must be a host name pattern of at most 128 letters, digits, "-", "." and the wildcards "*" and "?", got "api example.com".\n' +
        '  - `addRoute("api").pathPatterns[0]` must be a path pattern starting with "/", of at most 128 characters among letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards "*" and "?", got "api/*".',
    );
    expect(route({ pathPatterns: [] })).toBe(`${PREFIX}\`addRoute("api").pathPatterns\` must be a non-empty list of strings, got []. Leave \`pathPatterns\` out to match any.`);
    expect(route({ hostHeaders: [`${'a'.repeat(129)}`] })).toMatch(/hostHeaders\[0\]` must be a host name pattern of at most 128/);
  });

  test('at most 5 condition values and 5 wildcards per rule', () => {
    expect(route({ hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'], pathPatterns: ['/a', '/b', '/c'] })).toBe(
      `${PREFIX}\`addRoute("api")\` has 6 host headers and path patterns: an Application Load Balancer rule takes at most 5 condition values. Split it into several routes.`,
    );
    expect(route({ pathPatterns: ['/a*/*', '/b*/*', '/c??'] })).toBe(
      `${PREFIX}\`addRoute("api")\` uses 6 wildcards ("*", "?") in its conditions: an Application Load Balancer rule takes at most 5. Split it into several routes.`,
    );
  });

  test('priority collisions and out-of-range priorities', () => {
    expect(route({ pathPatterns: ['/api/*'], priority: 7 }, (lb) => lb.addRoute('web', { pathPatterns: ['/web/*'], priority: 7 }))).toBe(
      `${PREFIX}\`addRoute("api").priority\` 7 is already the priority of route "web": every rule of a listener needs its own priority. Pick another, or leave it out to derive one.`,
    );
    expect(route({ pathPatterns: ['/api/*'], priority: 50001 })).toBe(
      `${PREFIX}\`addRoute("api").priority\` must be a whole number from 1 to 50000 (rules are evaluated lowest first), got 50001.`,
    );
  });

  test('conflicting host/path pairs: two routes matching the same requests', () => {
    expect(route({ hostHeaders: ['API.example.com'], pathPatterns: ['/v1/*'] }, (lb) => lb.addRoute('web', { hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*'] }))).toBe(
      `${PREFIX}\`addRoute("api")\` matches the same requests (host api.example.com and path /v1/*) as route "web": only one of them would ever be reached. ` +
        'Send both services\' traffic through one route (its targets are weighted), or tell them apart by host or path.',
    );
  });

  test('rules per load balancer: the default quota of 100, or the raised quota given as ruleQuota', () => {
    const fill = (n: number) => (lb: HealthCheckedLoadBalancer) => {
      for (let i = 0; i < n; i++) {
        lb.addRoute(`r${i}`, { pathPatterns: [`/r${i}/*`] });
      }
    };
    expect(route({ pathPatterns: ['/api/*'] }, fill(100))).toBe(
      `${PREFIX}\`addRoute("api")\` would be rule 101 of the load balancer: the account's quota "Rules per Application Load Balancer" is 100. ` +
        'Put the service behind another load balancer, or raise the quota with AWS and set `ruleQuota` to it.',
    );
    expect(() =>
      errorOf((stack) => {
        const lb = new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network: existingNetwork(stack) }), certificateArn: CERT, ruleQuota: 2 });
        fill(3)(lb);
      }),
    ).not.toThrow();
    expect(awsError({ ruleQuota: 0 })).toBe(`${PREFIX}\`ruleQuota\` must be a whole number from 1 to 50000 (the account's quota "Rules per Application Load Balancer"), got 0.`);
  });

  test('target groups: 5 per rule, 100 per load balancer', () => {
    expect(
      awsError({}, (lb) => {
        const api = lb.addRoute('api', { pathPatterns: ['/api/*'] });
        ['a', 'b', 'c', 'd', 'e', 'f'].forEach((id) => api.addTarget(id, { port: 3000 }));
      }),
    ).toBe(`${PREFIX}\`addRoute("api").addTarget("f")\` would be the 6th target of the route: an Application Load Balancer rule forwards to at most 5 target groups. Add another route.`);
    expect(
      awsError({ ruleQuota: 200 }, (lb) => {
        for (let i = 0; i <= 100; i++) {
          lb.addRoute(`r${i}`, { pathPatterns: [`/r${i}/*`] }).addTarget(`t${i}`, { port: 3000 });
        }
      }),
    ).toBe(
      `${PREFIX}\`addRoute("r100").addTarget("t100")\` would be target group 101 of the load balancer: an Application Load Balancer forwards to at most 100 target groups (a quota AWS does not raise). Put the service behind another load balancer.`,
    );
    expect(
      awsError({}, (lb) => {
        lb.addTarget('api', { port: 3000 });
        lb.addRoute('r', { pathPatterns: ['/r/*'] }).addTarget('API', { port: 3000 });
      }),
    ).toBe(`${PREFIX}\`addRoute("r").addTarget("API") id\` must be unique among the targets of this load balancer (ignoring case), got "API".`);
  });

  test('routes need an Application Load Balancer on AWS', () => {
    expect(awsError({ loadBalancerType: LoadBalancerType.NETWORK }, (lb) => lb.addRoute('api', { pathPatterns: ['/api/*'] }))).toBe(
      `${PREFIX}\`addRoute("api")\`: a Network Load Balancer forwards connections (layer 4) and has no listener rules. Use \`loadBalancerType: LoadBalancerType.APPLICATION\` to route by host or path.`,
    );
    expect(kubernetesError({}, (lb) => lb.addRoute('api', { pathPatterns: ['/api/*'] }))).toBe(
      'HealthCheckedLoadBalancer "stack/web-lb": `addRoute("api")`: a Kubernetes Service of type LoadBalancer forwards one port to one set of pods and cannot route by host or path. ' +
        'Give each service its own load balancer, or put an Ingress or Gateway in front of them.',
    );
    expect(kubernetesError({ ruleQuota: 200 })).toBe('HealthCheckedLoadBalancer "stack/web-lb": `ruleQuota` is only supported on AWS, got 200. A Service has no listener rules; remove it.');
  });

  test('at synth: a route without a target, or never reached behind an earlier route that covers it', () => {
    const synthErrors = (configure: (lb: HealthCheckedLoadBalancer) => void) => {
      const stack = new TerraformStack(Testing.app(), 'stack');
      const lb = new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network: existingNetwork(stack) }), certificateArn: CERT });
      configure(lb);
      return lb.node.validate();
    };
    expect(synthErrors((lb) => lb.addRoute('api', { pathPatterns: ['/api/*'] }))).toEqual([
      `${PREFIX}route "api" (path /api/*) has no target, so its requests would fail. Pass the route as a service's \`loadBalancer\`, or call its \`addTarget\`.`,
    ]);
    expect(
      synthErrors((lb) => {
        lb.addRoute('all', { pathPatterns: ['/api/*'], priority: 1 }).addTarget('all', { port: 3000 });
        lb.addRoute('admin', { pathPatterns: ['/api/admin/*'], priority: 2 }).addTarget('admin', { port: 3000 });
      }),
    ).toEqual([
      `${PREFIX}route "admin" (path /api/admin/*, priority 2) is never reached: route "all" (path /api/*, priority 1) matches every request it matches and is evaluated first. Give "admin" a lower \`priority\` than 1.`,
    ]);
    expect(synthErrors((lb) => lb.addRoute('api', { pathPatterns: ['/api/*'] }).addTarget('idle', { port: 3000, weight: 0 }))).toEqual([
      `${PREFIX}every target of route "api" has weight 0, so none of its requests is served. Give at least one target a weight above 0.`,
    ]);
  });

  test('a priority known only at deploy time is rendered, and left out of the ordering checks', () => {
    const errors = (() => {
      const stack = new TerraformStack(Testing.app(), 'stack');
      const lb = new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network: existingNetwork(stack) }), certificateArn: CERT });
      const priority = new TerraformVariable(stack, 'priority', { type: 'number' });
      lb.addRoute('all', { pathPatterns: ['/api/*'], priority: priority.numberValue }).addTarget('all', { port: 3000 });
      lb.addRoute('admin', { pathPatterns: ['/api/admin/*'] }).addTarget('admin', { port: 3000 });
      return lb.node.validate();
    })();
    expect(errors).toEqual([]);
    const { json } = synthAws({}, (lb) => {
      const priority = new TerraformVariable(lb, 'priority', { type: 'number' });
      lb.addRoute('api', { pathPatterns: ['/api/*'], priority: priority.numberValue }).addTarget('api', { port: 3000 });
    });
    expect(rule(json, 'api').priority).toMatch(/^\$\{var\.edge_priority_\w+\}$/);
  });

  test('conditions known only at deploy time are rendered, not checked', () => {
    const { json } = synthAws({}, (lb) => {
      const host = new TerraformVariable(lb, 'host', { type: 'string' });
      lb.addRoute('api', { hostHeaders: [host.stringValue] }).addTarget('api', { port: 3000 });
    });
    expect(rule(json, 'api').condition).toEqual([{ host_header: { values: [expect.stringMatching(/^\$\{var\.edge_host_\w+\}$/)] } }]);
  });
});

describe('HealthCheckedLoadBalancer routes: Terraform accepts them', () => {
  test('routes with weighted targets, a derived and a declared priority, the 404 default', () => {
    const stack = new TerraformStack(Testing.app(), 'routes');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const network = new MultiAzNetwork(stack, 'network', { availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
    const platform = Platform.aws({ network, alarms: new AlarmTopic(stack, 'oncall', { dashboard: false }) });
    const edge = new HealthCheckedLoadBalancer(stack, 'edge', { platform, certificateArn: CERT });
    const api = edge.addRoute('api', { hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*', '/v2/*'] });
    api.addTarget('stable', { port: 3000, weight: 90 });
    api.addTarget('canary', { port: 3000, weight: 10 });
    edge.addRoute('shop', { hostHeaders: ['*.shop.example.com'], priority: 5 }).addTarget('shop', { port: 8080 });
    expect(stack).toBeValidTerraformOffline();
  });
});
