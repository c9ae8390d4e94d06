/*
 * Planted secrets ("canaries") and the scanner that looks for them in synthesized configurations, including the
 * decoded user data of launch templates (base64 there, so a grep of cdk.tf.json alone would not find them).
 *
 * test/setup-jest.ts wraps Testing.synth and Testing.synthScope with `assertNoCanary`, so every configuration the
 * whole suite synthesizes is scanned: a canary that reaches an output fails the test that produced it.
 */

/** Secret-looking values, one per kind the library promises to recognise. Each contains a unique marker. */
export const CANARIES: Record<string, string> = {
  'AWS access key id': 'AKIACANARY7Q2X9W4LMZ',
  'random string': 'cAn4ry9Xq2Lm7Vp4Rt8Wn3Zb6Ka1Hd5F',
  'PEM private key': '-----BEGIN PRIVATE KEY-----MIIEvQIBADANcanaryPEM',
  'URL with a password': 'https://deploy:canaryPassw0rd@hooks.example.com/alerts',
  'URL with a token query': 'https://hooks.example.com/alerts?token=canarytoken4242',
  'GitHub token': 'ghp_CANARY0123456789abcdefghijklmnopqrstuv',
  'Slack webhook URL': 'https://hooks.slack.com/services/T0CANARY/B0CANARY/Xy7CanaryWebhook9Zq',
  'connection string password': 'Server=db;Database=app;Password=CanaryPw9;',
  'JSON Web Token': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlY2FuYXJ5',
};

/** The part of each canary that can only come from the canary itself (what the scanner looks for). */
export const CANARY_MARKERS: string[] = [
  'AKIACANARY7Q2X9W4LMZ',
  'cAn4ry9Xq2Lm7Vp4Rt8Wn3Zb6Ka1Hd5F',
  'MIIEvQIBADANcanaryPEM',
  'canaryPassw0rd',
  'canarytoken4242',
  'ghp_CANARY0123456789',
  'Xy7CanaryWebhook9Zq',
  'CanaryPw9',
  'eyJzdWIiOiJjYW5hcnkifQ',
];

/** The decoded text of every launch template's user data in a configuration (plain base64, or Terraform's base64encode(join(...)) of base64decode parts). */
export function decodedUserData(json: any): string[] {
  const out: string[] = [];
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        visit(v, k);
      }
    } else if (typeof node === 'string' && key === 'user_data') {
      if (/^[A-Za-z0-9+/=\s]+$/.test(node)) {
        out.push(Buffer.from(node, 'base64').toString('utf8'));
      } else {
        // Literal parts travel as base64decode("..."): decode each.
        const parts = [...node.matchAll(/base64decode\(\\?"([A-Za-z0-9+/=]+)\\?"\)/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
        out.push(parts.join('\n'), node);
      }
    }
  };
  visit(json);
  return out;
}

/** Where a canary appears in a synthesized configuration (its JSON text or a decoded user data), if anywhere. */
export function findCanary(text: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const haystacks = [text, ...(json ? decodedUserData(json) : [])];
  for (const marker of CANARY_MARKERS) {
    if (haystacks.some((h) => h.includes(marker))) {
      return marker;
    }
  }
  return undefined;
}

/** Fails when a planted secret reached a synthesized configuration. */
export function assertNoCanary(text: string): void {
  const marker = findCanary(text);
  if (marker !== undefined) {
    throw new Error(`A planted secret (${marker}) reached a synthesized configuration: secrets must be refused or passed by reference.`);
  }
}
