import { FindingLevel } from '../../findings';
import { COMPLIANT, Rule, RuleResult, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { Unresolved, isExpression, isUnresolved, readBlock, readString } from '../values';

const TEMPLATES = ['aws_launch_template'];

/**
 * Whether the instance metadata service of a `metadata_options` block requires IMDSv2 session tokens: compliant
 * when `http_tokens = "required"`, or when the metadata endpoint is off altogether (`http_endpoint = "disabled"`).
 */
function requiresImdsV2(options: any, where: string): RuleResult {
  const endpoint = readString(options, 'http_endpoint', `${where}.http_endpoint`);
  if (isUnresolved(endpoint)) return unresolvable(endpoint);
  if (endpoint === 'disabled') return COMPLIANT;
  const tokens = readString(options, 'http_tokens', `${where}.http_tokens`);
  if (isUnresolved(tokens)) return unresolvable(tokens);
  if (tokens === 'required') return COMPLIANT;
  return nonCompliant(
    tokens === undefined
      ? `\`${where}.http_tokens\` is unset: IMDSv1 stays enabled unless the AMI or the account's default requires tokens`
      : `\`${where}.http_tokens\` is ${JSON.stringify(tokens)}`,
  );
}

/** An instance's launch template, when its `launch_template` block names one of this stack. */
function templateOf(instance: TfResource, stack: StackView): TfResource | undefined | Unresolved | string {
  const block = readBlock(instance.config, 'launch_template');
  if (isUnresolved(block)) return block;
  if (!block) return undefined;
  const ref = block.id ?? block.name;
  const template = stack.referenced(ref, ...TEMPLATES)[0] ??
    stack.ofType(...TEMPLATES).find((t) => typeof ref === 'string' && !isExpression(ref) && t.config.name === ref);
  if (template) return template;
  return isExpression(ref) ? new Unresolved('launch_template.id', ref) : `the metadata options of launch template ${JSON.stringify(ref)} (not defined in this stack)`;
}

export const COMPUTE_RULES: Rule[] = [
  {
    id: 'FT-EC2-1',
    level: FindingLevel.ERROR,
    info: 'The instance metadata service does not require IMDSv2.',
    explanation:
      'With IMDSv1 enabled, any request the instance can be tricked into making (a server-side request forgery, an open proxy, a ' +
      'misconfigured firewall) reads `http://169.254.169.254/` and walks away with the instance role\'s credentials. IMDSv2 needs a ' +
      'session token obtained with a PUT, which such requests cannot send. Set `metadata_options { http_tokens = "required", ' +
      'http_put_response_hop_limit = 1 }` (or `http_endpoint = "disabled"` when nothing on the instance needs its metadata).',
    resourceTypes: ['aws_instance', 'aws_spot_instance_request', 'aws_launch_template', 'aws_launch_configuration'],
    evaluate: (r, stack) => {
      const options = readBlock(r.config, 'metadata_options');
      if (isUnresolved(options)) return unresolvable(options);
      if (options === undefined && (r.type === 'aws_instance' || r.type === 'aws_spot_instance_request')) {
        // An instance launched from a template takes the template's metadata options: the template's own finding says it.
        const template = templateOf(r, stack);
        if (isUnresolved(template) || typeof template === 'string') return unresolvable(template);
        if (template) return COMPLIANT;
      }
      return requiresImdsV2(options ?? {}, 'metadata_options');
    },
  },
];
