import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { physicalName } from '../../core/private/naming';

/*
 * Kubernetes naming rules the load balancer needs beyond the shared conventions of core/private/kubernetes.ts.
 */

/** A DNS-1035 label: what Kubernetes accepts as a Service name (a letter first). */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

const KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A stable Service name derived from the construct path (`<stack>-<path>`): a DNS-1035 label of at most 63
 * characters (prefixed with `x-` when the path starts with a digit).
 */
export function serviceName(scope: IConstruct): string {
  let name = physicalName(scope, undefined, { maxLength: 63 });
  if (!/^[a-z]/.test(name)) {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
    name = name.length + 2 <= 63 ? `x-${name}` : `x-${name.slice(name.length - 51)}-${hash}`;
  }
  return name.replace(/-+/g, '-').replace(/-$/, '');
}

/**
 * Whether `key` is a valid label or annotation key: an optional DNS subdomain prefix (at most 253 characters) and
 * `/`, then a name of at most 63 letters, digits, `-`, `_` or `.`, starting and ending alphanumeric.
 */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) {
    return false;
  }
  if (parts.length === 2 && (parts[0].length === 0 || parts[0].length > 253 || !DNS_1123_SUBDOMAIN.test(parts[0]))) {
    return false;
  }
  return KEY_NAME.test(parts[parts.length - 1]);
}
