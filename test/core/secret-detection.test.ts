import * as fc from 'fast-check';
import {
  argumentListSecretProblem,
  embeddedSecretProblem,
  isRandomLooking,
  secretNameProblem,
  secretValueProblem,
  urlCredentialProblem,
} from '../../src/core/private/secret-detection';

/*
 * The documented heuristics of src/core/private/secret-detection.ts, case by case: what is recognised as a secret,
 * and (as important) the ordinary values that must pass, so false positives stay rare.
 */

describe('secret names: only the last word (or the last two, for ..._KEY) counts', () => {
  test.each([
    'PASSWORD', 'DB_PASSWORD', 'dbPassword', 'db-password', '--db.password', 'POSTGRES_PASSWD', 'GPG_PASSPHRASE',
    'CLIENT_SECRET', 'GITHUB_TOKEN', 'authToken', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'apiKey', 'STRIPE_APIKEY',
    'PRIVATE_KEY', 'SIGNING_KEY', 'PAGERDUTY_ROUTING_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'DB_CREDS', 'SECRET_KEY_BASE',
    'WIFI_PSK', 'ADMIN_KEY',
  ])('%s is a secret name', (name) => {
    expect(secretNameProblem(name)).toEqual(expect.stringContaining(JSON.stringify(name)));
  });

  test.each([
    'LOG_LEVEL', 'PORT', 'PUBLIC_KEY_URL', 'DB_PASSWORD_FILE', 'TOKEN_URL', 'SECRET_ARN', 'API_KEY_HEADER', 'PASSWORD_MIN_LENGTH',
    'MAX_TOKENS', 'CACHE_KEY', 'PUBLIC_KEY', 'PRIMARY_KEY', 'NODE_ENV', 'DATABASE_HOST', 'KEY_ID', 'SECRET_NAME', 'KMS_KEY_ARN',
    'TOKEN_TTL', 'PASSWORD_RESET_URL', 'app.kubernetes.io/name', '',
  ])('%s is not a secret name', (name) => {
    expect(secretNameProblem(name)).toBeUndefined();
  });
});

describe('secret values: formats that are secrets whatever they are called', () => {
  test.each([
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE...', 'a PEM private key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'a PEM private key'],
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['key=ASIAIOSFODNN7EXAMPLE;', 'an AWS access key id'],
    ['ghp_0123456789abcdefghijklmnopqrstuvwxyz', 'a GitHub token'],
    ['glpat-abcdefghij0123456789', 'a GitLab token'],
    ['xoxb-1234567890-abcdefghij', 'a Slack token'],
    ['https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX', 'a Slack webhook URL'],
    ['sk_live_abcdefghijklmnop1234', 'a Stripe key'],
    ['sk-proj-abcdefghijklmnopqrstu12345', 'an API secret key (sk-...)'],
    ['npm_abcdefghijklmnopqrstuvwxyz0123456789', 'an npm token'],
    ['AIzaSyA-abcdefghijklmnopqrstuvwxyz01234', 'a Google API key'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcdefghijk', 'a JSON Web Token'],
    ['Server=db;Database=app;Password=hunter22;', 'a connection string with a password'],
    ['postgres://app:hunter22@db.example.com:5432/app', 'a URL with a password (user:password@)'],
    ['https://api.example.com/v1?api_key=abcdef123', 'a URL with a credential in its query (api_key=...)'],
    ['https://example.com/hook?token=abc', 'a URL with a credential in its query (token=...)'],
    ['/healthz?key=abc123', 'a URL with a credential in its query (key=...)'],
    ['sVpvYQ2AL+zkS8G7xDeSfozLS22dJE9S8//JI9A2', 'a random-looking string (a key or password)'],
    ['q8Zr2Lx9Vm4Tn7Wp3Ks6Yb1H', 'a random-looking string (a key or password)'],
  ])('%s is %s', (value, what) => {
    expect(secretValueProblem(value)).toBe(what);
  });

  test.each([
    'debug', '3000', 'production', 'https://keys.example.com/public.pem', 'https://example.com/callback?redirect=/home',
    'ELBSecurityPolicy-TLS13-1-2-2021-06', 'ghcr.io/acme/api:1.4.2',
    'ghcr.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'arn:aws:kms:eu-west-1:123456789012:key/3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    'ami-0123456789abcdef0', 'db.m7g.large', 'sun:03:00-sun:04:00', 'application/json', 'SomeLongCamelCaseIdentifierName',
    'io.kubernetes.pod.namespace', 'quay.io/prometheus/alertmanager:v0.28.1', '/run/secrets/db-password',
    'max_connections', '10.0.0.0/16', 'fd00:ec2::/56', 'AKIA', 'https://grafana.example.com/d/abc',
  ])('%s passes', (value) => {
    expect(secretValueProblem(value)).toBeUndefined();
  });

  test('random-looking needs length, mixed classes, entropy and frequent class changes', () => {
    expect(isRandomLooking('q8Zr2Lx9Vm4Tn7Wp')).toBe(true);
    expect(isRandomLooking('q8Zr2Lx9Vm4Tn7W')).toBe(false); // 15 characters
    expect(isRandomLooking('abcdefghijklmnopqrstuvwx')).toBe(false); // one class
    expect(isRandomLooking('OrderServiceProductionReplica2024')).toBe(false); // camelCase words
    expect(isRandomLooking('aaaaAAAA1111aaaaAAAA1111')).toBe(false); // low entropy
  });

  test('random keys are recognised: at least 97 % of 40-character and 85 % of 20-character base64 keys (fixed seed)', () => {
    const rate = (bytes: number) => {
      const keys = fc.sample(fc.uint8Array({ minLength: bytes, maxLength: bytes }), { numRuns: 1000, seed: 20261127 }).map((b) => Buffer.from(b).toString('base64'));
      return keys.filter((k) => secretValueProblem(k) !== undefined).length / keys.length;
    };
    expect(rate(30)).toBeGreaterThanOrEqual(0.97);
    expect(rate(15)).toBeGreaterThanOrEqual(0.85);
  });
});

describe('URLs: credentials in userinfo, query and (for endpoints) path', () => {
  test.each([
    ['https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue', 'a URL with a key in its path'],
    ['https://hooks.example.com/3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'a URL with a key in its path'],
    ['https://hooks.example.com/T0a8Zr2Lx9Vm4Tn7Wp3Ks6', 'a URL with a key in its path'],
    ['https://0123456789abcdef0123456789abcdef@hooks.example.com/x', 'a URL with a key as its user (key@host)'],
    ['https://user:pw@hooks.example.com/x', 'a URL with a password (user:password@)'],
    ['https://hooks.example.com/x?sig=abc', 'a URL with a credential in its query (sig=...)'],
  ])('endpoint %s is %s', (url, what) => {
    expect(urlCredentialProblem(url, { endpoint: true })).toBe(what);
  });

  test.each([
    'https://alerts.example.com/', 'https://alertmanager.example.com/am', 'https://hooks.example.com/alerts/team-a',
    'https://user@hooks.example.com/x', 'https://hooks.example.com/x?team=payments', 'not a url',
  ])('endpoint %s passes', (url) => {
    expect(urlCredentialProblem(url, { endpoint: true })).toBeUndefined();
  });

  test('a key-looking path segment is only a credential in an endpoint URL (not an image or a docs link)', () => {
    const url = 'https://hooks.example.com/0123456789abcdef0123456789abcdef';
    expect(urlCredentialProblem(url)).toBeUndefined();
    expect(urlCredentialProblem(url, { endpoint: true })).toBe('a URL with a key in its path');
  });
});

describe('scripts and argument lists', () => {
  test.each([
    ['#!/bin/bash\nexport DB_PASSWORD=hunter2\n', 'a literal assigned to DB_PASSWORD'],
    ['API_TOKEN="abc" ./start', 'a literal assigned to API_TOKEN'],
    ['/app --db-password=hunter2', 'a literal assigned to db-password'],
    ['#!/bin/bash\ncurl -H "x: AKIAIOSFODNN7EXAMPLE"', 'an AWS access key id'],
  ])('%j holds a secret', (text, what) => {
    expect(embeddedSecretProblem(text)).toEqual(expect.stringContaining(what));
  });

  test.each([
    '#!/bin/bash\nexport DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id db)"\n',
    'export DB_PASSWORD=$DB_PASSWORD_FROM_VAULT',
    'export DB_PASSWORD_FILE=/run/secrets/db',
    '#!/bin/bash\nexport LOG_LEVEL=debug\nexec /opt/app/start --port=3000',
    'export API_TOKEN=${var.token}',
  ])('%j passes', (text) => {
    expect(embeddedSecretProblem(text)).toBeUndefined();
  });

  test('a secret flag followed by a literal, or an element with a secret, is found at its index', () => {
    expect(argumentListSecretProblem(['--port', '3000', '--password', 'hunter2'])).toEqual({ index: 3, problem: expect.stringContaining('--password') });
    expect(argumentListSecretProblem(['serve', '--token=abc'])).toEqual({ index: 1, problem: expect.stringContaining('token') });
    expect(argumentListSecretProblem(['--password-file', '/run/secrets/db', '--log-level', 'debug'])).toBeUndefined();
    expect(argumentListSecretProblem(['--password', '$(cat /run/secrets/db)'])).toBeUndefined();
    expect(argumentListSecretProblem([42, undefined, '--port'])).toBeUndefined();
  });
});
