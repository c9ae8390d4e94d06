import { App, TerraformStack, Testing } from 'cdktf';
import { BENCH_SCENARIOS } from '../examples/bench-scenarios';

// `npm run bench` synthesizes every scenario: each must pass the stack's validations (a dashboard beyond 500
// widgets, a route without a target, ... fail the synth), or the bench has nothing to measure.
describe('bench scenarios', () => {
  test.each(Object.keys(BENCH_SCENARIOS))('%s synthesizes, its validations passing', (name) => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    BENCH_SCENARIOS[name](app);
    const stack = app.node.findChild(name) as TerraformStack;
    const json = JSON.parse(Testing.synth(stack, true));
    const dashboards = Object.values(json.resource.aws_cloudwatch_dashboard ?? {}) as any[];
    expect(dashboards.length).toBeGreaterThanOrEqual(1);
    for (const dashboard of dashboards) {
      const widgets = JSON.parse(dashboard.dashboard_body).widgets;
      expect(widgets.length).toBeGreaterThan(0);
      expect(widgets.length).toBeLessThanOrEqual(500);
    }
  }, 180_000);
});
