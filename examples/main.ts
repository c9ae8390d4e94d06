import { App } from 'cdktf';
import type { AwsFargateWebAppStack } from './aws-fargate-web-app';
import type { AwsWebAppStack } from './aws-web-app';
import type { KubernetesWebAppStack } from './kubernetes-web-app';
import type { MultiRegionWebAppStack } from './multi-region-web-app';

/** Every example stack, by the name it is synthesized under (`cdktf.out/stacks/<name>`). */
export const EXAMPLES: Record<string, (app: App, id: string) => unknown> = {
  // Each example's module is loaded only when it is synthesized, so `FT_EXAMPLES=one` measures that one alone.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  'aws-web-app': (app, id): AwsWebAppStack => new (require('./aws-web-app') as typeof import('./aws-web-app')).AwsWebAppStack(app, id),
  'aws-fargate-web-app': (app, id): AwsFargateWebAppStack =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    new (require('./aws-fargate-web-app') as typeof import('./aws-fargate-web-app')).AwsFargateWebAppStack(app, id),
  'kubernetes-web-app': (app, id): KubernetesWebAppStack =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    new (require('./kubernetes-web-app') as typeof import('./kubernetes-web-app')).KubernetesWebAppStack(app, id),
  'multi-region-web-app': (app, id): MultiRegionWebAppStack =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    new (require('./multi-region-web-app') as typeof import('./multi-region-web-app')).MultiRegionWebAppStack(app, id),
};

/**
 * Synthesizes every example, or only those named in `FT_EXAMPLES` (comma-separated; used by `npm run bench`).
 */
export function main(): void {
  const only = process.env.FT_EXAMPLES?.split(',').filter((s) => s.length > 0);
  const app = new App();
  for (const [name, create] of Object.entries(EXAMPLES)) {
    if (!only || only.includes(name)) {
      create(app, name);
    }
  }
  app.synth();
}

if (require.main === module) {
  main();
}
