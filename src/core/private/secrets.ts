import { DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Token, Tokenization } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { isDnsSubdomain } from './kubernetes';
import {
  argumentListSecretProblem,
  embeddedSecretProblem,
  isFilePath,
  secretNameProblem,
  secretValueProblem,
  urlCredentialProblem,
} from './secret-detection';
import { PropValidator, formatValue } from './validation';
import { Duration } from '../duration';
import { SecretRef, SecretRefKind } from '../secret-ref';

/** Where a {@link SecretRef} points, as the renderers read it. */
export type SecretRefDescription =
  | { readonly kind: SecretRefKind.KUBERNETES; readonly secretName: string; readonly key: string }
  | { readonly kind: SecretRefKind.AWS_SECRETS_MANAGER; readonly secretArn: string; readonly jsonKey?: string }
  | { readonly kind: SecretRefKind.TERRAFORM_VARIABLE; readonly variable: TerraformVariable }
  | { readonly kind: SecretRefKind.AWS_SSM_PARAMETER; readonly parameterArn: string };

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;
const SSM_PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/.+$/;

const FACTORY: Record<SecretRefKind, string> = {
  [SecretRefKind.KUBERNETES]: 'SecretRef.kubernetes(secretName, key)',
  [SecretRefKind.AWS_SECRETS_MANAGER]: 'SecretRef.awsSecretsManager(secretArn, jsonKey)',
  [SecretRefKind.TERRAFORM_VARIABLE]: 'SecretRef.terraformVariable(variable) with a sensitive variable without a default',
  [SecretRefKind.AWS_SSM_PARAMETER]: 'SecretRef.awsSsmParameter(parameterArn)',
};

/**
 * Checks that `value` is a {@link SecretRef} of one of the `accepted` kinds and that it points somewhere valid.
 * A value that is not a reference is never echoed: it may be the secret itself. `where` names what cannot use the
 * other kinds (`on Kubernetes`).
 */
export function validateSecretRef(v: PropValidator, prop: string, value: unknown, accepted: SecretRefKind[], where: string): void {
  const use = accepted.map((k) => FACTORY[k]).join(' or ');
  if (!SecretRef.isSecretRef(value)) {
    const what =
      value === undefined || value === null ? formatValue(value) : `${typeof value === 'string' ? 'a plain string' : `a value of type ${typeof value}`} (not shown)`;
    v.fail(`\`${prop}\` must be a SecretRef, got ${what}. Secrets never belong in code: use ${use}.`);
    return;
  }
  const ref = value as SecretRef;
  const d = ref._describe();
  if (!accepted.includes(d.kind)) {
    v.fail(`\`${prop}\` is ${ref.toString()}, which cannot be used ${where}. Use ${use}.`);
    return;
  }
  switch (d.kind) {
    case SecretRefKind.KUBERNETES:
      v.require(`${prop}.secretName`, d.secretName, () => isDnsSubdomain(d.secretName ?? ''), 'must be a Kubernetes Secret name (lower-case letters, digits, "-" and ".")');
      v.require(`${prop}.key`, d.key, () => SECRET_KEY.test(d.key ?? ''), 'must be a Secret key (letters, digits, "-", "_" and ".")');
      break;
    case SecretRefKind.AWS_SECRETS_MANAGER:
      v.require(`${prop}.secretArn`, d.secretArn, () => SECRETS_MANAGER_ARN.test(d.secretArn ?? ''), 'must be a Secrets Manager secret ARN like "arn:aws:secretsmanager:eu-west-1:123456789012:secret:name-AbCdEf"');
      if (d.jsonKey !== undefined) {
        v.require(`${prop}.jsonKey`, d.jsonKey, () => typeof d.jsonKey === 'string' && d.jsonKey.length > 0 && !Token.isUnresolved(d.jsonKey), 'must be a non-empty key of the JSON secret, known at synth time');
      }
      break;
    case SecretRefKind.AWS_SSM_PARAMETER:
      v.require(`${prop}.parameterArn`, d.parameterArn, () => SSM_PARAMETER_ARN.test(d.parameterArn ?? ''), 'must be a Systems Manager parameter ARN like "arn:aws:ssm:eu-west-1:123456789012:parameter/api/db-password"');
      break;
    case SecretRefKind.TERRAFORM_VARIABLE:
      if (d.variable?.sensitive !== true) {
        v.fail(
          `\`${prop}\` must reference a TerraformVariable declared with \`sensitive: true\`, got ${ref.toString()}, which is not sensitive. Mark it sensitive so Terraform keeps the value out of plans and logs.`,
        );
      } else if (d.variable.default !== undefined) {
        v.fail(
          `\`${prop}\` references ${ref.toString()}, which has a default: the default is written into the synthesized configuration (cdk.tf.json), so the secret would be committed with it. Remove the default and pass the value with TF_VAR_${d.variable.friendlyUniqueId} or a .tfvars file kept out of version control.`,
        );
      }
      break;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plain secrets anywhere in a construct's props
// ---------------------------------------------------------------------------------------------------------------

/** Props that are maps of names to values: their keys are checked as names (`environment["DB_PASSWORD"]`). */
const MAP_PROPS = new Set(['environment', 'tags', 'annotations', 'labels', 'parameters', 'namespaceLabels', 'podLabels', 'selector', 'matchLabels']);
/** Props holding SecretRefs: validated by {@link validateSecretRef}; a plain value there is hidden, never reported twice. */
const SECRET_REF_PROPS = new Set(['secrets', 'credentials', 'secretHttpsEndpoints']);
/** Keys of a variant's description that are not a level of the user's declaration (`Workload.container({...})`). */
const TRANSPARENT_KEYS = new Set(['container', 'machineImage']);

/** How {@link validateNoPlainSecrets} words and finds problems for one construct. */
export interface PlainSecretOptions {
  /** What to do instead for a secret found at `path` (a sentence); a general sentence when it returns nothing. */
  readonly fix?: (path: string) => string | undefined;
  /** Props whose strings are URLs that notifications are sent to: a key-looking path segment counts as a key. */
  readonly endpoints?: readonly string[];
}

const DEFAULT_FIX =
  'Plain values are written into cdk.tf.json and the Terraform state: pass secrets by reference (a SecretRef prop, such as a workload\'s `secrets`), never as text.';

/**
 * Reports every secret given as plain text anywhere in `props` (see `secret-detection.ts` for the heuristics):
 * strings that look like secrets, map entries whose key names a secret (`environment["DB_PASSWORD"]`), literals in
 * scripts and argument lists, credentials in URLs, and Terraform references to sensitive values (a sensitive
 * variable, or a variable whose default looks like a secret). Values are never shown: each one found is hidden from
 * every message of `v`. Constructs, SecretRefs and Durations are not walked.
 */
export function validateNoPlainSecrets(v: PropValidator, scope: IConstruct, props: unknown, options: PlainSecretOptions = {}): void {
  const seen = new Set<object>();
  const report = (path: string, what: string, value: string) => {
    v.hide(value);
    v.fail(`\`${path}\` looks like a secret (${what}); its value is not shown. ${options.fix?.(path) ?? DEFAULT_FIX}`);
  };
  const checkString = (path: string, value: string, name?: string) => {
    if (Token.isUnresolved(value)) {
      const problem = sensitiveReferenceProblem(scope, value);
      if (problem) {
        report(path, problem, value);
        return;
      }
    }
    const literal = Token.isUnresolved(value) ? value.replace(/\$\{TfToken\[[^\]]*\]\}/g, ' ') : value;
    const nameProblem = name !== undefined && value.length > 0 && !isFilePath(value) ? secretNameProblem(name) : undefined;
    const problem =
      nameProblem ??
      (options.endpoints?.some((e) => path === e || path.startsWith(`${e}[`)) ? urlCredentialProblem(literal, { endpoint: true }) : undefined) ??
      embeddedSecretProblem(literal);
    if (problem) {
      report(path, problem, value);
    }
  };
  const walk = (path: string, value: unknown, depth: number, name?: string, parent?: string): void => {
    if (value === undefined || value === null || depth > 12) {
      return;
    }
    if (typeof value === 'string') {
      checkString(path, value, name);
      return;
    }
    if (typeof value !== 'object' || seen.has(value)) {
      return;
    }
    seen.add(value);
    if (Construct.isConstruct(value) || SecretRef.isSecretRef(value) || Duration.isDuration(value)) {
      return;
    }
    if (parent !== undefined && SECRET_REF_PROPS.has(parent)) {
      // Validated as SecretRefs elsewhere; a plain string given there must still never be shown.
      hideStrings(v, value, 0);
      return;
    }
    if (Array.isArray(value)) {
      const args = argumentListSecretProblem(value);
      if (args) {
        report(`${path}[${args.index}]`, args.problem, String(value[args.index]));
        value.forEach((item) => typeof item === 'string' && v.hide(item));
        return;
      }
      value.forEach((item, i) => walk(`${path}[${i}]`, item, depth + 1));
      return;
    }
    const describe = (value as { _describe?: unknown })._describe;
    if (typeof describe === 'function') {
      let described: unknown;
      try {
        described = describe.call(value);
      } catch {
        return;
      }
      walkFields(path, described, depth, true);
      return;
    }
    walkFields(path, value, depth, false, parent !== undefined && MAP_PROPS.has(parent));
  };
  const walkFields = (path: string, value: unknown, depth: number, transparent: boolean, isMap = false): void => {
    if (typeof value !== 'object' || value === null) {
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (transparent && TRANSPARENT_KEYS.has(key) && typeof child === 'object') {
        walkFields(path, child, depth + 1, false);
        continue;
      }
      if (isMap) {
        // The keys of a map are written too (environment variable names, tag keys).
        const keyProblem = secretValueProblem(key);
        if (keyProblem) {
          report(`${path} key`, keyProblem, key);
          continue;
        }
      }
      const childPath = isMap ? `${path}[${JSON.stringify(key)}]` : path ? `${path}.${key}` : key;
      walk(childPath, child, depth + 1, isMap ? key : undefined, key);
    }
  };
  walkFields('', props, 0, false);
}

/**
 * Keys of a credential's description that name where it goes (`{ prop: 'routingKey', field, configField, value }`):
 * the library's own words, which messages must still show.
 */
const CREDENTIAL_DESCRIPTION_KEYS = new Set(['prop', 'field', 'configField']);

/** Hides every string inside `value` (not below SecretRefs and constructs) from the messages of `v`. */
function hideStrings(v: PropValidator, value: unknown, depth: number): void {
  if (typeof value === 'string') {
    v.hide(value);
  } else if (typeof value === 'object' && value !== null && depth < 6 && !Construct.isConstruct(value) && !SecretRef.isSecretRef(value)) {
    Object.entries(value)
      .filter(([key]) => Array.isArray(value) || !CREDENTIAL_DESCRIPTION_KEYS.has(key))
      .forEach(([, child]) => hideStrings(v, child, depth + 1));
  }
}

/** Resource attributes that hold secrets (the providers mark them sensitive). */
const SENSITIVE_ATTRIBUTE = /\.(password|master_password|secret_string|secret_binary|secret|private_key[a-z_]*|access_token|auth_token|token|secret_access_key|ses_smtp_password_v4|kube_config[a-z_]*|client_key|client_secret)\b|random_password\.[A-Za-z0-9_-]+\.(result|bcrypt_hash)\b/;

/**
 * Whether a string with Terraform tokens references a secret: a variable declared `sensitive`, a variable whose
 * default looks like a secret, or a resource attribute that holds one. Such a value would be written in plain text
 * where this library renders it (the container environment, instance user data).
 */
export function sensitiveReferenceProblem(scope: IConstruct, value: string): string | undefined {
  let resolved: unknown;
  try {
    const resolver = new DefaultTokenResolver(new StringConcat());
    resolved = Tokenization.resolve(value, { scope: TerraformStack.of(scope), resolver, preparing: true });
  } catch {
    return undefined;
  }
  const text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
  const variables = new Map<string, TerraformVariable>();
  for (const c of TerraformStack.of(scope).node.findAll()) {
    if (c instanceof TerraformVariable) {
      variables.set(c.friendlyUniqueId, c);
    }
  }
  for (const m of text.matchAll(/\bvar\.([A-Za-z0-9_-]+)/g)) {
    const variable = variables.get(m[1]);
    if (variable?.sensitive === true) {
      return `it references the sensitive variable var.${m[1]}`;
    }
    const fallback = variable?.default;
    if (typeof fallback === 'string' && (secretValueProblem(fallback) !== undefined)) {
      return `it references var.${m[1]}, whose default is ${secretValueProblem(fallback)}`;
    }
  }
  const attribute = SENSITIVE_ATTRIBUTE.exec(text);
  if (attribute) {
    return `it references ${attribute[0].replace(/^\./, '')}, an attribute that holds a secret`;
  }
  return undefined;
}
