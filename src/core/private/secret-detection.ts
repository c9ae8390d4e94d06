/*
 * Recognising secrets given as plain values, so they are refused before they reach the synthesized configuration,
 * the Terraform state or (base64-encoded) instance user data. Every detector returns a short description of what
 * it recognised (never the value), or undefined.
 *
 * The heuristics, and why each keeps false positives rare:
 *
 * - By name (`secretNameProblem`): the LAST word of a variable, tag, flag or map key is a secret word (`PASSWORD`,
 *   `PASSWD`, `PASSPHRASE`, `SECRET`, `TOKEN`, `CREDENTIALS`, `CREDS`, `APIKEY`, ...) or the last two words are a
 *   kind of key (`API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`, `SECRET_KEY`, `SIGNING_KEY`, `ROUTING_KEY`, ...). Only the
 *   last word counts, so names that describe a secret without holding it pass: `DB_PASSWORD_FILE`, `TOKEN_URL`,
 *   `SECRET_ARN`, `API_KEY_HEADER`, `PASSWORD_MIN_LENGTH`, `MAX_TOKENS`, `PUBLIC_KEY_URL`. A value that is an
 *   absolute file path (`/run/secrets/db`) names where a secret is and passes too.
 * - By value (`secretValueProblem`): formats that are secrets whatever their name: a PEM private key block, an AWS
 *   access key id (`AKIA`/`ASIA` + 16), GitHub, GitLab, Slack, Stripe, OpenAI, npm and Google API key formats, a JWT,
 *   a Slack webhook URL, a URL with a password (`user:pass@`) or a credential query parameter (`?token=`, `key=`,
 *   `sig=`, ...), a `Password=` in a connection string, and random-looking strings: a run of at least 20 base64 or
 *   base64url characters with upper- and lower-case letters and digits, whose character entropy is at least 80 %
 *   of the most its length allows and whose character class (lower, upper, digit) changes at 45 % of the characters
 *   or more (random base64 near 62 %; camelCase identifiers change once per word, so `ELBSecurityPolicy-TLS13-1-2-2021-06`
 *   or `OrderServiceProductionReplica2024` pass, though a run of two-letter words such as `ThisIsMyName2024` may not).
 *   Hexadecimal strings (image digests, commit hashes, UUIDs) are not random-looking here: they are identifiers far
 *   more often than keys, except in a URL's path (`urlCredentialProblem`).
 * - In text (`embeddedSecretProblem`): shell assignments (`export DB_PASSWORD=hunter2`) and flags
 *   (`--db-password=hunter2`) whose name is a secret name and whose value is a literal (not `$VAR` or `$(...)`).
 */

/** Words that, at the end of a name, say the value is a secret. */
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWD', 'PASSPHRASE', 'PASSCODE', 'SECRET', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS', 'CREDS',
  'APIKEY', 'PRIVATEKEY', 'SECRETKEY', 'ACCESSKEY', 'AUTHTOKEN', 'PSK',
]);
/** Words that, before a final `KEY`, say the key is a secret (`API_KEY`, not `CACHE_KEY`). */
const SECRET_KEY_KINDS = new Set([
  'API', 'ACCESS', 'SECRET', 'PRIVATE', 'SIGNING', 'SIGN', 'ENCRYPTION', 'ENCRYPT', 'DECRYPTION', 'MASTER', 'LICENSE',
  'ROUTING', 'INTEGRATION', 'HMAC', 'JWT', 'SESSION', 'AUTH', 'SSH', 'CLIENT', 'APP', 'DEPLOY', 'CIPHER', 'CRYPTO',
  'SHARED', 'WEBHOOK', 'SERVICE', 'ADMIN',
]);
/** Whole names that hold secrets although their last word does not say so. */
const SECRET_NAMES = new Set(['SECRET_KEY_BASE', 'SECRETKEYBASE']);

/** The words of a name: `dbPassword`, `DB_PASSWORD`, `db-password`, `--db.password` all give `DB`, `PASSWORD`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toUpperCase());
}

/**
 * Whether a name (environment variable, flag, tag or map key) says its value is a secret, and why. Only the last
 * word (or the last two, for `..._KEY`) counts.
 */
export function secretNameProblem(name: string): string | undefined {
  if (typeof name !== 'string') {
    return undefined;
  }
  const words = nameWords(name);
  if (words.length === 0) {
    return undefined;
  }
  if (SECRET_NAMES.has(words.join('_')) || SECRET_NAMES.has(words.join(''))) {
    return `its name ${JSON.stringify(name)} is a secret's`;
  }
  const last = words[words.length - 1];
  if (SECRET_WORDS.has(last)) {
    return `its name ${JSON.stringify(name)} ends in "${last}"`;
  }
  if (last === 'KEY' && words.length >= 2 && SECRET_KEY_KINDS.has(words[words.length - 2])) {
    return `its name ${JSON.stringify(name)} ends in "${words[words.length - 2]}_KEY"`;
  }
  return undefined;
}

/** A value that names where a secret is rather than holding it: an absolute file path. */
export function isFilePath(value: string): boolean {
  return /^\/[A-Za-z0-9._/@+-]*$/.test(value) && !value.startsWith('//');
}

/** Formats that are secrets whatever they are called, each with what it is. */
const SECRET_FORMATS: Array<[RegExp, string]> = [
  [/-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----/, 'a PEM private key'],
  [/(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}($|[^A-Z0-9])/, 'an AWS access key id'],
  [/(^|[^A-Za-z0-9_])(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}/, 'a GitHub token'],
  [/github_pat_[A-Za-z0-9_]{30,}/, 'a GitHub token'],
  [/glpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token'],
  [/xox[abprse]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9/_-]{10,}/, 'a Slack webhook URL'],
  [/(^|[^A-Za-z0-9])(sk|rk)_(live|test)_[A-Za-z0-9]{16,}/, 'a Stripe key'],
  [/(^|[^A-Za-z0-9])sk-(proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,}/, 'an API secret key (sk-...)'],
  [/(^|[^A-Za-z0-9_])npm_[A-Za-z0-9]{36}/, 'an npm token'],
  [/AIza[0-9A-Za-z_-]{35}/, 'a Google API key'],
  [/(^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a JSON Web Token'],
  [/(^|[;\s])(password|pwd)\s*=\s*[^;\s]+/i, 'a connection string with a password'],
];

/** Query parameters and userinfo: where URLs carry credentials. */
const CREDENTIAL_PARAMS = new Set([
  'KEY', 'APIKEY', 'API_KEY', 'TOKEN', 'ACCESS_TOKEN', 'AUTH', 'AUTH_TOKEN', 'SECRET', 'CLIENT_SECRET', 'PASSWORD',
  'PASS', 'PWD', 'SIG', 'SIGNATURE', 'X_AMZ_SIGNATURE', 'X_AMZ_CREDENTIAL', 'X_AMZ_SECURITY_TOKEN',
  'ROUTING_KEY', 'INTEGRATION_KEY',
]);

const URL = /[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s"'<>]+/g;

/**
 * Whether a URL carries a credential: a password or key in its userinfo (`user:pass@`, `<key>@`), a credential query
 * parameter (`?key=`, `token=`, `sig=`, ...), or, for `endpoint` URLs (where notifications are sent, so a path
 * segment is often the key itself: PagerDuty's `/integration/<key>/enqueue`), a key-looking path segment: 32 or more
 * hexadecimal digits, a UUID, or a random-looking string.
 */
export function urlCredentialProblem(url: string, options: { readonly endpoint?: boolean } = {}): string | undefined {
  if (typeof url !== 'string') {
    return undefined;
  }
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/.exec(url);
  if (!m) {
    return undefined;
  }
  const authority = m[2];
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (userinfo.includes(':')) {
      return 'a URL with a password (user:password@)';
    }
    if (userinfo.length >= 16 && (isRandomLooking(userinfo) || isHexKey(userinfo))) {
      return 'a URL with a key as its user (key@host)';
    }
  }
  const query = m[4];
  if (query) {
    for (const pair of query.slice(1).split('&')) {
      const eq = pair.indexOf('=');
      const name = decodeSafely(eq >= 0 ? pair.slice(0, eq) : pair);
      const value = eq >= 0 ? pair.slice(eq + 1) : '';
      const normalized = nameWords(name).join('_');
      if (value.length > 0 && (CREDENTIAL_PARAMS.has(normalized) || secretNameProblem(name) !== undefined)) {
        return `a URL with a credential in its query (${name}=...)`;
      }
    }
  }
  if (options.endpoint) {
    for (const segment of m[3].split('/')) {
      const s = decodeSafely(segment);
      if (isHexKey(s) || /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(s) || (s.length >= 16 && isRandomLooking(s))) {
        return 'a URL with a key in its path';
      }
    }
  }
  return undefined;
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isHexKey(s: string): boolean {
  return /^[0-9a-fA-F]{32,}$/.test(s);
}

/**
 * Whether a string is random-looking: at least 16 characters of one base64 alphabet, with upper- and lower-case
 * letters and digits, an entropy of at least 80 % of the most its length allows, and a change of character class
 * (lower, upper, digit, other) at 45 % of the characters or more (camelCase words stay near 40 %, random strings near 65 %).
 */
export function isRandomLooking(s: string): boolean {
  if (s.length < 16 || !/^[A-Za-z0-9+/=_-]+$/.test(s)) {
    return false;
  }
  if (!/[a-z]/.test(s) || !/[A-Z]/.test(s) || !/[0-9]/.test(s)) {
    return false;
  }
  const counts = new Map<string, number>();
  for (const c of s) {
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    entropy -= p * Math.log2(p);
  }
  if (entropy < 0.8 * Math.log2(Math.min(s.length, 64))) {
    return false;
  }
  const cls = (c: string) => (/[a-z]/.test(c) ? 0 : /[A-Z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 3);
  let changes = 0;
  for (let i = 1; i < s.length; i++) {
    if (cls(s[i]) !== cls(s[i - 1])) {
      changes++;
    }
  }
  return changes / (s.length - 1) >= 0.45;
}

/**
 * Whether a value is a secret whatever it is called (see the heuristics above), and what it looks like. Values
 * spanning several lines are checked line by line.
 */
export function secretValueProblem(value: string): string | undefined {
  if (typeof value !== 'string' || value.length < 8) {
    return undefined;
  }
  for (const [pattern, what] of SECRET_FORMATS) {
    if (pattern.test(value)) {
      return what;
    }
  }
  for (const url of value.match(URL) ?? []) {
    const problem = urlCredentialProblem(url);
    if (problem) {
      return problem;
    }
  }
  // A path with a query (a health check path): the same query parameters carry credentials.
  if (/^\/[^\s?]*\?/.test(value)) {
    const problem = urlCredentialProblem(`http://localhost${value}`);
    if (problem) {
      return problem;
    }
  }
  // Runs of one base64 alphabet each: standard (`+`, `/`) and URL-safe (`-`, `_`).
  const runs = [...(value.match(/[A-Za-z0-9+/=]{20,}/g) ?? []), ...(value.match(/[A-Za-z0-9_-]{20,}/g) ?? [])];
  if (runs.some((run) => isRandomLooking(run.replace(/=+$/, '')))) {
    return 'a random-looking string (a key or password)';
  }
  return undefined;
}

/** Shell assignments (`export NAME=value`, `NAME="value"`) and flags (`--name=value`) in a text. */
const ASSIGNMENT = /(?:^|[\s;&|('"`])(?:export\s+|readonly\s+|declare\s+(?:-\w+\s+)?|set\s+)?([A-Za-z_][A-Za-z0-9_]*)=("[^"\n]*"|'[^'\n]*'|[^\s;&|'"`)]+)/g;
const FLAG_VALUE = /(?:^|\s)--?([A-Za-z][A-Za-z0-9_.-]*)[= ]("[^"\n]*"|'[^'\n]*'|[^\s;&|'"`-][^\s;&|'"`]*)/g;

function literalValue(raw: string): string | undefined {
  const value = raw.replace(/^(["'])(.*)\1$/, '$2');
  // A reference to a variable, a command substitution or a Terraform token is not the secret itself.
  if (value.length === 0 || /^[$%{]/.test(value) || value.includes('${') || value.includes('$(') || isFilePath(value)) {
    return undefined;
  }
  return value;
}

/**
 * Secrets written into a text such as a start-up script or a command line: a literal assigned to a secret name
 * (`export DB_PASSWORD=hunter2`, `--api-key=abc123`), or a secret-looking value anywhere in it.
 */
export function embeddedSecretProblem(text: string): string | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  for (const pattern of [ASSIGNMENT, FLAG_VALUE]) {
    for (const m of text.matchAll(pattern)) {
      const reason = secretNameProblem(m[1]);
      if (reason && literalValue(m[2]) !== undefined) {
        return `a literal assigned to ${m[1]} (${reason})`;
      }
    }
  }
  for (const line of text.split(/\r?\n/)) {
    const problem = secretValueProblem(line);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}

/**
 * Secrets in a list of command-line arguments: `["--password", "hunter2"]` (a secret flag followed by a literal), or
 * any element with an embedded secret.
 */
export function argumentListSecretProblem(args: readonly unknown[]): { readonly index: number; readonly problem: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg !== 'string') {
      continue;
    }
    const flag = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(arg);
    const next = args[i + 1];
    if (flag && typeof next === 'string' && !next.startsWith('-')) {
      const reason = secretNameProblem(flag[1]);
      if (reason && literalValue(next) !== undefined) {
        return { index: i + 1, problem: `a literal given to ${arg} (${reason})` };
      }
    }
    const problem = embeddedSecretProblem(arg);
    if (problem) {
      return { index: i, problem };
    }
  }
  return undefined;
}
