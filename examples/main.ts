import { App } from 'cdktf';
import { AwsWebAppStack } from './aws-web-app';
import { KubernetesWebAppStack } from './kubernetes-web-app';

/** Every example stack, by the name it is synthesized under (`cdktf.out/stacks/<name>`). */
export const EXAMPLES: Record<string, (app: App, id: string) => void> = {
  'aws-web-app': (app, id) => new AwsWebAppStack(app, id),
  'kubernetes-web-app': (app, id) => new KubernetesWebAppStack(app, id),
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
