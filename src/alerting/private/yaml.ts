/** YAML without line folding (a folded token or PromQL expression would break). The YAML library is loaded on first use. */
export function toYaml(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stringify } = require('yaml') as typeof import('yaml');
  return stringify(value, { lineWidth: 0 });
}
