import 'cdktf/lib/testing/adapters/jest';
import { App, Testing } from 'cdktf';
import { EXAMPLES } from '../examples/main';

function synthExample(name: string): any {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  EXAMPLES[name](app, name);
  const stack = app.node.findChild(name) as any;
  return JSON.parse(Testing.synth(stack));
}

describe('examples', () => {
  test('every example is registered under its documented stack name', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(['aws-web-app', 'kubernetes-web-app']);
  });

  test('aws-web-app: a network over 3 zones with 3 NAT gateways', () => {
    const json = synthExample('aws-web-app');
    expect(Object.keys(json.resource.aws_subnet)).toHaveLength(9);
    expect(Object.keys(json.resource.aws_nat_gateway)).toHaveLength(3);
    expect(json.provider.aws[0].region).toBe('eu-west-1');
  });

  test('kubernetes-web-app: configures the Kubernetes provider', () => {
    const json = synthExample('kubernetes-web-app');
    expect(json.provider.kubernetes).toHaveLength(1);
  });
});
